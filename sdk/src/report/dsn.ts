import { SDK_NAME, SDK_VERSION } from '../shared/constants.js';

/** The DSN parts this package needs (the shape of Sentry's DsnComponents). */
export interface DsnParts {
  protocol: string;
  publicKey?: string;
  host: string;
  port?: string;
  path?: string;
  projectId: string;
}

/** `{DSN origin}/api/{projectId}/issues/?sentry_key=…`: authenticated by query, so no CORS preflight. */
export function issuesEndpointFromDsn(dsn: DsnParts): string {
  const port = dsn.port ? `:${dsn.port}` : '';
  const path = dsn.path ? `/${dsn.path}` : '';
  const query = new URLSearchParams({ sentry_client: `${SDK_NAME}/${SDK_VERSION}` });
  if (dsn.publicKey) query.set('sentry_key', dsn.publicKey);
  return `${dsn.protocol}://${dsn.host}${port}${path}/api/${dsn.projectId}/issues/?${query.toString()}`;
}

/** Parses a DSN string (`https://key@host/path/42`); null when it is not one. */
export function parseDsn(dsn: string): DsnParts | null {
  let url: URL;
  try {
    url = new URL(dsn.trim());
  } catch {
    return null;
  }
  const protocol = url.protocol.replace(/:$/, '');
  if (!/^\w+$/.test(protocol) || !url.hostname) return null;
  const segments = url.pathname.split('/').filter(Boolean);
  const projectId = segments.pop();
  if (!projectId || !/^\d+$/.test(projectId) || url.search || url.hash) return null;
  const publicKey = decodeURIComponent(url.username);
  return {
    protocol,
    host: url.hostname,
    projectId,
    ...(publicKey ? { publicKey } : {}),
    ...(url.port ? { port: url.port } : {}),
    ...(segments.length > 0 ? { path: segments.join('/') } : {}),
  };
}
