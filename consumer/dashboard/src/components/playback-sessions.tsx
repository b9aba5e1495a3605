// The playback sessions recorded around an issue: download the file, or copy the command that replays
// it against the developer's own app.
import { useEffect, useState } from 'preact/hooks';
import { apiToken, downloadFile } from '../api/client';
import type { SessionSummary } from '../api/types';
import { formatDuration } from '../lib/format';
import { apiPaths, playbackFileName } from '../lib/routes';
import { useResource } from '../lib/use-resource';
import { CodeLine } from './copy-button';
import { When } from './when';

const APP_URL_STORAGE_KEY = 'playback.appUrl';
const DEFAULT_APP_URL = 'http://localhost:5173';
/** Sessions listed per issue; the rest are a click away in the sessions API. */
const MAX_SESSIONS_SHOWN = 10;

function storedAppUrl(): string {
  try {
    return window.localStorage.getItem(APP_URL_STORAGE_KEY) || DEFAULT_APP_URL;
  } catch {
    return DEFAULT_APP_URL;
  }
}

export function replayCommand(sessionId: string, appUrl: string): string {
  return `npx playback replay ${playbackFileName(sessionId)} --url ${appUrl || DEFAULT_APP_URL}`;
}

function SessionItem({
  projectId,
  sessionId,
  appUrl,
}: {
  projectId: number;
  sessionId: string;
  appUrl: string;
}) {
  // The summary is a nicety: without the sessions API (or for a session since deleted) the id stands alone.
  const summary = useResource<SessionSummary>(apiPaths.session(projectId, sessionId));
  const [error, setError] = useState<string | null>(null);
  const href = apiPaths.sessionPlayback(projectId, sessionId);
  const fileName = playbackFileName(sessionId);
  return (
    <li class="session" data-testid="playback-session">
      <div class="session-head">
        <span class="mono">{sessionId}</span>
        {apiToken() ? (
          <button
            type="button"
            class="button button-small"
            onClick={() => downloadFile(href, fileName).catch((e: Error) => setError(e.message))}
          >
            Download
          </button>
        ) : (
          <a class="button button-small" href={href} download={fileName}>
            Download
          </a>
        )}
      </div>
      {summary.data && (
        <div class="muted small">
          <When iso={summary.data.startedAt} /> · {formatDuration(summary.data.durationMs)} ·{' '}
          {summary.data.steps} steps
        </div>
      )}
      <CodeLine code={replayCommand(sessionId, appUrl)} testId="replay-command" />
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function PlaybackSessions({ projectId, sessions }: { projectId: number; sessions: string[] }) {
  const [appUrl, setAppUrl] = useState(storedAppUrl);
  useEffect(() => {
    try {
      window.localStorage.setItem(APP_URL_STORAGE_KEY, appUrl);
    } catch {
      // Not kept across reloads then.
    }
  }, [appUrl]);

  if (sessions.length === 0) {
    return (
      <p class="muted" data-testid="no-playback-sessions">
        No playback session was recorded with this issue. Add the SDK's <code>playbackRecorder</code> to
        record sessions you can replay against your own code.
      </p>
    );
  }
  return (
    <div class="sessions">
      <label class="field">
        <span>Your app's URL, for the command</span>
        <input
          class="input"
          value={appUrl}
          aria-label="Your app URL"
          onInput={(event) => setAppUrl((event.target as HTMLInputElement).value)}
        />
      </label>
      <ul class="session-list">
        {sessions.slice(0, MAX_SESSIONS_SHOWN).map((session) => (
          <SessionItem key={session} projectId={projectId} sessionId={session} appUrl={appUrl} />
        ))}
      </ul>
      {sessions.length > MAX_SESSIONS_SHOWN && (
        <p class="muted small">and {sessions.length - MAX_SESSIONS_SHOWN} more</p>
      )}
    </div>
  );
}
