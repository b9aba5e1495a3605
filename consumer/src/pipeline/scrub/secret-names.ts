// What counts as a secret by its name: headers dropped whole, and keys (query parameters, JSON and form
// fields, storage entries) whose values are replaced. Relay's defaults are the model.

/** Headers never stored or forwarded, whatever a client sends: they carry credentials. */
export const SECRET_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'set-cookie2',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'x-xsrf-token',
  'x-amz-security-token',
  'x-goog-api-key',
  'x-sentry-auth',
];

/** Keys whose value is a password: replaced by the one password stand-in. */
export const PASSWORD_KEY = /pass(?:word|wd|phrase)?$|^pwd$|^pin$/i;

/** Keys whose value is a credential of another kind: replaced by a stand-in of the same shape. */
export const SECRET_KEY =
  /pass(?:word|wd|phrase)?|^pwd$|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|auth|credential|session[-_]?(?:id|key)|^sid$|signature|^sig$|csrf|xsrf|jwt|^code$|card[-_]?(?:number|no)|^cvc$|^cvv$|^ssn$/i;

/** True when a header of this name (any case) must be dropped; `extra` adds a project's own. */
export function isSecretHeader(name: string, extra: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADERS.includes(lower) || extra.includes(lower);
}
