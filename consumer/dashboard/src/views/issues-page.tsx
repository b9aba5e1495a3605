// `/projects/:projectId/issues`: the issues, filtered and searched, refreshed while open.

import { useCallback, useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import type { ClickIssueType, DashboardIssueList, IssueFacets, IssueSort, ReportPath } from '../api/types';
import { IssueFilters, type IssueFilterValues } from '../components/issue-filters';
import { IssueTable } from '../components/issue-table';
import { EmptyState, ErrorNotice, Loading } from '../components/notice';
import { SetupGuide } from '../components/setup-guide';
import { formatInteger } from '../lib/format';
import { useProjects } from '../lib/projects';
import { apiPaths, pagePaths } from '../lib/routes';
import { useResource } from '../lib/use-resource';

const PAGE_SIZE = 50;
/** New issues and counts show up within this while the page is open. */
const LIST_REFRESH_MS = 5_000;

function readFilters(query: Record<string, string>): IssueFilterValues & { cursor: number } {
  return {
    q: query.q ?? '',
    type: (query.type as ClickIssueType | undefined) ?? '',
    path: (query.path as ReportPath | undefined) ?? '',
    route: query.route ?? '',
    sort: (query.sort as IssueSort | undefined) ?? 'last_seen',
    period: query.period === '14d' ? '14d' : '24h',
    cursor: Math.max(0, Number(query.cursor) || 0),
  };
}

/** The query string of a filter state: defaults left out, so plain links stay plain. */
function filterQuery(values: IssueFilterValues & { cursor: number }): Record<string, string | undefined> {
  return {
    q: values.q || undefined,
    type: values.type || undefined,
    path: values.path || undefined,
    route: values.route || undefined,
    sort: values.sort === 'last_seen' ? undefined : values.sort,
    period: values.period === '24h' ? undefined : values.period,
    cursor: values.cursor ? String(values.cursor) : undefined,
  };
}

export function IssuesPage({ projectId: projectParam }: { projectId: string }) {
  const projectId = Number(projectParam);
  const { query, route } = useLocation();
  const filters = readFilters(query);
  const projects = useProjects();
  const project = projects.data?.find((p) => p.id === projectId);

  const facets = useResource<IssueFacets>(apiPaths.facets(projectId), {
    refreshMs: LIST_REFRESH_MS,
    keepPrevious: true,
  });
  const list = useResource<DashboardIssueList>(
    apiPaths.issues(projectId, {
      ...filterQuery(filters),
      period: filters.period,
      limit: String(PAGE_SIZE),
    }),
    { refreshMs: LIST_REFRESH_MS, keepPrevious: true },
  );

  const queryKey = JSON.stringify(filters);
  // `queryKey` stands for the filters it encodes.
  const onChange = useCallback(
    (change: Partial<IssueFilterValues>) => {
      route(pagePaths.issues(projectId, filterQuery({ ...filters, ...change, cursor: 0 })), true);
    },
    [projectId, queryKey, route],
  );

  useEffect(() => {
    document.title = project ? `Issues · ${project.name} · Playback` : 'Issues · Playback';
  }, [project]);

  const filtered = Boolean(filters.q || filters.type || filters.path || filters.route);
  if (facets.data && facets.data.total === 0 && !filtered) return <SetupGuide project={project} />;

  const error = list.error ?? facets.error;
  const data = list.data;
  const from = filters.cursor + 1;
  const to = data ? filters.cursor + data.issues.length : 0;

  return (
    <div class="issues-page">
      <div class="page-head">
        <h1>Issues</h1>
        {data && (
          <span class="muted" data-testid="issues-total">
            {formatInteger(data.total)} {data.total === 1 ? 'issue' : 'issues'}
            {filtered ? ' match' : ''}
          </span>
        )}
        {list.loading && data && <span class="spinner small" title="Refreshing" aria-hidden="true" />}
      </div>
      <IssueFilters values={filters} facets={facets.data} onChange={onChange} />
      {error && <ErrorNotice error={error} retry={list.reload} />}
      {!data && !error && <Loading />}
      {data && data.issues.length === 0 && (
        <EmptyState title="No issues match" testId="no-matches">
          <p>Nothing matches these filters.</p>
          <button
            type="button"
            class="button"
            onClick={() => route(pagePaths.issues(projectId, { period: query.period }), true)}
          >
            Clear filters
          </button>
        </EmptyState>
      )}
      {data && data.issues.length > 0 && (
        <>
          <IssueTable projectId={projectId} list={data} period={filters.period} />
          <nav class="pager" aria-label="Pages">
            <span class="muted">
              {formatInteger(from)}–{formatInteger(to)} of {formatInteger(data.total)}
            </span>
            <button
              type="button"
              class="button"
              disabled={filters.cursor === 0}
              onClick={() =>
                route(
                  pagePaths.issues(
                    projectId,
                    filterQuery({ ...filters, cursor: Math.max(0, filters.cursor - PAGE_SIZE) }),
                  ),
                )
              }
            >
              Previous
            </button>
            <button
              type="button"
              class="button"
              disabled={!data.nextCursor}
              onClick={() =>
                route(
                  pagePaths.issues(projectId, filterQuery({ ...filters, cursor: Number(data.nextCursor) })),
                )
              }
            >
              Next
            </button>
          </nav>
        </>
      )}
    </div>
  );
}
