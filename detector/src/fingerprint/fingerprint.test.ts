import { describe, expect, it } from 'vitest';
import { button } from '../../test/builders.js';
import { clickIssueFingerprint } from './fingerprint.js';
import { normalizeRoute } from './route.js';
import { stripDynamicParts, targetIdentity } from './target-identity.js';

describe('normalizeRoute', () => {
  it.each([
    ['https://shop.example.com/orders/123', '/orders/:id'],
    ['https://shop.example.com/orders/456?tab=items#top', '/orders/:id'],
    ['/users/550e8400-e29b-41d4-a716-446655440000/avatar', '/users/:id/avatar'],
    ['/commits/9f86d081884c7d659a2f', '/commits/:id'],
    ['/docs/aB3dE5fG7hJ9kL1mN0pQ', '/docs/:id'],
    ['https://app.example.com/#/orders/77/edit', '/#/orders/:id/edit'],
    ['https://app.example.com', '/'],
    ['relative/7', '/relative/:id'],
  ])('%s → %s', (url, route) => {
    expect(normalizeRoute(url)).toBe(route);
  });

  it.each([
    ['/blog/2024-annual-report', '/blog/2024-annual-report'],
    ['/settings/profile', '/settings/profile'],
    ['/colors/deadbeef', '/colors/deadbeef'],
    ['/v2/api', '/v2/api'],
  ])('keeps words and short tokens: %s', (url, route) => {
    expect(normalizeRoute(url)).toBe(route);
  });
});

describe('targetIdentity', () => {
  it('prefers the test id, then the id, then role and name, then the selector', () => {
    expect(targetIdentity(button({ testId: 'pay-button' }))).toBe('testid:pay-button');
    expect(targetIdentity(button({ id: 'pay' }))).toBe('id:pay');
    expect(targetIdentity(button({ id: undefined, role: 'button', name: 'Pay now' }))).toBe(
      'role:button|name:Pay now',
    );
    expect(
      targetIdentity(button({ id: undefined, name: undefined, selector: 'form > button.primary' })),
    ).toBe('selector:form > button.primary');
  });

  it('removes generated class names, module hashes and numbers from selectors', () => {
    expect(stripDynamicParts('div.card:nth-child(3) > button.css-1x2y3z.primary')).toBe(
      'div.card:nth-child(*) > button.primary',
    );
    expect(stripDynamicParts('button.Button_primary__a3f9c')).toBe('button.Button_primary');
    expect(stripDynamicParts('li#row-42 > a')).toBe('li#row-* > a');
  });
});

describe('clickIssueFingerprint', () => {
  it('groups the same broken button on two orders as one issue', () => {
    const a = clickIssueFingerprint('dead', normalizeRoute('/orders/123'), button({ id: 'pay-123' }));
    const b = clickIssueFingerprint('dead', normalizeRoute('/orders/456'), button({ id: 'pay-456' }));
    expect(a).toBe(b);
  });

  it('separates types, routes and targets', () => {
    const base = clickIssueFingerprint('dead', '/orders/:id', button());
    expect(clickIssueFingerprint('slow', '/orders/:id', button())).not.toBe(base);
    expect(clickIssueFingerprint('dead', '/cart', button())).not.toBe(base);
    expect(clickIssueFingerprint('dead', '/orders/:id', button({ id: 'cancel' }))).not.toBe(base);
  });

  it('ignores text and position changes when a test id is present', () => {
    const a = clickIssueFingerprint('dead', '/', button({ testId: 'pay', text: 'Pay $12', selector: 'x' }));
    const b = clickIssueFingerprint('dead', '/', button({ testId: 'pay', text: 'Pay $99', selector: 'y' }));
    expect(a).toBe(b);
  });
});
