// Values read back from rows: the two engines hand timestamps, counts and JSON back in types of their own.

/** A timestamp column as an ISO string. */
export const iso = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

/** A count or number column (bigint and numeric come back as strings). */
export const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

/** A jsonb column: parsed already on one engine, text on the other. */
export const jsonValue = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

export const textOrNull = (value: unknown): string | null => (value == null ? null : String(value));
