// What counts as a secret by its name: headers dropped whole, and keys (query parameters, JSON and form
// fields, storage entries) whose values are replaced. Relay's defaults are the model. The header list
// is the detector's, shared with the recorder and the player's builder.
import { SECRET_HEADER_NAMES } from '@playback/detector';

/** Keys whose value is a password: replaced by the one password stand-in. */
export const PASSWORD_KEY = /pass(?:word|wd|phrase)?$|^pwd$|^pin$/i;

/** Keys whose value is a credential of another kind: replaced by a stand-in of the same shape. */
export const SECRET_KEY =
  /pass(?:word|wd|phrase)?|^pwd$|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|auth|credential|session[-_]?(?:id|key)|^sid$|signature|^sig$|csrf|xsrf|jwt|^code$|card[-_]?(?:number|no)|^cvc$|^cvv$|^ssn$/i;

/** True when a header of this name (any case) must be dropped; `extra` adds a project's own. */
export function isSecretHeader(name: string, extra: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADER_NAMES.has(lower) || extra.includes(lower);
}
