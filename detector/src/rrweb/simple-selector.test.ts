import { describe, expect, it } from 'vitest';
import { compileSimpleSelectors } from './simple-selector.js';

const chat = {
  tagName: 'div',
  attributes: new Map([
    ['id', 'chat-widget'],
    ['class', 'widget chat'],
    ['data-vendor', 'intercom'],
  ]),
};

describe('compileSimpleSelectors', () => {
  it.each([
    ['div'],
    ['#chat-widget'],
    ['.chat'],
    ['div.widget.chat'],
    ['[data-vendor]'],
    ['[data-vendor=intercom]'],
    ['[data-vendor="intercom"]'],
    ["div[data-vendor='intercom']"],
    ['span, .chat'],
  ])('matches %s', (selector) => {
    expect(compileSimpleSelectors([selector])(chat)).toBe(true);
  });

  it.each([
    ['span'],
    ['#chat'],
    ['.wid'],
    ['div.widget.banner'],
    ['[data-vendor="zendesk"]'],
    // Forms a recording cannot evaluate match nothing rather than everything.
    ['body .chat'],
    ['div > .chat'],
    ['.chat:hover'],
  ])('does not match %s', (selector) => {
    expect(compileSimpleSelectors([selector])(chat)).toBe(false);
  });

  it('matches nothing when given no selectors', () => {
    expect(compileSimpleSelectors([])(chat)).toBe(false);
  });
});
