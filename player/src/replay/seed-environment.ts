import type { Environment } from '@playback/detector';

/**
 * A script run in every page before the app's own: seeds storage once per
 * tab, and feeds Math.random and crypto the recorded values in order (real
 * randomness once they run out). Each document starts the sequences afresh.
 */
export function seedEnvironmentScript(environment: Environment): string {
  const payload = JSON.stringify({ storage: environment.storage, determinism: environment.determinism });
  return `(() => {
  const env = ${payload};
  try {
    if (!sessionStorage.getItem('__playback_seeded__')) {
      for (const [k, v] of Object.entries(env.storage.localStorage)) localStorage.setItem(k, v);
      for (const [k, v] of Object.entries(env.storage.sessionStorage)) sessionStorage.setItem(k, v);
      sessionStorage.setItem('__playback_seeded__', '1');
    }
  } catch {}
  const d = env.determinism;
  if (!d) return;
  const randoms = d.mathRandom.slice();
  const realRandom = Math.random;
  Math.random = () => (randoms.length > 0 ? randoms.shift() : realRandom());
  const bytes = d.getRandomValues.slice();
  const realGetRandomValues = crypto.getRandomValues.bind(crypto);
  crypto.getRandomValues = (array) => {
    const next = bytes.shift();
    if (next === undefined) return realGetRandomValues(array);
    const raw = atob(next);
    const view = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < view.length && i < raw.length; i++) view[i] = raw.charCodeAt(i);
    return array;
  };
  const uuids = d.randomUUID.slice();
  if (typeof crypto.randomUUID === 'function') {
    const realRandomUUID = crypto.randomUUID.bind(crypto);
    crypto.randomUUID = () => (uuids.length > 0 ? uuids.shift() : realRandomUUID());
  }
})();`;
}
