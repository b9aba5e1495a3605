import type { Step, StepTarget } from '@playback/detector';
import type { ValuePrivacy } from './mask-rules.js';
import type { Checkpoint } from './recording-log.js';
import { snapshotStorage } from './storage-snapshot.js';

/** Form fields read at a checkpoint, at most: a long table of inputs would cost more than it gives. */
const MAX_CHECKPOINT_FIELDS = 100;

export interface CheckpointSources {
  now(): number;
  recordedUrl(url: string): string;
  maskStored(value: string): string;
  targetOf(el: Element): StepTarget;
  privacyOf(el: Element): ValuePrivacy;
  recordedValue(privacy: ValuePrivacy, value: string): string;
}

function changedFromDefault(el: Element): boolean {
  if (el.localName === 'select') {
    const select = el as HTMLSelectElement;
    return Array.from(select.options).some((option) => option.selected !== option.defaultSelected);
  }
  const field = el as HTMLInputElement | HTMLTextAreaElement;
  if (field.localName === 'input' && ['checkbox', 'radio', 'file', 'hidden'].includes(field.type))
    return false;
  return field.value !== field.defaultValue;
}

/**
 * The page as a replay must set it up before the first recorded step: its
 * URL, storage and cookies, the fields that already hold values (as input
 * steps) and where the window is scrolled.
 */
export function takeCheckpoint(win: Window, sources: CheckpointSources): Checkpoint {
  const t = sources.now();
  const steps: Step[] = [];
  const fields = win.document.querySelectorAll('input, textarea, select');
  for (let i = 0; i < fields.length && steps.length < MAX_CHECKPOINT_FIELDS; i++) {
    const el = fields[i]!;
    if (!changedFromDefault(el)) continue;
    const privacy = sources.privacyOf(el);
    steps.push({
      type: 'input',
      t,
      target: sources.targetOf(el),
      value: sources.recordedValue(privacy, (el as HTMLInputElement).value),
      masked: privacy !== 'unmasked',
    });
  }
  if (win.scrollX !== 0 || win.scrollY !== 0) {
    steps.push({ type: 'scroll', t, x: Math.round(win.scrollX), y: Math.round(win.scrollY) });
  }
  return {
    t,
    url: sources.recordedUrl(win.location.href),
    storage: snapshotStorage(win, sources.maskStored),
    steps,
  };
}
