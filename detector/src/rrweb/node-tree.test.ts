import { describe, expect, it } from 'vitest';
import { element, text } from '../../test/fixtures/rrweb/rrweb-events.js';
import { FIRST_FREE_ID, SHOP, shopPage } from '../../test/fixtures/rrweb/shop-page.js';
import { RrwebNodeTree } from './node-tree.js';

function loadedShop(): RrwebNodeTree {
  const tree = new RrwebNodeTree();
  tree.loadSnapshot(shopPage());
  return tree;
}

describe('RrwebNodeTree', () => {
  it('rebuilds elements, attributes and text from a full snapshot', () => {
    const tree = loadedShop();
    const pay = tree.get(SHOP.payNow)!;
    expect(pay.tagName).toBe('button');
    expect(pay.attributes.get('data-testid')).toBe('pay-now');
    expect(tree.textContent(SHOP.payNow, 100)).toBe('  Pay   now ');
    expect(tree.elementOf(SHOP.payNowText)?.id).toBe(SHOP.payNowLabel);
  });

  it('writes boolean attributes as present with an empty value', () => {
    expect(loadedShop().get(SHOP.placeOrder)!.attributes.get('disabled')).toBe('');
  });

  it('adds nodes from mutations, in the order nextId gives, even when a child is listed before its parent', () => {
    const tree = loadedShop();
    const banner = FIRST_FREE_ID;
    const rejected = tree.applyMutation({
      adds: [
        { parentId: banner, nextId: null, node: text(banner + 1, 'Card declined') },
        { parentId: SHOP.actions, nextId: SHOP.payNow, node: element(banner, 'p', { role: 'alert' }) },
      ],
    });
    expect(rejected).toBe(0);
    expect(tree.get(SHOP.actions)!.childIds[0]).toBe(banner);
    expect(tree.textContent(banner, 100)).toBe('Card declined');
  });

  it('removes a whole subtree, and counts changes to nodes it does not hold', () => {
    const tree = loadedShop();
    const rejected = tree.applyMutation({
      removes: [{ parentId: SHOP.actions, id: SHOP.payNow }],
      texts: [{ id: SHOP.payNowText, value: 'gone' }],
    });
    expect(tree.get(SHOP.payNow)).toBeUndefined();
    expect(tree.get(SHOP.payNowText)).toBeUndefined();
    expect(rejected).toBe(1);
  });

  it('applies text and attribute changes; null removes an attribute, style objects are left alone', () => {
    const tree = loadedShop();
    tree.applyMutation({
      texts: [{ id: SHOP.clockText, value: '12:00:01' }],
      attributes: [
        { id: SHOP.payNow, attributes: { class: null, 'aria-busy': 'true', style: { color: 'red' } } },
      ],
    });
    expect(tree.textContent(SHOP.clock, 100)).toBe('12:00:01');
    expect(tree.get(SHOP.payNow)!.attributes.has('class')).toBe(false);
    expect(tree.get(SHOP.payNow)!.attributes.get('aria-busy')).toBe('true');
    expect(tree.get(SHOP.payNow)!.attributes.has('style')).toBe(false);
  });

  it('knows what lies inside what', () => {
    const tree = loadedShop();
    expect(tree.isWithin(SHOP.payNowText, SHOP.payNow)).toBe(true);
    expect(tree.isWithin(SHOP.clockText, SHOP.payNow)).toBe(false);
  });

  it('leaves script and style text out of visible text', () => {
    const tree = new RrwebNodeTree();
    tree.loadSnapshot(
      element(1, 'button', {}, [element(2, 'style', {}, [text(3, '.x{}')]), text(4, 'Save')]),
    );
    expect(tree.textContent(1, 100)).toBe('Save');
  });

  it('refuses a snapshot root that is not a serialized node', () => {
    const tree = new RrwebNodeTree();
    expect(tree.loadSnapshot({ childNodes: [] })).toBe(false);
    expect(tree.loadSnapshot(null)).toBe(false);
    expect(tree.size).toBe(0);
  });
});
