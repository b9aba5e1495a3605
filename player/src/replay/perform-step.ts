import type { Step, StepTarget } from '@playback/detector';
import type { Locator, Page } from 'playwright-core';
import { describeSelector } from './describe-selector.js';
import { locateTarget } from './locate-target.js';

export interface PerformContext {
  stepTimeoutMs: number;
  values: Record<string, string>;
  toLocalUrl: (recordedUrl: string) => string;
}

export interface HowItRan {
  foundBy?: string;
  healed?: string;
  /** What the step did when it did not do the obvious (a blur of an element that is gone). */
  note?: string;
}

/** A blur waits this long for its element: blurring one the page already removed is nothing to do. */
const BLUR_LOOKUP_MS = 250;

type Modifier = 'Alt' | 'Control' | 'Meta' | 'Shift';
const BUTTONS = ['left', 'middle', 'right'] as const;

function modifierKeys(m: { alt: boolean; ctrl: boolean; meta: boolean; shift: boolean }): Modifier[] {
  const keys: Modifier[] = [];
  if (m.alt) keys.push('Alt');
  if (m.ctrl) keys.push('Control');
  if (m.meta) keys.push('Meta');
  if (m.shift) keys.push('Shift');
  return keys;
}

/** Keeps the recorded pointer offset inside the element, which may have changed size. */
async function clampOffset(locator: Locator, offset: { x: number; y: number } | undefined) {
  if (!offset) return undefined;
  const box = await locator.boundingBox();
  if (!box) return undefined;
  return {
    x: Math.min(Math.max(0, offset.x), Math.max(0, box.width - 1)),
    y: Math.min(Math.max(0, offset.y), Math.max(0, box.height - 1)),
  };
}

/** The value to type: an override for the stand-in or the element, else the recorded value. */
function valueFor(target: StepTarget, value: string, values: Record<string, string>): string {
  if (values[value] !== undefined) return values[value]!;
  for (const selector of target.selectors) {
    const key = 'value' in selector ? selector.value : undefined;
    if (key !== undefined && values[key] !== undefined) return values[key]!;
  }
  // Masked values are consistent stand-ins of the same shape: typing them keeps validation passing.
  return value;
}

/** Performs one step with trusted input (real mouse and keyboard events through the browser). */
export async function performStep(page: Page, step: Step, ctx: PerformContext): Promise<HowItRan> {
  const locate = async (target: StepTarget) => {
    const found = await locateTarget(page, target, ctx.stepTimeoutMs);
    return {
      locator: found.locator,
      how: { foundBy: describeSelector(found.selector), ...(found.healed ? { healed: found.healed } : {}) },
    };
  };
  switch (step.type) {
    case 'navigate': {
      const url = ctx.toLocalUrl(step.url);
      if (page.url() !== url) await page.goto(url, { waitUntil: 'load', timeout: ctx.stepTimeoutMs * 3 });
      return {};
    }
    case 'click':
    case 'dblclick':
    case 'contextmenu': {
      const { locator, how } = await locate(step.target);
      const options = {
        position: await clampOffset(locator, step.offset),
        button: step.type === 'contextmenu' ? ('right' as const) : (BUTTONS[step.button] ?? 'left'),
        modifiers: modifierKeys(step.modifiers),
        timeout: ctx.stepTimeoutMs,
      };
      if (step.type === 'dblclick') await locator.dblclick(options);
      else await locator.click(options);
      return how;
    }
    case 'keydown':
    case 'keyup': {
      let how: HowItRan = {};
      if (step.target) {
        const found = await locate(step.target);
        how = found.how;
        const focused = await found.locator.evaluate((el) => el === document.activeElement);
        if (!focused) await found.locator.focus();
      }
      if (step.type === 'keyup') {
        await page.keyboard.up(step.key);
        return how;
      }
      // A shortcut (Ctrl+S) is recorded as one key with its modifiers held: hold them for the press.
      const held = modifierKeys(step.modifiers).filter((m) => m !== step.key);
      for (const modifier of held) await page.keyboard.down(modifier);
      await page.keyboard.down(step.key);
      for (const modifier of held.reverse()) await page.keyboard.up(modifier);
      return how;
    }
    case 'input': {
      const { locator, how } = await locate(step.target);
      const value = valueFor(step.target, step.value, ctx.values);
      // A <select> takes one of its options; fill only types into text fields.
      const isSelect = await locator.evaluate((el) => el.localName === 'select');
      if (isSelect) await locator.selectOption(value, { timeout: ctx.stepTimeoutMs });
      else await locator.fill(value, { timeout: ctx.stepTimeoutMs });
      return how;
    }
    case 'paste':
    case 'composition': {
      if (step.type === 'composition' && step.phase !== 'end') return {};
      const { locator, how } = await locate(step.target);
      await locator.focus();
      const text = step.type === 'paste' ? step.text : step.data;
      await page.keyboard.insertText(valueFor(step.target, text, ctx.values));
      return how;
    }
    case 'scroll': {
      if (!step.target) {
        await page.evaluate(([x, y]) => window.scrollTo(x, y), [step.x, step.y] as const);
        return {};
      }
      const { locator, how } = await locate(step.target);
      await locator.evaluate((el, [x, y]) => el.scrollTo(x, y), [step.x, step.y] as const);
      return how;
    }
    case 'resize':
      await page.setViewportSize({ width: step.width, height: step.height });
      return {};
    case 'focus': {
      const { locator, how } = await locate(step.target);
      await locator.focus();
      return how;
    }
    case 'blur': {
      // Focus leaves a field because of what came next (a click, a form the app replaced): the
      // recorder may log the blur after that, when the field is already gone.
      const found = await locateTarget(page, step.target, BLUR_LOOKUP_MS).catch(() => null);
      if (!found) return { note: 'the element is gone already: nothing to blur' };
      await found.locator.blur();
      return { foundBy: describeSelector(found.selector), ...(found.healed ? { healed: found.healed } : {}) };
    }
    case 'visibility':
      await page.evaluate((state) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
      }, step.state);
      return {};
  }
}
