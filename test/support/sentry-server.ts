import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClickIssueInput } from '@playback/detector';
import { answerDemoRequest } from '../apps/clicks/demo-routes.js';
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
    if (await answerDemoRequest(req, res, { staticRoots: this.staticRoots })) return;
    res.statusCode = 404;
    res.end('not found');
  }
}
