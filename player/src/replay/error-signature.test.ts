import { describe, expect, it } from 'vitest';
import { messageShape, sameError, stackOrigin } from './error-signature.js';

const typeError = (message: string, stack?: string) => ({ type: 'TypeError', message, stack });

describe('sameError', () => {
  it('matches the same failure whatever its values', () => {
    expect(
      sameError(
        typeError("Cannot read properties of undefined (reading 'total')"),
        typeError("Cannot read properties of undefined (reading 'sum')"),
      ),
    ).toBe(true);
    expect(messageShape('Order 1234 failed at https://shop.example.com/pay')).toBe(
      'Order <n> failed at <url>',
    );
  });

  it('tells a different error on the same button apart (a fix that throws something else)', () => {
    expect(
      sameError(
        typeError("Cannot read properties of undefined (reading 'comment')"),
        typeError('resp.text is not a function'),
      ),
    ).toBe(false);
    expect(
      sameError(typeError('x is not a function'), { type: 'RangeError', message: 'x is not a function' }),
    ).toBe(false);
  });

  it('compares where it was thrown when both stacks name the function, not minified names', () => {
    const at = (fn: string) =>
      `TypeError: boom\n    at ${fn} (http://localhost:5173/src/app.js:10:3)\n    at HTMLButtonElement.<anonymous> (x.js:1:1)`;
    expect(stackOrigin(at('applyCoupon'))).toBe('applyCoupon');
    expect(stackOrigin(at('t'))).toBeNull();
    expect(sameError(typeError('boom', at('applyCoupon')), typeError('boom', at('submitComment')))).toBe(
      false,
    );
    expect(sameError(typeError('boom', at('applyCoupon')), typeError('boom', at('e')))).toBe(true);
    expect(sameError(typeError('boom', at('applyCoupon')), typeError('boom'))).toBe(true);
  });
});
