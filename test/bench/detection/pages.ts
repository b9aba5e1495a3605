// The pages of the detection benchmark, each element labelled with what a user sees when clicking it.
// Three are written to the libraries' own documented markup (Bootstrap 5, Shoelace, Materialize);
// two are whole pages as their packages publish them (SB Admin 2's dashboard, TodoMVC's vanilla JS
// app). Broken elements are planted into each real layout by the harness.
//
// The pages themselves are data, in bench-pages.json: one row per element and per plant, read and
// checked here against the schema, so a new page is a new entry there and no new code.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** What a user sees: no answer, a late answer (after the slow threshold), a prompt one, or a control that is not meant to act. */
const TruthSchema = z.enum(['dead', 'slow', 'ok', 'inert']);
export type Truth = z.infer<typeof TruthSchema>;

const LabelledSchema = z.strictObject({
  /** Name in the results. */
  name: z.string(),
  /** Playwright selector (CSS pierces open shadow roots). */
  selector: z.string(),
  truth: TruthSchema,
  why: z.string(),
});
export type Labelled = z.infer<typeof LabelledSchema>;

/** A broken element placed into the page's layout: no handler, or an answer after `lateMs`. */
const PlantSchema = z.strictObject({
  name: z.string(),
  /** Element the plant is appended to. */
  into: z.string(),
  kind: z.enum(['dead', 'late']),
  /** The tag and classes the page's own buttons use, so the plant looks like them. */
  html: z.string(),
  why: z.string(),
});
export type Plant = z.infer<typeof PlantSchema>;

const BenchPageSchema = z.strictObject({
  name: z.string(),
  path: z.string(),
  /** Selector to wait for before clicking (the library has rendered). */
  ready: z.string(),
  /** Written to documented markup, or a whole page as published. */
  source: z.enum(['documented markup', 'published page']),
  elements: z.array(LabelledSchema),
  plants: z.array(PlantSchema),
  /** Names clicked 700 ms apart, in one overlapping episode. */
  sequence: z.array(z.string()),
  /** Runs in the page once it is ready, seeding data a user would have typed (TodoMVC: two todos, each
   * given as a change event on the field, which is how the app adds one). */
  setup: z.string().optional(),
});
export type BenchPage = z.infer<typeof BenchPageSchema>;

export const BENCH_PAGES: BenchPage[] = z
  .array(BenchPageSchema)
  .parse(JSON.parse(readFileSync(new URL('./bench-pages.json', import.meta.url), 'utf8')));
