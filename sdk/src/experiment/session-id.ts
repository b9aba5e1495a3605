import { SESSION_ID_STORAGE_KEY } from '../shared/constants.js';

function randomId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}

let memoryId: string | null = null;

/** An id for this tab's session, kept in sessionStorage (in memory when storage is unavailable). */
export function sessionStorageId(storage: Storage | undefined = safeSessionStorage()): string {
  try {
    const existing = storage?.getItem(SESSION_ID_STORAGE_KEY);
    if (existing) return existing;
    const id = randomId();
    storage?.setItem(SESSION_ID_STORAGE_KEY, id);
    if (storage) return id;
  } catch {
    // Storage blocked (privacy mode, sandboxed iframe): fall through to memory.
  }
  memoryId ??= randomId();
  return memoryId;
}

export function safeSessionStorage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}
