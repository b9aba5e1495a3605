import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { ClickIssueInput } from '@playback/detector';
import { type Envelope, parseEnvelope } from './envelope.js';

/** A batch the SDK's endpoint path sent. */
export interface IssuesRequest {
  projectId: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: { issues: ClickIssueInput[]; sdk: { name: string; version: string }; sentAt: number };
}

/** The fields of a Sentry event the tests read. */
export interface SentryEvent {
  level?: string;
  exception: { values: Array<{ type: string; value: string }> };
  fingerprint?: string[];
  tags?: Record<string, string>;
  contexts?: { click_issue?: unknown; [name: string]: unknown };
}

/** An rrweb event from a recording; custom events (type 5) carry breadcrumbs. */
export interface RecordingEvent {
  type: number;
  timestamp: number;
  data?: { tag?: string; payload?: { category?: string; data?: unknown; [key: string]: unknown } };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.wav': 'audio/wav',
};

/** A short silent WAV, so the audio trap really plays. */
function silentWav(): Buffer {
  const samples = 800;
  const buf = Buffer.alloc(44 + samples);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(8000, 24);
  buf.writeUInt32LE(8000, 28);
  buf.writeUInt16LE(1, 32);
  buf.writeUInt16LE(8, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples, 40);
  buf.fill(128, 44);
  return buf;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A local stand-in for Sentry: speaks the envelope protocol
 * (`/api/:project/envelope/`), takes the SDK's issue batches
 * (`/api/:project/issues/`), and serves the demo pages and their test APIs.
 * Nothing leaves 127.0.0.1.
 */
export class SentryTestServer {
  readonly envelopes: Envelope[] = [];
  readonly issueRequests: IssuesRequest[] = [];
  /** Statuses the issues endpoint answers next (then 200), with optional headers. */
  readonly issuesResponses: Array<{ status: number; headers?: Record<string, string> }> = [];
  private server: Server | null = null;
  port = 0;

  constructor(private readonly staticRoots: Record<string, string>) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** DSN pointing here. */
  dsn(projectId = 1): string {
    return `http://public@127.0.0.1:${this.port}/${projectId}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  reset(): void {
    this.envelopes.length = 0;
    this.issueRequests.length = 0;
    this.issuesResponses.length = 0;
  }

  /** Every item of the given type, across envelopes. */
  items(type: string) {
    return this.envelopes.flatMap((e) => e.items.filter((i) => i.header.type === type));
  }

  /** Error events (the exception path and the page's own errors). */
  events(): SentryEvent[] {
    return this.items('event').map((i) => i.payload as SentryEvent);
  }

  /** rrweb events of every replay_recording segment received. */
  recordingEvents(): RecordingEvent[] {
    return this.items('replay_recording').flatMap((i) => i.payload as RecordingEvent[]);
  }

  /** Issues received on the endpoint path. */
  endpointIssues(): ClickIssueInput[] {
    return this.issueRequests.flatMap((r) => r.body.issues);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'retry-after, x-sentry-rate-limits');
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-headers', '*');
      res.end();
      return;
    }
    const api = /^\/api\/(\d+)\/(envelope|issues)\/?$/.exec(url.pathname);
    if (api && req.method === 'POST') {
      const body = await readBody(req);
      if (api[2] === 'envelope') {
        this.envelopes.push(parseEnvelope(body, req.headers['content-encoding']));
        res.setHeader('content-type', 'application/json');
        res.end('{}');
        return;
      }
      const next = this.issuesResponses.shift();
      this.issueRequests.push({
        projectId: api[1]!,
        query: url.searchParams,
        contentType: req.headers['content-type'],
        body: JSON.parse(body.toString('utf8')),
      });
      res.statusCode = next?.status ?? 200;
      for (const [k, v] of Object.entries(next?.headers ?? {})) res.setHeader(k, v);
      res.end(res.statusCode === 200 ? '{"accepted":true}' : '{}');
      return;
    }
    if (url.pathname === '/api/slow') {
      const ms = Number(url.searchParams.get('ms') ?? 4000);
      await new Promise((resolve) => setTimeout(resolve, ms));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, waitedMs: ms }));
      return;
    }
    if (url.pathname === '/files/report.csv') {
      res.setHeader('content-type', 'text/csv');
      res.setHeader('content-disposition', 'attachment; filename="report.csv"');
      res.end('id,total\n1,10\n');
      return;
    }
    if (url.pathname === '/media/beep.wav') {
      res.setHeader('content-type', 'audio/wav');
      res.end(silentWav());
      return;
    }
    this.serveStatic(url.pathname, res);
  }

  private serveStatic(pathname: string, res: ServerResponse): void {
    for (const [prefix, root] of Object.entries(this.staticRoots)) {
      if (!pathname.startsWith(prefix)) continue;
      let rel = normalize(pathname.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
      if (rel === '' || rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
      const file = join(root, rel);
      if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) continue;
      res.setHeader('content-type', MIME[extname(file)] ?? 'application/octet-stream');
      res.end(readFileSync(file));
      return;
    }
    res.statusCode = 404;
    res.end('not found');
  }
}
