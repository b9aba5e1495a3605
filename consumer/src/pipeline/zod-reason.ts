import type { z } from 'zod';

/** A short, readable reason from a zod error: the first few paths and messages. */
export function zodReason(error: z.ZodError, prefix = ''): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const at = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return at ? `${at}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return parts.join('; ') + more;
}
