/** A Sentry-style DSN: `http://<public key>@<host>/<project id>`. */
export function buildDsn(publicUrl: string, publicKey: string, projectId: number): string {
  const url = new URL(publicUrl);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${publicKey}@${url.host}${path}/${projectId}`;
}

export interface ParsedDsn {
  protocol: string;
  publicKey: string;
  host: string;
  projectId: number;
  /** Where the envelope endpoint lives. */
  envelopeUrl: string;
}

export function parseDsn(dsn: string): ParsedDsn {
  const url = new URL(dsn);
  const segments = url.pathname.split('/').filter(Boolean);
  const projectId = Number(segments.pop());
  if (!url.username || !Number.isInteger(projectId)) throw new Error(`not a DSN: ${dsn}`);
  const base = segments.length > 0 ? `/${segments.join('/')}` : '';
  return {
    protocol: url.protocol,
    publicKey: decodeURIComponent(url.username),
    host: url.host,
    projectId,
    envelopeUrl: `${url.protocol}//${url.host}${base}/api/${projectId}/envelope/`,
  };
}
