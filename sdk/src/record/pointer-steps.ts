import type { Modifiers, Step } from '@playback/detector';
import { resolveActionable } from '../observe/target.js';
import { elementOf, type Listen, type StepSink } from './step-sink.js';
import { pointerOffset } from './step-target.js';

export function modifiersOf(event: MouseEvent | KeyboardEvent): Modifiers {
  return { alt: event.altKey, ctrl: event.ctrlKey, meta: event.metaKey, shift: event.shiftKey };
}

/** Clicks, double clicks and context menus, on the element they act on (the button around an icon), with the pointer's offset in it. */
export function recordPointerSteps(sink: StepSink, on: Listen, win: Window): void {
  let lastClick: { seq: number | null; element: Element } | null = null;
  const pointerStep = (type: 'click' | 'dblclick' | 'contextmenu', event: MouseEvent, t: number) => {
    const start = elementOf(event.target);
    if (!start) return null;
    const { element } = resolveActionable(start);
    const step: Step = {
      type,
      t,
      target: sink.targetOf(element),
      offset: pointerOffset(element, event),
      button: event.button,
      modifiers: modifiersOf(event),
    };
    return { step, element };
  };
  on(win, 'click', (event, t) => {
    const mouse = event as MouseEvent;
    // detail 0: a click made by the keyboard (Enter on a button): its key step replays it.
    if (!event.isTrusted || mouse.detail === 0 || mouse.button !== 0) return;
    const made = pointerStep('click', mouse, t);
    if (!made) return;
    // The second click of a double click becomes part of the dblclick step.
    if (mouse.detail === 2 && lastClick?.element === made.element) return;
    lastClick = { seq: sink.log.addStep(made.step), element: made.element };
  });
  on(win, 'dblclick', (event, t) => {
    if (!event.isTrusted) return;
    const last = sink.log.lastStep();
    const made = pointerStep('dblclick', event as MouseEvent, t);
    if (!made) return;
    if (last && last.type === 'click' && last.seq === lastClick?.seq) {
      Object.assign(last, { type: 'dblclick' });
      return;
    }
    sink.log.addStep(made.step);
  });
  on(win, 'contextmenu', (event, t) => {
    if (!event.isTrusted) return;
    const made = pointerStep('contextmenu', event as MouseEvent, t);
    if (made) sink.log.addStep(made.step);
  });
}
