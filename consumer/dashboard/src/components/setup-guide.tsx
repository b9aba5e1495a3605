// What a project with no issues yet shows: its DSN and the few lines that send it click issues.
import type { ProjectListEntry } from '../api/types';
import { CodeBlock, CodeLine } from './copy-button';
import { EmptyState } from './notice';

function snippet(dsn: string): string {
  return `import * as Sentry from '@sentry/browser';
import { clickIssuesIntegration } from '@playback/sdk';

Sentry.init({
  dsn: '${dsn}',
  replaysSessionSampleRate: 1,
  integrations: [
    Sentry.replayIntegration(),
    // One path per session, to compare them on the same traffic:
    clickIssuesIntegration({ report: { exception: 1, endpoint: 1, replay: 1 } }),
  ],
});`;
}

export function SetupGuide({ project }: { project: ProjectListEntry | undefined }) {
  const dsn = project?.dsns[0];
  return (
    <EmptyState title="No click issues yet" testId="no-issues">
      <p>
        Issues appear here as soon as a user's click goes unanswered, answers late, is clicked in anger, or
        throws. Send some from your app:
      </p>
      <ol class="steps">
        <li>
          <strong>The project's DSN</strong>
          {dsn ? (
            <CodeLine code={dsn} testId="project-dsn" />
          ) : (
            <p class="muted">
              This project has no active key. Make a new project with{' '}
              <code>npx playback projects create &lt;name&gt;</code>.
            </p>
          )}
        </li>
        <li>
          <strong>Install</strong>
          <CodeLine code="npm install @sentry/browser @playback/sdk" />
        </li>
        <li>
          <strong>Initialize Sentry with the integration</strong>
          <CodeBlock code={snippet(dsn ?? '<your DSN>')} />
        </li>
        <li>
          <strong>Click something that does not answer.</strong> No app at hand? <code>npm start</code> in the
          Playback repository serves a demo app with broken buttons, wired to this consumer.
        </li>
      </ol>
    </EmptyState>
  );
}
