import {
  DEAD_CLICK_TIMEOUT_MS,
  type NetworkExchange,
  type PlaybackFile,
  type StreamMessage,
} from '@playback/detector';
import { attributeClickIssue } from '../click-issues/attribute-click-issue.js';
import { eventStreamBody } from '../network/recorded-streams.js';
import { isStaticAsset } from '../network/static-asset.js';
import { isAppNavigation } from '../replay/app-navigation.js';
import { messageShape } from '../replay/error-signature.js';
import { describeStep } from '../report/render-terminal.js';
import { pathOf, stepCode } from './spec-steps.js';

const q = (text: string) => JSON.stringify(text);

/** Pauses between steps shorter than this are not kept; longer ones are cut to MAX_PAUSE_MS. */
const MIN_PAUSE_MS = 50;
const MAX_PAUSE_MS = 2_000;

/** How a request is named in the spec: method and path on the app's origin, the full URL elsewhere. */
function requestKey(method: string, url: string, origin: string): string {
  const parsed = new URL(url);
  const where =
    parsed.origin === origin
      ? `${parsed.pathname}${parsed.search}`
      : `${parsed.origin}${parsed.pathname}${parsed.search}`;
  return `${method} ${where}`;
}

/** A message shape as a regular expression source: the variable parts match anything. */
function shapePattern(message: string): string {
  return `^${messageShape(message)
    .split(/<(?:url|id|value|n)>/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*?')}$`;
}

/** A recorded response as the spec serves it: an event stream's events are its body. */
function answerOf(exchange: NetworkExchange, response: NonNullable<NetworkExchange['response']>) {
  if (exchange.initiator === 'eventsource' && exchange.messages) {
    const headers = { ...response.headers, 'content-type': 'text/event-stream' };
    return { status: response.status, headers, body: eventStreamBody(exchange.messages) };
  }
  const body = response.body;
  return {
    status: response.status,
    headers: response.headers,
    body: body?.data ?? '',
    ...(body?.encoding === 'base64' ? { base64: true } : {}),
  };
}

function recordedAnswers(file: PlaybackFile, origin: string) {
  const answers: Record<string, unknown[]> = {};
  const sockets: Record<string, StreamMessage[][]> = {};
  const calls: string[] = [];
  const ordered = [...file.network].sort((a, b) => a.timing.startT - b.timing.startT);
  for (const exchange of ordered) {
    if (exchange.initiator === 'document' || !exchange.response) continue;
    if (exchange.initiator === 'other' && isStaticAsset({ url: exchange.url })) continue;
    const key = requestKey(exchange.method, exchange.url, origin);
    if (exchange.initiator === 'websocket') {
      sockets[key] ??= [];
      sockets[key].push(exchange.messages ?? []);
    } else {
      answers[key] ??= [];
      answers[key].push(answerOf(exchange, exchange.response));
    }
    // A failed request is the bug's, not what a fixed app must repeat.
    if (exchange.response.status < 400) calls.push(key);
  }
  return { answers, sockets, calls };
}

/** Steps where the user's click went unanswered: the spec asserts that it is answered now. */
function reactionSteps(file: PlaybackFile): Map<number, string> {
  const out = new Map<number, string>();
  for (const issue of file.meta.clickIssues) {
    if (issue.type === 'error') continue;
    const { stepIndex, target } = attributeClickIssue(issue, file.steps);
    if (stepIndex !== null)
      out.set(
        stepIndex,
        `the click on ${target} gets a reaction (in the recording it was a ${issue.type} click)`,
      );
  }
  return out;
}

/**
 * A Playwright test of the session that fails while the recorded bug is there
 * and passes once it is fixed. It answers the API from the recording (other
 * origins by full URL, identical requests in recorded order), finds each
 * element among the recorded selector alternatives as replay does, and asserts:
 * the clicks that went unanswered get a reaction, the recorded errors are not
 * thrown and no new one is, the recorded API calls are made in order, and the
 * session ends on the route the user ended on.
 */
export function exportPlaywrightSpec(file: PlaybackFile, options: { baseUrl?: string } = {}): string {
  const origin = new URL(file.meta.url).origin;
  const { answers, sockets, calls } = recordedAnswers(file, origin);
  const reactions = reactionSteps(file);
  const errors = file.errors.map((e) => ({
    type: e.type,
    shape: shapePattern(e.message),
    message: e.message,
  }));
  let previousT = 0;
  const steps = file.steps
    .map((step, index) => {
      const code = stepCode(step, {
        origin,
        awaitsReaction: reactions.get(index),
        appNavigation: isAppNavigation(file, index),
      });
      // The user's pauses, up to a cap: debounced searches and timers see the time they saw.
      // A step the export does not write (a blur) passes its pause on to the next one it writes.
      if (!code) return null;
      const pause = Math.min(MAX_PAUSE_MS, Math.round(step.t - previousT));
      previousT = step.t;
      const wait =
        index > 0 && pause >= MIN_PAUSE_MS
          ? `  await page.waitForTimeout(${pause}); // the user paused\n`
          : '';
      return `  // ${index + 1}. ${describeStep(step)}\n${wait}  ${code}`;
    })
    .filter(Boolean)
    .join('\n');
  const lastNavigation = [...file.steps].reverse().find((s) => s.type === 'navigate');
  const finalPath = lastNavigation?.type === 'navigate' ? pathOf(lastNavigation.url, origin) : null;
  const issues = file.meta.clickIssues.map((i) => `${i.type} click on ${i.target.selector}`).join(', ');
  return `// Generated by \`playback export\` from session ${file.meta.id}, recorded ${new Date(file.meta.startedAt).toISOString()} on ${file.meta.url}.
// ${issues ? `Click issues in the recording: ${issues}.` : 'No click issue in the recording.'}
// It fails while the recorded bug is there and passes once it is fixed. The API is answered
// from the recording (by method and URL); set BASE_URL to your local app.
import { expect, type Locator, test } from '@playwright/test';

const BASE_URL = process.env.BASE_URL ?? ${q(options.baseUrl ?? 'http://localhost:5173')};
/** How long an answered click may take to change the page. */
const REACTION_TIMEOUT_MS = ${DEAD_CLICK_TIMEOUT_MS};
const API_TYPES = ['fetch', 'xhr', 'eventsource', 'websocket', 'ping'];

/** Recorded responses by method and URL (the app's own origin by path); identical requests get them in order. */
const recorded: Record<string, Array<{ status: number; headers: Record<string, string>; body: string; base64?: boolean }>> = ${JSON.stringify(answers, null, 2)};

/** Recorded WebSockets by URL, each as its frames in order (\`in\`: the server's; \`out\`: the page's). */
const recordedSockets: Record<string, Array<Array<{ direction: 'in' | 'out'; data: string; encoding?: string }>>> = ${JSON.stringify(sockets, null, 2)};

/** The API calls the user's session made, in order (failed ones left out: those were the bug's). */
const RECORDED_CALLS: string[] = ${JSON.stringify(calls, null, 2)};

/** Errors the user's session threw, by type and message shape. */
const RECORDED_ERRORS: Array<{ type: string; shape: string; message: string }> = ${JSON.stringify(errors, null, 2)};

/** True when \`expected\` appears in \`made\` in the same order (other calls may come between). */
const inOrder = (expected: string[], made: string[]) => {
  let at = 0;
  for (const call of made) if (call === expected[at]) at++;
  return at === expected.length;
};

test(${q(`session ${file.meta.id}: what failed the user no longer does`)}, async ({ page }) => {
  const localOrigin = new URL(BASE_URL).origin;
  const keyOf = (method: string, url: string) => {
    const u = new URL(url);
    return \`\${method} \${u.origin === localOrigin ? '' : u.origin}\${u.pathname}\${u.search}\`;
  };
  const served = new Map<string, number>();
  const made: string[] = [];
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  // A rejected promise nobody handled (an async handler that threw) is an error the user hit too.
  // The page keeps them; they are read after the last step, in the page's own order of tasks, so
  // none is still on its way (a message to the test per rejection could arrive after the check).
  await page.addInitScript(() => {
    const kept: Array<{ name: string; message: string }> = [];
    (window as unknown as { __playbackRejections: typeof kept }).__playbackRejections = kept;
    addEventListener('unhandledrejection', (event) => {
      const reason = event.reason as { name?: string; message?: string } | undefined;
      kept.push({ name: reason?.name ?? 'Error', message: reason?.message ?? String(event.reason) });
    });
  });
  await page.route('**/*', async (route) => {
    const request = route.request();
    if (!API_TYPES.includes(request.resourceType())) return route.continue();
    const key = keyOf(request.method(), request.url());
    made.push(key);
    const answers = recorded[key];
    if (!answers) return route.abort();
    const count = served.get(key) ?? 0;
    served.set(key, count + 1);
    const answer = answers[Math.min(count, answers.length - 1)]!;
    await route.fulfill({
      status: answer.status,
      headers: answer.headers,
      body: answer.base64 ? Buffer.from(answer.body, 'base64') : answer.body,
    });
  });

  // A recorded socket gets the server's frames, each once the page has sent the frames before it.
  await page.routeWebSocket(/.*/, (ws) => {
    const key = keyOf('GET', ws.url());
    const frames = recordedSockets[key]?.shift();
    if (!frames) {
      // The dev server's own sockets (hot updates) go to it; others the recording lacks are closed.
      if (new URL(ws.url()).host === new URL(BASE_URL).host) return ws.connectToServer();
      made.push(key);
      return ws.close({ code: 1011, reason: 'not in the recording' });
    }
    made.push(key);
    let sent = 0;
    let next = 0;
    const flush = () => {
      for (; next < frames.length; next++) {
        const frame = frames[next]!;
        if (frame.direction === 'out') {
          if (sent < frames.slice(0, next + 1).filter((f) => f.direction === 'out').length) return;
        } else ws.send(frame.encoding === 'base64' ? Buffer.from(frame.data, 'base64') : frame.data);
      }
    };
    ws.onMessage(() => {
      sent++;
      flush();
    });
    flush();
  });

  /** The first recorded selector that finds exactly one visible element, as \`playback replay\` picks. */
  const locate = async (alternatives: Locator[]): Promise<Locator> => {
    let found: Locator | undefined;
    await expect
      .poll(async () => {
        for (const candidate of alternatives) {
          if ((await candidate.count()) === 1 && (await candidate.isVisible())) {
            found = candidate;
            return true;
          }
        }
        return false;
      }, { message: \`one of \${alternatives.join(', ')} finds the element\` })
      .toBe(true);
    return found!;
  };

  /** Clicks, then expects the page to change: the click is answered. */
  const expectReaction = async (click: () => Promise<void>, what: string) => {
    await page.evaluate(() => {
      const w = window as unknown as { __changes: number; __observer?: MutationObserver };
      w.__changes = 0;
      w.__observer ??= new MutationObserver((records) => {
        w.__changes += records.length;
      });
      w.__observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __changes: number }).__changes), {
        message: what,
        timeout: REACTION_TIMEOUT_MS,
      })
      .toBeGreaterThan(0);
  };

${steps}

  // Let the last step's requests and handlers finish, then say what went wrong first: an error.
  await page.waitForLoadState('networkidle');
  const rejections = await page.evaluate(
    () => (window as unknown as { __playbackRejections?: Array<{ name: string; message: string }> }).__playbackRejections ?? [],
  );
  for (const { name, message } of rejections) pageErrors.push(Object.assign(new Error(message), { name }));
  const isRecorded = (error: Error) =>
    RECORDED_ERRORS.some((r) => r.type === error.name && new RegExp(r.shape).test(error.message));
  expect(pageErrors.filter(isRecorded).map(String), 'the error the user hit is not thrown again').toEqual([]);
  expect(pageErrors.filter((e) => !isRecorded(e)).map(String), 'no new error is thrown').toEqual([]);
  await expect
    .poll(() => inOrder(RECORDED_CALLS, made), { message: \`the recorded API calls are made in order (made: \${made.join(', ')})\` })
    .toBe(true);
${finalPath?.startsWith('/') ? `  await expect(page, 'the session ends where the user ended').toHaveURL(\`\${BASE_URL}${finalPath.replace(/`/g, '\\`')}\`);\n` : ''}});
`;
}
