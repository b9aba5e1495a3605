import { epochNow } from '../shared/time.js';
import type { Observer } from './context.js';
import { patchMethod } from './patch.js';

/** A click, as the code it set running is traced back to it. */
export interface ClickCause {
  /** Click.id, as the detector knows it. */
  readonly id: string;
  /** The element the click acts on. */
  readonly element: Element;
  readonly t: number;
  /** When a timer, frame, fetch or XHR the click's code started last ran its callback. */
  lastWorkAt: number;
}

/** How the running task came to run, for evidence. */
export type CauseVia = 'task' | 'timer' | 'frame' | 'fetch' | 'xhr';

/**
 * Who the running task belongs to: a click (its own task, or work its handler started); the page
 * (`page`: a timer, frame or request started while no click was waiting); or unknown (null: an event
 * or callback no wrapper saw).
 */
export type Cause = { click: ClickCause; via: CauseVia } | 'page' | null;

/**
 * Traces page changes back to the click whose code made them, the way a browser lets an observer:
 * a click's own task and its microtasks, and the timers, animation frames, fetches (and their body
 * reads) and XHRs its handler started, each of which runs its callback as a task of the click. The
 * cause holds until the next task starts (a message on a private channel clears it), so the
 * MutationObserver callback that follows a task's microtasks still sees it.
 */
export class TaskCauses {
  private cause: Cause = null;
  private clearPosted = false;
  private readonly channel: MessageChannel | null;

  /** `quiet()` is true while no click waits: work started then is the page's own. */
  constructor(private readonly quiet: () => boolean) {
    this.channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
    if (this.channel) {
      this.channel.port1.onmessage = () => {
        this.clearPosted = false;
        this.cause = null;
      };
    }
  }

  current(): Cause {
    return this.cause;
  }

  /** The running task belongs to `cause` until the next task begins. */
  enter(cause: Cause): void {
    this.cause = cause;
    // Work the click started has run; its own task is not work it started.
    if (cause && typeof cause === 'object' && cause.via !== 'task') cause.click.lastWorkAt = epochNow();
    if (!this.clearPosted && this.channel) {
      this.clearPosted = true;
      this.channel.port2.postMessage(0);
    }
  }

  /**
   * The click's event has reached the window in the bubble phase: every handler has run, and the
   * microtasks they queued with it. After the microtasks queued so far, the task is nobody's, so a
   * page timer that runs before the next task begins is not taken for the click's.
   */
  endOf(click: ClickCause): void {
    queueMicrotask(() => {
      const cause = this.cause;
      if (cause && typeof cause === 'object' && cause.click === click && cause.via === 'task')
        this.cause = null;
    });
  }

  /** The cause to hand to work started now: the running click, else the page when nobody waits. */
  owner(via: CauseVia): Cause {
    const cause = this.cause;
    if (cause && typeof cause === 'object') return { click: cause.click, via };
    if (cause === 'page' || this.quiet()) return 'page';
    return null;
  }

  /**
   * Runs `fn` with deferred work left untraced: the SDK's own timers are nobody's answer. Shared by
   * every instance in the page, so one instance's timer is not traced to a click by another's patch.
   */
  untracked<T>(fn: () => T): T {
    untracedDepth++;
    try {
      return fn();
    } finally {
      untracedDepth--;
    }
  }

  /** True inside untracked(), of any instance. */
  bypassing(): boolean {
    return untracedDepth > 0;
  }

  /** Wraps a callback so it runs as a task of `owner`. */
  bind<F extends (...args: never[]) => unknown>(fn: F, owner: Cause): F {
    const causes = this;
    return function (this: unknown, ...args: Parameters<F>) {
      causes.enter(owner);
      return fn.apply(this, args);
    } as F;
  }

  close(): void {
    if (this.channel) {
      this.channel.port1.onmessage = null;
      this.channel.port1.close();
    }
  }
}

/** Depth of untracked() calls in progress, across instances. */
let untracedDepth = 0;

type AnyFn = (...args: unknown[]) => unknown;

/** Patches the entry points of deferred work so each callback runs as a task of whoever started it. */
export function observeCauses(causes: TaskCauses): Observer {
  return (win, sink) => {
    const w = win as Window & typeof globalThis;
    const detach: Array<() => void> = [];
    const guard = <T>(fn: () => T, fallback: T): T => {
      try {
        return fn();
      } catch {
        sink.fail('causes');
        return fallback;
      }
    };
    for (const [name, via] of [
      ['setTimeout', 'timer'],
      ['setInterval', 'timer'],
      ['requestAnimationFrame', 'frame'],
    ] as const) {
      detach.push(
        patchMethod(
          w,
          name,
          (original) =>
            function (this: unknown, ...args: unknown[]) {
              // Sentry and frameworks set timers on every event: no closure but the bound callback.
              const handler = args[0];
              if (typeof handler === 'function' && !causes.bypassing()) {
                try {
                  args[0] = causes.bind(handler as AnyFn, causes.owner(via));
                } catch {
                  sink.fail('causes');
                }
              }
              return (original as AnyFn).apply(this, args);
            } as typeof original,
        ),
      );
    }
    // A response remembers who fetched it, so reading its body later still belongs to them.
    const responseOwners = new WeakMap<object, Cause>();
    const settleAs = <T>(promise: Promise<T>, owner: Cause): Promise<T> =>
      promise.then(
        (value) => {
          causes.enter(owner);
          if (value && typeof value === 'object') responseOwners.set(value, owner);
          return value;
        },
        (error: unknown) => {
          causes.enter(owner);
          throw error;
        },
      );
    if (typeof w.fetch === 'function') {
      detach.push(
        patchMethod(
          w,
          'fetch',
          (original) =>
            function (this: unknown, ...args: Parameters<typeof fetch>) {
              const result = (original as typeof fetch).apply(this, args);
              const owner = guard(() => causes.owner('fetch'), null);
              return owner === null ? result : settleAs(result, owner);
            } as typeof fetch,
        ),
      );
    }
    const responseProto = w.Response?.prototype;
    if (responseProto) {
      for (const name of ['json', 'text', 'blob', 'arrayBuffer', 'formData'] as const) {
        detach.push(
          patchMethod(
            responseProto,
            name,
            (original) =>
              function (this: Response) {
                const result = (original as () => Promise<unknown>).call(this);
                const owner = responseOwners.get(this) ?? null;
                return owner === null ? result : settleAs(result, owner);
              } as typeof original,
          ),
        );
      }
    }
    const xhrProto = w.XMLHttpRequest?.prototype;
    if (xhrProto) {
      const xhrOwners = new WeakMap<XMLHttpRequest, Cause>();
      const enterXhr = (event: Event) => {
        const owner = xhrOwners.get(event.target as XMLHttpRequest);
        if (owner !== undefined) causes.enter(owner);
      };
      const hooked = new WeakSet<XMLHttpRequest>();
      detach.push(
        patchMethod(
          xhrProto,
          'open',
          (original) =>
            function (this: XMLHttpRequest, ...args: unknown[]) {
              // Listening from open, before the app sets its own handlers, so ours runs first.
              if (!hooked.has(this)) {
                hooked.add(this);
                for (const type of ['readystatechange', 'load', 'error', 'abort', 'timeout', 'loadend']) {
                  this.addEventListener(type, enterXhr);
                }
              }
              return (original as AnyFn).apply(this, args);
            } as typeof original,
        ),
        patchMethod(
          xhrProto,
          'send',
          (original) =>
            function (this: XMLHttpRequest, ...args: unknown[]) {
              guard(() => xhrOwners.set(this, causes.owner('xhr')), null);
              return (original as AnyFn).apply(this, args);
            } as typeof original,
        ),
      );
    }
    return () => {
      for (const off of detach) off();
      causes.close();
    };
  };
}
