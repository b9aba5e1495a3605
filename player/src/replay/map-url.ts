/** Moves a recorded URL onto the local app: same path, query and hash, the local origin. */
export function mapToLocalUrl(recordedUrl: string, recordedOrigin: string, localBase: string): string {
  try {
    const recorded = new URL(recordedUrl);
    if (recorded.origin !== recordedOrigin) return recordedUrl;
    const local = new URL(localBase);
    return `${local.origin}${recorded.pathname}${recorded.search}${recorded.hash}`;
  } catch {
    return recordedUrl;
  }
}
