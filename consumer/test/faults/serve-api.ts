// What the fault tests ask of a running `serve` over HTTP: a project made with the API token, and a
// batch of click issues sent to its endpoint route.
import { clickIssue } from '../fixtures.js';

export interface FaultProject {
  id: number;
  /** The DSN's public key. */
  key: string;
}

export async function createProject(url: string, token: string, name: string): Promise<FaultProject> {
  const response = await fetch(`${url}/api/projects`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201)
    throw new Error(`POST /api/projects: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as { id: number; dsn: string };
  return { id: created.id, key: new URL(created.dsn).username };
}

export const postIssues = (url: string, project: FaultProject, count = 1) =>
  fetch(`${url}/api/${project.id}/issues/?sentry_key=${project.key}`, {
    method: 'POST',
    body: JSON.stringify({ issues: Array.from({ length: count }, () => clickIssue()) }),
  });
