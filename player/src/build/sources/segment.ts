import { z } from 'zod';
import { BuildSourceError, parseJsonSource } from './source-error.js';

const SegmentEventSchema = z.object({
  type: z.enum(['page', 'track', 'identify', 'screen', 'group', 'alias']),
  timestamp: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date (ISO 8601)'),
  name: z.string().optional(),
  event: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).default({}),
  context: z.object({ page: z.object({ url: z.string().optional() }).optional() }).optional(),
});
export type SegmentEvent = z.infer<typeof SegmentEventSchema>;

export interface SegmentRead {
  /** `page` calls: where the user went. */
  pages: { t: number; url: string }[];
  /** `track` calls: what the product recorded happening, kept as annotations. */
  tracks: { t: number; event: string; properties: Record<string, unknown> }[];
}

/** Each event with where it sits in the file: `[3]` in an array, `line 4` in JSON lines. */
function eventsOf(text: string, name: string): { at: string; value: unknown }[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const parsed = parseJsonSource(name, trimmed);
    return (parsed as unknown[]).map((value, index) => ({ at: `[${index}]`, value }));
  }
  return text.split('\n').flatMap((line, index) => {
    if (!line.trim()) return [];
    const at = `line ${index + 1}`;
    return [{ at, value: parseJsonSource(name, line, at) }];
  });
}

/**
 * Segment events, as an array or JSON lines (an export, or a warehouse dump of `track`/`page`
 * calls). An event that is not valid JSON or has a field of the wrong type is refused with
 * its position, rather than silently left out of the file.
 */
export function readSegmentEvents(text: string, name: string): SegmentRead {
  const out: SegmentRead = { pages: [], tracks: [] };
  for (const { at, value } of eventsOf(text, name)) {
    const parsed = SegmentEventSchema.safeParse(value);
    if (!parsed.success) {
      const error = BuildSourceError.fromZod(name, parsed.error, at.startsWith('[') ? at : '');
      throw at.startsWith('[')
        ? error
        : new BuildSourceError(name, error.path ? `${at}: ${error.path}` : at, error.reason);
    }
    const event = parsed.data;
    const t = Date.parse(event.timestamp);
    if (event.type === 'page') {
      const url = (event.properties.url as string | undefined) ?? event.context?.page?.url;
      if (url) out.pages.push({ t, url });
    } else if (event.type === 'track' && event.event) {
      out.tracks.push({ t, event: event.event, properties: event.properties });
    }
  }
  return out;
}
