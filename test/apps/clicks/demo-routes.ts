// What the demo pages need from a server besides Sentry: their files, the SDK's builds, and the
// few URLs their buttons call. Shared by the e2e stand-in for Sentry and by `npm start`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wav': 'audio/wav',
};

/** What the page reads from `window.__PLAYBACK_DEMO__` before it starts Sentry. */
export interface DemoPageConfig {
  /** Where the page reports; without it the page reports to its own origin, project 1. */
  dsn?: string;
  /** Query-string defaults (`report=…&replay=1`); the page's own query wins. */
  defaults?: string;
  /** Shown on the page: where the issues can be seen. */
  dashboardUrl?: string;
}

export interface DemoRoutesOptions {
  /** URL prefix → folder, tried in order. */
  staticRoots: Record<string, string>;
  /** Injected into every HTML page served. */
  pageConfig?: DemoPageConfig;
}

/** A short silent WAV, so the audio button really plays. */
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

/** The script that hands the page its config; `<` is escaped so a value cannot close the tag. */
function configScript(config: DemoPageConfig): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<script>window.__PLAYBACK_DEMO__ = ${json};</script>`;
}

/**
 * Answers a demo request: the slow API, the CSV download, the audio file, or a static file.
 * Resolves false when nothing matched, so the caller can answer 404 or go on.
 */
export async function answerDemoRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: DemoRoutesOptions,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/api/slow') {
    const ms = Math.min(Number(url.searchParams.get('ms') ?? 4000) || 0, 60_000);
    await new Promise((resolve) => setTimeout(resolve, ms));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, waitedMs: ms }));
    return true;
  }
  if (url.pathname === '/files/report.csv') {
    res.setHeader('content-type', 'text/csv');
    res.setHeader('content-disposition', 'attachment; filename="report.csv"');
    res.end('id,total\n1,10\n');
    return true;
  }
  if (url.pathname === '/media/beep.wav') {
    res.setHeader('content-type', 'audio/wav');
    res.end(silentWav());
    return true;
  }
  return serveStatic(url.pathname, res, options);
}

function serveStatic(pathname: string, res: ServerResponse, options: DemoRoutesOptions): boolean {
  for (const [prefix, root] of Object.entries(options.staticRoots)) {
    if (!pathname.startsWith(prefix)) continue;
    let rel = normalize(decodeURIComponent(pathname.slice(prefix.length))).replace(/^(\.\.[/\\])+/, '');
    if (rel === '' || rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
    const file = join(root, rel);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) continue;
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    res.setHeader('content-type', type);
    if (options.pageConfig && extname(file) === '.html') {
      const html = readFileSync(file, 'utf8').replace('<head>', `<head>${configScript(options.pageConfig)}`);
      res.end(html);
    } else {
      res.end(readFileSync(file));
    }
    return true;
  }
  return false;
}
