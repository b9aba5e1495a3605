// Talks to the consumer's API from the page, with the API token when the consumer asks for one
// (PLAYBACK_API_TOKEN). The token comes from `?token=` once, then lives in this browser's storage.

const TOKEN_STORAGE_KEY = 'playback.apiToken';
/** How long a downloaded file's object URL is kept: the browser reads it after the click returns. */
const OBJECT_URL_LIFETIME_MS = 60_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Moves a `?token=` from the address bar into storage, so it is neither shared by a copied link nor lost. */
export function adoptTokenFromUrl(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  setApiToken(token);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

export function apiToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setApiToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_STORAGE_KEY, token);
    else window.localStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Storage may be off (private mode): the token then lasts until the page reloads.
  }
  for (const listener of tokenListeners) listener();
}

const tokenListeners = new Set<() => void>();
export function onTokenChange(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = apiToken();
  return token ? { ...extra, authorization: `Bearer ${token}` } : extra;
}

async function readError(response: Response): Promise<ApiError> {
  let detail = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { detail?: unknown };
    if (typeof body.detail === 'string') detail = body.detail;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(response.status, detail);
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: headers(), ...(signal ? { signal } : {}) });
  if (!response.ok) throw await readError(response);
  return (await response.json()) as T;
}

export async function sendJson<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: headers({ 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await readError(response);
  return (await response.json()) as T;
}

/** Saves a file the API serves, with the token a plain link could not carry. */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) throw await readError(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
}
