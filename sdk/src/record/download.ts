import type { PlaybackFile } from '@playback/detector';
import { OWN_NODE_ATTRIBUTE } from '../shared/constants.js';

/** How long the file's object URL outlives the click that downloads it. */
const OBJECT_URL_LIFETIME_MS = 60_000;

/** `<id>.playback.json`, safe as a file name. */
export function playbackFileName(file: PlaybackFile): string {
  return `${file.meta.id.replace(/[^\w.-]/g, '_')}.playback.json`;
}

/** Saves the file through the browser's downloads, from a hidden link of Playback's own. */
export function downloadPlaybackFile(doc: Document, file: PlaybackFile): void {
  const blob = new Blob([JSON.stringify(file)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = playbackFileName(file);
  link.style.display = 'none';
  link.setAttribute(OWN_NODE_ATTRIBUTE, '');
  (doc.body ?? doc.documentElement).appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
}
