// The dashboard's own page paths (the consumer serves the page for `/` and `/projects/*`).

export type IssueQuery = Record<string, string | undefined>;

function withQuery(path: string, query: IssueQuery = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export const pagePaths = {
  home: () => '/',
  issues: (projectId: number, query?: IssueQuery) => withQuery(`/projects/${projectId}/issues`, query),
  issue: (projectId: number, issueId: number) => `/projects/${projectId}/issues/${issueId}`,
  compare: (projectId: number) => `/projects/${projectId}/compare`,
  sampling: (projectId: number) => `/projects/${projectId}/sampling`,
};

export type Section = 'issues' | 'compare' | 'sampling';

/** The project and section a page path names, if any. */
export function readPagePath(path: string): { projectId: number; section: Section } | null {
  const match = /^\/projects\/(\d+)(?:\/(issues|compare|sampling))?/.exec(path);
  if (!match) return null;
  return { projectId: Number(match[1]), section: (match[2] as Section | undefined) ?? 'issues' };
}

/** The name the consumer gives a session's download (same rule as the API's Content-Disposition). */
export function playbackFileName(sessionId: string): string {
  return `${sessionId.replace(/[^A-Za-z0-9._-]/g, '_')}.playback.json`;
}

export const apiPaths = {
  projects: () => '/api/projects',
  issues: (projectId: number, query: IssueQuery) => withQuery(`/api/${projectId}/dashboard/issues`, query),
  facets: (projectId: number) => `/api/${projectId}/dashboard/facets`,
  issue: (projectId: number, issueId: number) => `/api/${projectId}/issues/${issueId}`,
  issueSeries: (projectId: number, issueId: number, period: string) =>
    withQuery(`/api/${projectId}/dashboard/issues/${issueId}/series`, { period }),
  session: (projectId: number, sessionId: string) =>
    `/api/${projectId}/sessions/${encodeURIComponent(sessionId)}`,
  sessionPlayback: (projectId: number, sessionId: string) =>
    `/api/${projectId}/sessions/${encodeURIComponent(sessionId)}/playback`,
  compare: (projectId: number, since?: string) => withQuery(`/api/${projectId}/compare`, { since }),
  sampling: (projectId: number) => `/api/${projectId}/sampling`,
};
