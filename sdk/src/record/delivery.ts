import type { PlaybackFile } from '@playback/detector';
import { downloadPlaybackFile } from './download.js';
import type { PlaybackRecorderOptions } from './recorder-options.js';
import type { RecorderStats } from './recorder-stats.js';
import { uploadPlaybackFile } from './upload.js';

export interface DeliveryDeps {
  upload: NonNullable<PlaybackRecorderOptions['upload']>;
  stats: RecorderStats;
  fail(where: string): void;
  endpointUrl(): string | null;
  exportFile(): PlaybackFile | null;
  /** The page's own fetch, taken before any hook. */
  pageFetch(): typeof fetch | null;
  doc(): Document | null;
  uploadFile?: typeof uploadPlaybackFile;
  downloadFile?: typeof downloadPlaybackFile;
}

export interface Delivery {
  /** Uploads unless nothing changed since the last upload; true when the server has the file. */
  send(leaving: boolean): Promise<boolean>;
  download(): boolean;
  /** Sends the recording where the options say. */
  deliver(leaving: boolean): void;
  /** A new session starts: its first upload always goes. */
  reset(): void;
}

/** What a file's upload is judged by: the same id with as many entries is the same upload. */
function signatureOf(file: PlaybackFile): string {
  const m = file.meta;
  return `${m.id} ${file.steps.length} ${file.network.length} ${file.errors.length} ${m.clickIssues.length}`;
}

/** Upload and download of the recording. Later uploads of a session replace earlier ones (same id). */
export function recordingDelivery(deps: DeliveryDeps): Delivery {
  const uploadFile = deps.uploadFile ?? uploadPlaybackFile;
  const downloadFile = deps.downloadFile ?? downloadPlaybackFile;
  const { stats } = deps;
  let lastUploaded = '';

  const send = async (leaving: boolean): Promise<boolean> => {
    const url = deps.endpointUrl();
    if (!url) {
      deps.fail('upload:no-endpoint');
      return false;
    }
    const file = deps.exportFile();
    const fetch = deps.pageFetch();
    if (!file || !fetch) return false;
    const signature = signatureOf(file);
    if (signature === lastUploaded) return true;
    lastUploaded = signature;
    stats.uploads.attempted++;
    const result = await uploadFile(url, file, { fetch, leaving });
    stats.uploads.lastStatus = result.status;
    if (result.ok) stats.uploads.succeeded++;
    else {
      stats.uploads.failed++;
      lastUploaded = '';
    }
    return result.ok;
  };

  const download = (): boolean => {
    const file = deps.exportFile();
    const doc = deps.doc();
    if (!file || !doc) return false;
    try {
      downloadFile(doc, file);
      stats.downloads++;
      return true;
    } catch {
      deps.fail('download');
      return false;
    }
  };

  return {
    send,
    download,
    deliver(leaving) {
      if (deps.upload === 'endpoint') send(leaving).catch(() => deps.fail('upload'));
      else if (deps.upload === 'download' && !leaving) download();
    },
    reset() {
      lastUploaded = '';
    },
  };
}
