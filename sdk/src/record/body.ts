import type { Body } from '@playback/detector';
import { MAX_BODY_BYTES } from './constants.js';

/** Content types read as text; everything else is kept as base64. */
const TEXT_TYPE =
  /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript|x-www-form-urlencoded|graphql))/i;

export function isTextType(mimeType: string | null | undefined): boolean {
  return !mimeType || TEXT_TYPE.test(mimeType);
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** A text body, cut at MAX_BODY_BYTES (counted in UTF-16 units: close enough, and cheap). */
export function textBody(text: string, mimeType?: string | null): Body {
  const truncated = text.length > MAX_BODY_BYTES;
  return {
    encoding: 'text',
    data: truncated ? text.slice(0, MAX_BODY_BYTES) : text,
    ...(mimeType ? { mimeType } : {}),
    masked: false,
    truncated,
  };
}

export function binaryBody(bytes: Uint8Array, mimeType?: string | null): Body {
  const truncated = bytes.length > MAX_BODY_BYTES;
  return {
    encoding: 'base64',
    data: base64(truncated ? bytes.subarray(0, MAX_BODY_BYTES) : bytes),
    ...(mimeType ? { mimeType } : {}),
    masked: false,
    truncated,
  };
}

/** FormData as the urlencoded text of its string fields (files are named, not read). */
function formDataText(form: FormData): string {
  const params = new URLSearchParams();
  form.forEach((value, name) => {
    params.append(name, typeof value === 'string' ? value : `[file ${value.name}]`);
  });
  return params.toString();
}

/**
 * The body a request was given, as the recording keeps it. Streams are not
 * read (that would consume them); null when there is no body or it cannot be read.
 */
export async function requestBody(body: unknown, mimeType?: string | null): Promise<Body | null> {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return textBody(body, mimeType);
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) {
    return textBody(body.toString(), mimeType ?? 'application/x-www-form-urlencoded');
  }
  if (typeof FormData !== 'undefined' && body instanceof FormData) {
    return textBody(formDataText(body), 'multipart/form-data');
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    const type = mimeType ?? (body.type || null);
    return isTextType(type)
      ? textBody(await body.text(), type)
      : binaryBody(new Uint8Array(await body.arrayBuffer()), type);
  }
  if (body instanceof ArrayBuffer) return bytesBody(new Uint8Array(body), mimeType);
  if (ArrayBuffer.isView(body)) {
    return bytesBody(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), mimeType);
  }
  return null;
}

function bytesBody(bytes: Uint8Array, mimeType?: string | null): Body {
  if (mimeType && isTextType(mimeType)) return textBody(new TextDecoder().decode(bytes), mimeType);
  return binaryBody(bytes, mimeType);
}

/** A response's body: text for text types, base64 for the rest. Reads a clone, so the page's copy is untouched. */
export async function responseBody(response: Response): Promise<Body | null> {
  const mimeType = response.headers.get('content-type');
  if (isTextType(mimeType)) {
    const text = await response.text();
    return text === '' && response.status === 204 ? null : textBody(text, mimeType);
  }
  return binaryBody(new Uint8Array(await response.arrayBuffer()), mimeType);
}
