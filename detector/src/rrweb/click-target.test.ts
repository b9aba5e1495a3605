import { describe, expect, it } from 'vitest';
import { element, text } from '../../test/fixtures/rrweb/rrweb-events.js';
import { FIRST_FREE_ID, SHOP, shopPage } from '../../test/fixtures/rrweb/shop-page.js';
import { resolveClickTarget } from './click-target.js';
import { RrwebNodeTree } from './node-tree.js';
import { compileSimpleSelectors } from './simple-selector.js';

function shopTree(): RrwebNodeTree {
  const tree = new RrwebNodeTree();
  tree.loadSnapshot(shopPage());
  return tree;
}

/** A tree holding only `node`s under a body. */
function treeOf(...nodes: ReturnType<typeof element>[]): RrwebNodeTree {
  const tree = new RrwebNodeTree();
  tree.loadSnapshot(element(1, 'html', {}, [element(2, 'body', {}, nodes)]));
  return tree;
}

describe('resolveClickTarget', () => {
  it('walks from the text under the pointer up to the button and describes it as the SDK would', () => {
    const resolved = resolveClickTarget(shopTree(), SHOP.payNowText)!;
    expect(resolved.node.id).toBe(SHOP.payNow);
    expect(resolved.target).toEqual({
      tagName: 'button',
      selector: '[data-testid="pay-now"]',
      id: 'pay',
      testId: 'pay-now',
      name: 'Pay now',
      text: 'Pay now',
      actionable: true,
      ignored: false,
    });
  });

  it('prefers aria-label for the name and keeps the visible text as text', () => {
    const { target } = resolveClickTarget(shopTree(), SHOP.qtyPlusText)!;
    expect(target.name).toBe('Increase quantity');
    expect(target.text).toBe('+');
  });

  it('resolves role=button and links with href as actionable; plain text is not', () => {
    const tree = treeOf(
      element(10, 'div', { role: 'button', class: 'card-action primary extra' }, [text(11, 'Open')]),
      element(12, 'a', { name: 'anchor' }, [text(13, 'Not a link')]),
      element(14, 'p', {}, [text(15, 'Just words')]),
    );
    const roleButton = resolveClickTarget(tree, 11)!.target;
    expect(roleButton).toMatchObject({
      role: 'button',
      actionable: true,
      selector: 'div[role="button"].card-action.primary',
    });
    expect(resolveClickTarget(tree, 13)!.target.actionable).toBe(false);
    expect(resolveClickTarget(tree, 15)!.target).toMatchObject({ tagName: 'p', actionable: false });
  });

  it('hands a label click to its control, by for= or by nesting', () => {
    const shop = shopTree();
    expect(resolveClickTarget(shop, SHOP.giftLabelText)!.target).toMatchObject({
      tagName: 'input',
      type: 'checkbox',
      id: 'gift',
    });
    const nested = treeOf(
      element(10, 'label', {}, [text(11, 'Subscribe'), element(12, 'input', { type: 'radio' })]),
    );
    expect(resolveClickTarget(nested, 11)!.target).toMatchObject({ tagName: 'input', type: 'radio' });
  });

  it('fills what the ignore rules read: download, link target, input type, disabled, aria-disabled', () => {
    const shop = shopTree();
    expect(resolveClickTarget(shop, SHOP.invoiceLinkText)!.target).toMatchObject({
      download: '',
      href: '/invoices/8f3a2c91d4e7.pdf',
    });
    expect(resolveClickTarget(shop, SHOP.helpLinkText)!.target.targetAttr).toBe('_blank');
    expect(resolveClickTarget(shop, SHOP.receiptFile)!.target.type).toBe('file');
    expect(resolveClickTarget(shop, SHOP.deliveryDate)!.target.type).toBe('date');
    expect(resolveClickTarget(shop, SHOP.placeOrderText)!.target.disabled).toBe(true);
    const ariaDisabled = treeOf(element(10, 'button', { 'aria-disabled': 'true' }, [text(11, 'Next')]));
    expect(resolveClickTarget(ariaDisabled, 11)!.target.ariaDisabled).toBe(true);
    expect(resolveClickTarget(shop, SHOP.payNow)!.target.disabled).toBeUndefined();
  });

  it('marks a target ignored when it or an ancestor carries data-playback-ignore', () => {
    const shop = shopTree();
    expect(resolveClickTarget(shop, SHOP.chatButtonText)!.target.ignored).toBe(true);
    expect(resolveClickTarget(shop, SHOP.payNowText)!.target.ignored).toBe(false);
  });

  it('marks a target ignored when it or an ancestor matches an ignore selector', () => {
    const shop = shopTree();
    const matches = compileSimpleSelectors(['.actions [data-x]', 'a.summary-link', '#apply-coupon']);
    expect(resolveClickTarget(shop, SHOP.summaryLinkText, matches)!.target.ignored).toBe(true);
    expect(resolveClickTarget(shop, SHOP.applyCouponText, matches)!.target.ignored).toBe(true);
    // The descendant combinator is not understood, so it matches nothing rather than too much.
    expect(resolveClickTarget(shop, SHOP.payNowText, matches)!.target.ignored).toBe(false);
  });

  it('cuts long text to 100 characters and collapses whitespace', () => {
    const long = `Confirm   ${'and continue '.repeat(20)}`;
    const tree = treeOf(element(10, 'button', {}, [text(11, long)]));
    const { target } = resolveClickTarget(tree, 11)!;
    expect(target.text!.length).toBeLessThanOrEqual(100);
    expect(target.text!.startsWith('Confirm and continue and')).toBe(true);
  });

  it('uses the value of a submit input as its text and name', () => {
    const tree = treeOf(element(10, 'input', { type: 'submit', value: 'Send order' }));
    expect(resolveClickTarget(tree, 10)!.target).toMatchObject({
      name: 'Send order',
      text: 'Send order',
      type: 'submit',
      actionable: true,
    });
  });

  it('knows nothing of a node the tree does not hold', () => {
    expect(resolveClickTarget(shopTree(), FIRST_FREE_ID + 999)).toBeUndefined();
  });
});
