import { z } from 'zod';

const SegmentEventSchema = z.object({
  type: z.enum(['page', 'track', 'identify', 'screen', 'group', 'alias']),
  timestamp: z.string(),
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

/** Segment events, as an array or JSON lines (an export, or a warehouse dump of `track`/`page` calls). */
export function readSegmentEvents(text: string): SegmentRead {
  const trimmed = text.trim();
  const raw: unknown[] = trimmed.startsWith('[')
    ? JSON.parse(trimmed)
    : trimmed
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l));
  const out: SegmentRead = { pages: [], tracks: [] };
  for (const item of raw) {
    const parsed = SegmentEventSchema.safeParse(item);
    if (!parsed.success) continue;
    const event = parsed.data;
    const t = Date.parse(event.timestamp);
    if (Number.isNaN(t)) continue;
    if (event.type === 'page') {
      const url = (event.properties.url as string | undefined) ?? event.context?.page?.url;
      if (url) out.pages.push({ t, url });
    } else if (event.type === 'track' && event.event) {
      out.tracks.push({ t, event: event.event, properties: event.properties });
    }
  }
  return out;
}
