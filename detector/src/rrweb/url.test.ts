import { describe, expect, it } from 'vitest';
import { resolveUrl } from './url.js';

describe('resolveUrl', () => {
  const base = 'https://shop.example.com/checkout/42?step=2#pay';
  it.each([
    ['https://other.example.com/x', 'https://other.example.com/x'],
    ['//cdn.example.com/a', 'https://cdn.example.com/a'],
    ['/orders/7', 'https://shop.example.com/orders/7'],
    ['?step=3', 'https://shop.example.com/checkout/42?step=3'],
    ['#summary', 'https://shop.example.com/checkout/42?step=2#summary'],
    ['43', 'https://shop.example.com/checkout/43'],
  ])('makes %s absolute against the current page', (to, expected) => {
    expect(resolveUrl(base, to)).toBe(expected);
  });

  it('keeps the URL as given when there is no page yet', () => {
    expect(resolveUrl('', '/orders/7')).toBe('/orders/7');
  });

  it('resolves a relative path against an origin with no path', () => {
    expect(resolveUrl('https://shop.example.com', 'cart')).toBe('https://shop.example.com/cart');
  });
});
