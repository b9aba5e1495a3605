// A project's scrubbing settings: on by default, with its own secret names and the names it allows. Relay's
// project options are the model: `enabled` is its data scrubber switch, `extraKeys` its sensitive fields,
// `allowKeys` its safe fields; `extraHeaders` adds headers dropped whole. Stored per project (projects.scrub),
// read through a short cache so a change applies within SCRUB_SETTINGS_TTL_MS on every process.
import { z } from 'zod';
import type { Store } from '../../store/store.js';

/** A header or key name: lower-cased, since both are matched in any case. */
const Name = z.string().trim().min(1).max(100).toLowerCase();
const Names = z.array(Name).max(100).default([]);

export const ScrubSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    extraHeaders: Names,
    extraKeys: Names,
    allowKeys: Names,
  })
  .strict();

export type ScrubSettings = z.infer<typeof ScrubSettingsSchema>;

export const DEFAULT_SCRUB_SETTINGS: ScrubSettings = ScrubSettingsSchema.parse({});

export const SCRUB_SETTINGS_TTL_MS = 1_000;

/** Settings as stored, or the defaults when none are (or what is stored no longer parses). */
export function scrubSettingsOf(stored: unknown): ScrubSettings {
  const parsed = ScrubSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_SCRUB_SETTINGS;
}

/** Each project's settings from the store, kept for SCRUB_SETTINGS_TTL_MS. */
export class ScrubSettingsCache {
  private readonly held = new Map<number, { settings: ScrubSettings; expires: number }>();

  constructor(
    private readonly store: Pick<Store, 'getScrubSettings' | 'setScrubSettings'>,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(projectId: number): Promise<ScrubSettings> {
    const entry = this.held.get(projectId);
    if (entry !== undefined && entry.expires > this.clock()) return entry.settings;
    return this.keep(projectId, scrubSettingsOf(await this.store.getScrubSettings(projectId)));
  }

  async set(projectId: number, settings: ScrubSettings): Promise<ScrubSettings> {
    await this.store.setScrubSettings(projectId, settings);
    return this.keep(projectId, settings);
  }

  private keep(projectId: number, settings: ScrubSettings): ScrubSettings {
    this.held.set(projectId, { settings, expires: this.clock() + SCRUB_SETTINGS_TTL_MS });
    return settings;
  }
}
