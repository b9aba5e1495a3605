// What counts as a secret by its name, for every package that stores what a client sent: the
// recorder, the player's builder (HAR files, back-end logs) and the consumer's scrubber.

/** Headers never stored or forwarded, whatever a client sends: they carry credentials. */
export const SECRET_HEADER_NAMES: ReadonlySet<string> = new Set([
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
]);

/** Field and parameter names of passwords: their values all get one fixed stand-in. */
export const PASSWORD_NAME = /pass(?:word|wd|phrase)?$|^pwd$|^pin$/i;

/** Field and parameter names whose values are credentials or payment data (not `author`, not `code` of a country). */
export const SECRET_NAME =
  /pass(?:word|wd|phrase)?$|^pwd$|^pin$|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|^auth$|authori[sz]ation|credential|session[-_]?(?:id|key)?$|^sid$|cookie|csrf|xsrf|jwt|^otp$|^cvc$|^cvv\d?$|^csc$|card[-_]?(?:number|no)$|^cc[-_]?(?:num|number)$|^iban$|^ssn$/i;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);
export const isSecretHeaderName = (name: string): boolean => SECRET_HEADER_NAMES.has(name.toLowerCase());
