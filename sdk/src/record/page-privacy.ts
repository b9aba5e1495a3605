import type { CheckpointSources } from './checkpoint.js';
import { DescriptionCache } from './description-cache.js';
import { type ValuePrivacy, valuePrivacy } from './mask-rules.js';
import type { RecordingSession } from './recording-session.js';
import type { StepSink } from './step-sink.js';
import { stepTargetOf } from './step-target.js';

/** How the page's elements and values enter the recording; shared by the steps and the checkpoints. */
export type PagePrivacy = Omit<StepSink, 'log' | 'active' | 'fail'> &
  CheckpointSources & { disconnect(): void };

export interface PrivacySettings {
  maskAllInputs: boolean;
  unmaskSelectors: readonly string[];
}

/**
 * Masking and element description for the current session: typed values become stand-ins,
 * passwords the fixed one, and selectors leave out labels that carry a typed value. Descriptions
 * are cached per element until the DOM changes.
 */
export function pagePrivacy(
  settings: PrivacySettings,
  session: () => RecordingSession | null,
  now: () => number,
  root: Node | null,
  makeCache: (root: Node | null, salt: () => number) => DescriptionCache = (r, salt) =>
    new DescriptionCache(r, salt),
): PagePrivacy {
  const cache = makeCache(root, () => session()?.masker.version ?? 0);
  const decide = (el: Element) => valuePrivacy(el, settings.maskAllInputs, settings.unmaskSelectors);
  const privacyOf = (el: Element): ValuePrivacy => cache.privacy(el, decide);
  const describe = (el: Element) =>
    stepTargetOf(
      el,
      (text) => privacyOf(el) === 'unmasked' || (session()?.masker.isSafeLabel(text) ?? false),
    );
  return {
    now,
    privacyOf,
    targetOf: (el) => cache.target(el, describe),
    recordedValue(privacy, value) {
      const masker = session()?.masker;
      if (!masker) return '';
      if (privacy === 'password') return masker.password(value);
      return privacy === 'masked' ? masker.standIn(value) : value;
    },
    recordedFragment(privacy, text) {
      const masker = session()?.masker;
      if (!masker || privacy === 'password') return '';
      return privacy === 'masked' ? masker.standInOnly(text) : text;
    },
    recordedUrl(url) {
      const masker = session()?.masker;
      return masker ? masker.substitute(url).text : url;
    },
    maskStored(value) {
      const masker = session()?.masker;
      return settings.maskAllInputs && masker ? masker.standInOnly(value) : value;
    },
    disconnect: () => cache.disconnect(),
  };
}
