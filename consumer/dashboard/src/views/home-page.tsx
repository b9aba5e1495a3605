// `/`: opens the last project, or, with none yet, tells a new user how to make one.

import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { sendJson } from '../api/client';
import type { CreatedProject } from '../api/types';
import { CodeLine } from '../components/copy-button';
import { EmptyState, ErrorNotice, Loading } from '../components/notice';
import { defaultProject, useProjects } from '../lib/projects';
import { apiPaths, pagePaths } from '../lib/routes';

function CreateProjectForm({ onCreated }: { onCreated: (project: CreatedProject) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!name.trim()) {
          setError('Give the project a name, e.g. the app it watches.');
          return;
        }
        setBusy(true);
        setError(null);
        try {
          onCreated(await sendJson<CreatedProject>('POST', apiPaths.projects(), { name: name.trim() }));
        } catch (caught) {
          setError((caught as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <input
        class="input"
        aria-label="Project name"
        placeholder="shop"
        value={name}
        onInput={(event) => setName((event.target as HTMLInputElement).value)}
      />
      <button type="submit" class="button button-primary" disabled={busy}>
        Create project
      </button>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export function HomePage() {
  const projects = useProjects();
  const { route } = useLocation();
  const target = projects.data ? defaultProject(projects.data) : undefined;

  useEffect(() => {
    if (target) route(pagePaths.issues(target.id), true);
  }, [target, route]);

  if (projects.error) return <ErrorNotice error={projects.error} retry={projects.reload} />;
  if (!projects.data || target) return <Loading />;
  return (
    <EmptyState title="Welcome to Playback" testId="no-projects">
      <p>
        Playback collects the clicks that fail your users — dead, slow, rage and error clicks — from the
        Sentry SDK. Start with a project: it gives you a DSN to put in your app.
      </p>
      <ol class="steps">
        <li>
          <strong>Create a project</strong> here, or from a terminal:
          <CodeLine code="npx playback projects create shop" />
          <CreateProjectForm
            onCreated={(project) => {
              projects.reload();
              route(pagePaths.issues(project.id));
            }}
          />
        </li>
        <li>
          <strong>Put its DSN in your app</strong> with <code>Sentry.init</code> and the{' '}
          <code>clickIssuesIntegration</code> of <code>@playback/sdk</code>. The issues page shows the
          snippet.
        </li>
        <li>
          <strong>Try it</strong> without an app of your own: <code>npm start</code> in the Playback
          repository runs a demo app wired to this dashboard.
        </li>
      </ol>
    </EmptyState>
  );
}
