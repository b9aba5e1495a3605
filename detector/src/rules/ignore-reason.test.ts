import { describe, expect, it } from 'vitest';
import { button, clickOn, collecting } from '../../test/builders.js';
import type { Click } from '../model/click.js';
import type { Target } from '../model/target.js';

/** Clicks `target` and lets the dead timeout pass: returns the issue types raised. */
function deadAfterClickOn(target: Target, overrides: Partial<Click> = {}, ignore = {}) {
  const { detector, issues } = collecting({ ignore });
  detector.click(clickOn(target, 0, overrides));
  detector.advance(10_000);
  return { types: issues.map((i) => i.type), stats: detector.stats() };
}

const link = (overrides: Partial<Target> = {}) =>
  button({
    tagName: 'a',
    id: undefined,
    selector: 'a.nav',
    href: '/report.pdf',
    name: 'Report',
    ...overrides,
  });
const input = (type: string) => button({ tagName: 'input', type, id: `in-${type}`, selector: `#in-${type}` });

describe('ignored clicks', () => {
  it.each([
    ['alt', { alt: true, ctrl: false, meta: false, shift: false }],
    ['ctrl', { alt: false, ctrl: true, meta: false, shift: false }],
    ['meta', { alt: false, ctrl: false, meta: true, shift: false }],
    ['shift', { alt: false, ctrl: false, meta: false, shift: true }],
  ])('ignores a click with %s held', (_key, modifiers) => {
    const { types, stats } = deadAfterClickOn(button(), { modifiers });
    expect(types).toEqual([]);
    expect(stats.ignored).toEqual({ modifier: 1 });
  });

  it('judges the same click without a modifier', () => {
    expect(deadAfterClickOn(button()).types).toEqual(['dead']);
  });

  it('ignores middle and right button clicks', () => {
    expect(deadAfterClickOn(button(), { button: 1 }).types).toEqual([]);
    expect(deadAfterClickOn(button(), { button: 2 }).stats.ignored).toEqual({ 'non-primary-button': 1 });
  });

  it('ignores a[download], even with an empty attribute', () => {
    expect(deadAfterClickOn(link({ download: '' })).stats.ignored).toEqual({ download: 1 });
    expect(deadAfterClickOn(link({ download: 'report.pdf' })).types).toEqual([]);
  });

  it('judges the same link without download', () => {
    expect(deadAfterClickOn(link()).types).toEqual(['dead']);
  });

  it.each(['_blank', 'preview', '_top'])('ignores a link opening in target=%s', (targetAttr) => {
    expect(deadAfterClickOn(link({ targetAttr })).stats.ignored).toEqual({ 'new-tab': 1 });
  });

  it.each(['_self', '', '_SELF'])('judges a link with target=%j', (targetAttr) => {
    expect(deadAfterClickOn(link({ targetAttr })).types).toEqual(['dead']);
  });

  it.each(['file', 'date', 'time', 'datetime-local', 'month', 'week', 'color', 'range', 'checkbox', 'radio'])(
    'ignores input[type=%s]: the browser draws its UI',
    (type) => {
      expect(deadAfterClickOn(input(type)).stats.ignored).toEqual({ 'native-control': 1 });
    },
  );

  it.each(['text', 'email', 'password', 'search', 'number'])('ignores text input[type=%s]', (type) => {
    expect(deadAfterClickOn(input(type)).stats.ignored).toEqual({ 'text-input': 1 });
  });

  it('ignores textarea, select, option and label', () => {
    for (const tagName of ['textarea', 'select', 'option', 'label']) {
      expect(deadAfterClickOn(button({ tagName })).types).toEqual([]);
    }
  });

  it.each(['submit', 'button', 'reset', 'image'])('judges input[type=%s]', (type) => {
    expect(deadAfterClickOn(input(type)).types).toEqual(['dead']);
  });

  it('ignores disabled and aria-disabled targets', () => {
    expect(deadAfterClickOn(button({ disabled: true })).stats.ignored).toEqual({ disabled: 1 });
    expect(deadAfterClickOn(button({ ariaDisabled: true })).stats.ignored).toEqual({ disabled: 1 });
    expect(deadAfterClickOn(button({ disabled: false, ariaDisabled: false })).types).toEqual(['dead']);
  });

  // A control that is already current (the selected tab, the indicator of the slide showing, a
  // contents link to the section in view) has nothing left to do: a user sees no failure.
  it('ignores targets that are already current, unless switched off', () => {
    expect(deadAfterClickOn(button({ current: true })).stats.ignored).toEqual({ current: 1 });
    expect(deadAfterClickOn(button({ current: true }), {}, { currentTargets: false }).types).toEqual([
      'dead',
    ]);
  });

  it('ignores targets the SDK marked ignored', () => {
    expect(deadAfterClickOn(button({ ignored: true })).stats.ignored).toEqual({ ignored: 1 });
  });

  it('ignores targets that are not actionable', () => {
    const text = button({ tagName: 'p', id: undefined, selector: 'main > p', actionable: false });
    expect(deadAfterClickOn(text).stats.ignored).toEqual({ 'not-actionable': 1 });
  });

  it('lets each default rule be switched off', () => {
    const modifiers = { alt: false, ctrl: true, meta: false, shift: false };
    expect(deadAfterClickOn(button(), { modifiers }, { modifierClicks: false }).types).toEqual(['dead']);
    expect(deadAfterClickOn(link({ download: '' }), {}, { downloads: false }).types).toEqual(['dead']);
    expect(deadAfterClickOn(link({ targetAttr: '_blank' }), {}, { newTabLinks: false }).types).toEqual([
      'dead',
    ]);
    expect(deadAfterClickOn(input('date'), {}, { nativeControls: false }).types).toEqual(['dead']);
    expect(deadAfterClickOn(button({ disabled: true }), {}, { disabledTargets: false }).types).toEqual([
      'dead',
    ]);
    expect(deadAfterClickOn(button({ ignored: true }), {}, { ignoredTargets: false }).types).toEqual([
      'dead',
    ]);
    expect(deadAfterClickOn(button({ actionable: false }), {}, { nonActionable: false }).types).toEqual([
      'dead',
    ]);
    expect(deadAfterClickOn(button(), { button: 2 }, { nonPrimaryButton: false }).types).toEqual(['dead']);
  });

  it('does not let an ignored click join or start a rage burst', () => {
    const { detector, issues } = collecting();
    const ctrl = { alt: false, ctrl: true, meta: false, shift: false };
    detector.click(clickOn(button(), 0, { modifiers: ctrl }));
    detector.click(clickOn(button(), 100, { modifiers: ctrl }));
    detector.click(clickOn(button(), 200));
    detector.advance(20_000);
    expect(issues.map((i) => [i.type, i.clickCount])).toEqual([['dead', 1]]);
  });
});
