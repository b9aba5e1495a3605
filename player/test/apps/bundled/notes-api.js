// The notes API client of the bundled conformance apps, as an app keeps its API calls in one module: each body
// carries a runtime id and the clock, which replay must answer through the seeded randomness and time.
export async function postNote(api, text) {
  const body = JSON.stringify({ id: crypto.randomUUID(), text, at: Date.now() });
  const response = await fetch(`${api}/api/notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return (await response.json()).note;
}
