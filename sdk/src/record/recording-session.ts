import { Masker } from './masker.js';
import type { RecorderStats } from './recorder-stats.js';
import { RecordingLog } from './recording-log.js';

/** One recording: its id, its masking salt, and what it logged. */
export interface RecordingSession {
  id: string;
  masker: Masker;
  log: RecordingLog;
}

/** Taken before any hook: the recorder's own ids must not show up among the page's recorded random values. */
const ownRandomValues =
  typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function'
    ? crypto.getRandomValues.bind(crypto)
    : null;

export function randomHex(bytes: number): string {
  const out = new Uint8Array(bytes);
  try {
    if (!ownRandomValues) throw new Error('no crypto');
    ownRandomValues(out);
  } catch {
    for (let i = 0; i < bytes; i++) out[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(out, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface SessionSettings {
  /** Rolling buffer length (onIssueOnly), or null for a full recording. */
  bufferMs: number | null;
  determinism: boolean;
}

/**
 * A fresh recording: new id, new masking salt. The caller opens its log with a checkpoint once the
 * session is current (the checkpoint masks storage with this session's salt).
 */
export function newRecordingSession(
  settings: SessionSettings,
  stats: RecorderStats,
  random: (bytes: number) => string = randomHex,
): RecordingSession {
  stats.state = settings.bufferMs === null ? 'recording' : 'buffering';
  return {
    id: random(16),
    masker: new Masker(random(16)),
    log: new RecordingLog(settings.bufferMs, settings.determinism, stats),
  };
}
