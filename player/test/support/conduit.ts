// The Conduit-style test app and its REST API, on two origins, as a user's browser meets them:
// the API answers CORS preflights and keeps its state in memory, so the same GET answers
// differently once a favorite or a comment changed it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, type Served, serveTestApp } from './serve-test-app.js';

export type { Served };

const appDir = new URL('../apps/conduit/', import.meta.url);

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => resolve(text ? JSON.parse(text) : undefined));
  });
}

/** The API: sign-up, articles with favorites, tags, comments. */
export async function startConduitApi(): Promise<Served> {
  const articles = [
    {
      slug: 'how-to-train-your-dragon',
      title: 'How to train your dragon',
      body: 'Ever wonder how?',
      favoritesCount: 0,
    },
    { slug: 'welcome-to-conduit', title: 'Welcome to Conduit', body: 'It is a blog.', favoritesCount: 0 },
    { slug: 'testing-in-production', title: 'Testing in production', body: 'Bold.', favoritesCount: 0 },
  ];
  const comments = new Map<string, Array<{ id: number; body: string }>>();
  let nextId = 1;
  const send = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer(async (req, res) => {
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    res.setHeader('access-control-allow-headers', 'content-type, authorization');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    const path = (req.url ?? '/').split('?')[0]!;
    const body = (await readBody(req)) as Record<string, Record<string, string>> | undefined;
    if (req.method === 'POST' && path === '/api/users') {
      const user = body!.user!;
      return send(res, 201, {
        user: { username: user.username, email: user.email, token: `jwt.${user.username}.s1gn` },
      });
    }
    if (req.method === 'GET' && path === '/api/tags')
      return send(res, 200, { tags: ['dragons', 'training', 'welcome'] });
    if (req.method === 'GET' && path === '/api/articles')
      return send(res, 200, { articles, articlesCount: articles.length });
    const favorite = /^\/api\/articles\/([\w-]+)\/favorite$/.exec(path);
    if (req.method === 'POST' && favorite) {
      const article = articles.find((a) => a.slug === favorite[1])!;
      article.favoritesCount++;
      return send(res, 200, { article });
    }
    const commentsOf = /^\/api\/articles\/([\w-]+)\/comments$/.exec(path);
    if (commentsOf) {
      const list = comments.get(commentsOf[1]!) ?? [];
      comments.set(commentsOf[1]!, list);
      if (req.method === 'GET') return send(res, 200, { comments: list });
      const comment = { id: nextId++, body: body!.comment!.body! };
      list.push(comment);
      return send(res, 200, { comment });
    }
    const one = /^\/api\/articles\/([\w-]+)$/.exec(path);
    if (req.method === 'GET' && one)
      return send(res, 200, { article: articles.find((a) => a.slug === one[1]) });
    send(res, 404, { errors: { path: ['not found'] } });
  });
  return listen(server);
}

/** The client, as a dev server serves it, pointed at `apiUrl`; `headHtml` goes before its script. */
export function serveConduitApp(
  apiUrl: string,
  options: { bug?: boolean; headHtml?: string; assets?: Record<string, string> } = {},
) {
  const config = `<script>window.CONDUIT_API = ${JSON.stringify(apiUrl)};${options.bug ? 'window.CONDUIT_BUG = true;' : ''}</script>`;
  return serveTestApp(appDir, {
    marker: '<!--monitoring-->',
    head: `${config}${options.headHtml ?? ''}`,
    scripts: options.assets,
  });
}
