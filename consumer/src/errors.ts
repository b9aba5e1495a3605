// Errors that carry the HTTP status and the reason the client reads.

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (reason: string) => new HttpError(400, reason);
export const payloadTooLarge = (reason: string) => new HttpError(413, reason);
