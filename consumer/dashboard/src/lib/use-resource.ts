// One API read bound to a component: loads when the path changes, refreshes on an interval while the
// page is visible, and (when asked) keeps showing the last data while a new read is under way, so
// changing a filter does not blank the table.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getJson, onTokenChange } from '../api/client';

export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  /** True while a read is under way. */
  loading: boolean;
  reload: () => void;
}

export interface ResourceOptions {
  /** Read again this often while the page is visible. */
  refreshMs?: number;
  /** Keep the previous path's data on screen until the new one arrives. */
  keepPrevious?: boolean;
}

interface State<T> {
  data?: T;
  error?: Error;
  loading: boolean;
}

export function useResource<T>(path: string | null, options: ResourceOptions = {}): Resource<T> {
  const { refreshMs, keepPrevious = false } = options;
  const [state, setState] = useState<State<T>>({ loading: path !== null });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const latest = useRef(0);
  const shownPath = useRef<string | null>(null);

  useEffect(() => onTokenChange(reload), [reload]);

  // `generation` is the reload trigger.
  useEffect(() => {
    if (path === null) return;
    const ticket = ++latest.current;
    const controller = new AbortController();
    const samePath = shownPath.current === path;
    setState((s) => (samePath || keepPrevious ? { ...s, loading: true } : { loading: true }));
    getJson<T>(path, controller.signal).then(
      (data) => {
        if (ticket !== latest.current) return;
        shownPath.current = path;
        setState({ data, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted || ticket !== latest.current) return;
        setState((s) => ({ ...s, error: error as Error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [path, generation, keepPrevious]);

  useEffect(() => {
    if (path === null || !refreshMs) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, refreshMs);
    return () => clearInterval(timer);
  }, [path, refreshMs, reload]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
