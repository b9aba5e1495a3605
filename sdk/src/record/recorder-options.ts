/** Options of `playbackRecorder`. */
export interface PlaybackRecorderOptions {
  /**
   * Where finished recordings go: POSTed to the consumer (`'endpoint'`,
   * default), saved through the browser's downloads (`'download'`), or
   * nowhere (`false`: read them with `exportFile()`).
   */
  upload?: 'endpoint' | 'download' | false;
  /** Keep only a rolling buffer, and send it only when a click issue fires (then keep recording a while). Default false. */
  onIssueOnly?: boolean;
  /** With `onIssueOnly`: at least this many seconds of history are at hand when an issue fires (at most twice it). Default 60. */
  bufferSeconds?: number;
  /** With `onIssueOnly`: how long recording goes on after an issue before the final upload. Default 30. */
  recordAfterIssueSeconds?: number;
  /** URLs whose request and response bodies are kept: substrings or patterns. Default none. */
  networkDetailAllowUrls?: Array<string | RegExp>;
  /** Request headers kept besides content-type, content-length and accept. Authorization and Cookie never are. */
  networkRequestHeaders?: string[];
  /** Response headers kept besides content-type, content-length and accept. Set-Cookie never is. */
  networkResponseHeaders?: string[];
  /** Replace every typed value with a stand-in of the same shape. Default true; passwords are never recorded either way. */
  maskAllInputs?: boolean;
  /** Fields matching these selectors (or inside them) are recorded as typed; so is anything under `[data-playback-unmask]`. */
  unmaskSelectors?: string[];
  /** Record the values of Date.now, Math.random, crypto.getRandomValues and crypto.randomUUID, in order. Default false. */
  determinism?: boolean;
  /** Without Sentry: the DSN whose origin, project and key make the upload URL. */
  dsn?: string;
  /** Upload URL; default `{DSN origin}/api/{projectId}/playback/?sentry_key=…`. */
  endpoint?: string;
  /** The app, as the file names it; default the page's host name (and Sentry's release and environment). */
  app?: { name: string; release?: string; environment?: string };
}

const SECONDS_OPTIONS = ['bufferSeconds', 'recordAfterIssueSeconds'] as const;
const BOOLEAN_OPTIONS = ['onIssueOnly', 'maskAllInputs', 'determinism'] as const;
const LIST_OPTIONS = ['networkRequestHeaders', 'networkResponseHeaders', 'unmaskSelectors'] as const;

/** Problems with the options, as messages; empty when they are usable. */
export function checkRecorderOptions(options: PlaybackRecorderOptions): string[] {
  const problems: string[] = [];
  if (typeof options !== 'object' || options === null) return ['options must be an object'];
  if (options.upload !== undefined && !['endpoint', 'download', false].includes(options.upload)) {
    problems.push(`upload must be 'endpoint', 'download' or false, got ${String(options.upload)}`);
  }
  for (const key of SECONDS_OPTIONS) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)) {
      problems.push(`${key} must be a positive number of seconds, got ${String(value)}`);
    }
  }
  for (const key of BOOLEAN_OPTIONS) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean')
      problems.push(`${key} must be true or false`);
  }
  for (const key of LIST_OPTIONS) {
    const value = options[key];
    if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))) {
      problems.push(`${key} must be an array of strings`);
    }
  }
  const allow = options.networkDetailAllowUrls;
  if (
    allow !== undefined &&
    (!Array.isArray(allow) || allow.some((v) => typeof v !== 'string' && !(v instanceof RegExp)))
  ) {
    problems.push('networkDetailAllowUrls must be an array of strings or regular expressions');
  }
  for (const key of ['dsn', 'endpoint'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'string')
      problems.push(`${key} must be a string`);
  }
  if (
    options.app !== undefined &&
    (typeof options.app !== 'object' || typeof options.app?.name !== 'string')
  ) {
    problems.push('app must be { name, release?, environment? }');
  }
  return problems;
}
