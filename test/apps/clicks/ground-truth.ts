/**
 * What each element of the demo pages should produce when clicked, with
 * why. Both pages (React and plain HTML) carry these test ids.
 */
export type ClickAction =
  /** One click. */
  | 'click'
  /** Four clicks within ~600 ms. */
  | 'rage'
  /** Four clicks within ~600 ms on something that answers each one. */
  | 'fast'
  /** A drag across text, which ends in a click on the text. */
  | 'select';

export interface GroundTruth {
  testId: string;
  action: ClickAction;
  /** The issue type this element produces, or null for none. */
  expect: 'dead' | 'slow' | 'rage' | 'error' | null;
  /**
   * For traps: the detector's ignore reason ('download', 'new-tab', …), 'answered' when the
   * click is judged and a reaction answers it, or 'no-click' when the browser sends no click.
   */
  trap?: string;
  why: string;
}

export const GROUND_TRUTH: GroundTruth[] = [
  { testId: 'dead-button', action: 'click', expect: 'dead', why: 'a button whose handler does nothing' },
  {
    testId: 'dead-card',
    action: 'click',
    expect: 'dead',
    why: 'a div styled cursor:pointer with no handler',
  },
  {
    testId: 'slow-button',
    action: 'click',
    expect: 'slow',
    why: 'a fetch answered late, then the DOM updates',
  },
  {
    testId: 'working-button',
    action: 'click',
    expect: null,
    trap: 'answered',
    why: 'toggles its panel at once',
  },
  {
    testId: 'rage-button',
    action: 'rage',
    expect: 'rage',
    why: 'clicked again and again while nothing happens',
  },
  { testId: 'error-button', action: 'click', expect: 'error', why: 'its handler throws' },
  {
    testId: 'rejection-button',
    action: 'click',
    expect: 'error',
    why: 'its handler leaves a rejected promise unhandled',
  },
  {
    testId: 'download-link',
    action: 'click',
    expect: null,
    trap: 'download',
    why: 'a[download]: the answer is a download the page cannot see',
  },
  {
    testId: 'new-tab-link',
    action: 'click',
    expect: null,
    trap: 'new-tab',
    why: 'target=_blank: the answer is in another tab',
  },
  {
    testId: 'file-input',
    action: 'click',
    expect: null,
    trap: 'native-control',
    why: 'a native file picker opens outside the DOM',
  },
  {
    testId: 'date-input',
    action: 'click',
    expect: null,
    trap: 'native-control',
    why: 'a native date picker opens outside the DOM',
  },
  {
    testId: 'mousedown-dropdown',
    action: 'click',
    expect: null,
    trap: 'answered',
    why: 'opens on mousedown, before the click event',
  },
  {
    testId: 'audio-button',
    action: 'click',
    expect: null,
    trap: 'answered',
    why: 'only plays a sound (detached Audio element)',
  },
  {
    testId: 'selectable-text',
    action: 'select',
    expect: null,
    trap: 'not-actionable',
    why: 'text selection, not a click on a control',
  },
  {
    testId: 'stepper-plus',
    action: 'fast',
    expect: null,
    trap: 'answered',
    why: 'clicked fast, and every click moves the count',
  },
  {
    testId: 'disabled-button',
    action: 'click',
    expect: null,
    trap: 'no-click',
    why: 'disabled: nothing is meant to happen',
  },
  {
    testId: 'ignored-button',
    action: 'click',
    expect: null,
    trap: 'ignored',
    why: 'inside [data-playback-ignore]',
  },
  {
    testId: 'opted-out-button',
    action: 'click',
    expect: null,
    trap: 'ignored',
    why: 'matches ignoreSelectors (.no-click-issues) though it does nothing',
  },
  { testId: 'dialog-button', action: 'click', expect: null, trap: 'answered', why: 'opens a <dialog>' },
  {
    testId: 'copy-button',
    action: 'click',
    expect: null,
    trap: 'answered',
    why: 'writes to the clipboard, nothing else',
  },
  {
    testId: 'nav-button',
    action: 'click',
    expect: null,
    trap: 'answered',
    why: 'pushState to another route',
  },
];

/** Query parameters the demo pages read. */
export interface DemoConfig {
  /** 'exception' | 'endpoint' | 'replay', or weights like `exception:1,endpoint:1,replay:2`. */
  report?: string;
  /** Replay session sample rate 1 when '1'. */
  replay?: '0' | '1';
  /** Replay session sample rate, 0 to 1 (`replaysSessionSampleRate`); wins over `replay`. */
  replayRate?: number;
  dead?: number;
  slow?: number;
  /** How long the slow button's fetch takes. Default 4000. */
  slowFetchMs?: number;
  fallback?: 'endpoint' | 'exception' | 'drop';
  /** How the replay path adds its breadcrumb: 'recording' (default) or 'breadcrumb' (public API). */
  replayRoute?: 'recording' | 'breadcrumb';
  /** Endpoint batch delay. Default 300. */
  batchDelayMs?: number;
}

export function demoQuery(config: DemoConfig): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(config)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}
