import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { EmptyState } from '../components/notice';
import { pagePaths } from '../lib/routes';

/** `/projects/:projectId` opens its issues. */
export function ProjectIndexPage({ projectId }: { projectId: string }) {
  const { route } = useLocation();
  const id = /^\d+$/.test(projectId) ? Number(projectId) : null;
  useEffect(() => {
    if (id !== null) route(pagePaths.issues(id), true);
  }, [id, route]);
  return id === null ? <NotFoundPage /> : null;
}

export function NotFoundPage() {
  return (
    <EmptyState title="Nothing here">
      <p>
        This address is not a dashboard page. <a href="/">Back to the issues</a>.
      </p>
    </EmptyState>
  );
}
