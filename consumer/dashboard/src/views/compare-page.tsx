// `/projects/:projectId/compare`: the three paths side by side, live from the store.
import { useState } from 'preact/hooks';
import {
  CLICK_ISSUE_TYPES,
  type Comparison,
  type PathComparison,
  REPORT_PATHS,
  type ReportPath,
} from '../api/types';
import { ErrorNotice, Loading } from '../components/notice';
import { PATH_DESCRIPTIONS, PATH_LABELS, PathDot } from '../components/path-label';
import { Segmented } from '../components/segmented';
import { TYPE_LABELS } from '../components/type-badge';
import { When } from '../components/when';
import { formatBytes, formatDuration, formatInteger, formatPercent } from '../lib/format';
import { apiPaths } from '../lib/routes';
import { useResource } from '../lib/use-resource';

/** The comparison reads every occurrence in range: refreshed less often than the list. */
const COMPARE_REFRESH_MS = 10_000;
const HOUR_MS = 3_600_000;

type Since = 'all' | '1h' | '24h';
const SINCE_MS: Record<Exclude<Since, 'all'>, number> = { '1h': HOUR_MS, '24h': 24 * HOUR_MS };
const SINCE_OPTIONS = [
  { value: '1h', text: 'Last 1h' },
  { value: '24h', text: 'Last 24h' },
  { value: 'all', text: 'All time' },
] as const;

interface Metric {
  label: string;
  hint?: string;
  value: (p: PathComparison) => number | null;
  format: (n: number, p: PathComparison) => string;
  /** Marks the best path on this row. */
  better?: 'higher' | 'lower';
}

const count = (n: number) => formatInteger(n);
const ms = (n: number) => formatDuration(n);

const GROUPS: Array<{ title: string; metrics: Metric[] }> = [
  {
    title: 'What arrived',
    metrics: [
      { label: 'Occurrences', value: (p) => p.occurrences, format: count, better: 'higher' },
      {
        label: 'Issues',
        hint: 'distinct fingerprints',
        value: (p) => p.issues,
        format: count,
        better: 'higher',
      },
      { label: 'Sessions with issues', value: (p) => p.sessionsWithIssues, format: count, better: 'higher' },
      ...CLICK_ISSUE_TYPES.map(
        (type): Metric => ({
          label: `${TYPE_LABELS[type]} clicks`,
          value: (p) => p.occurrencesByType[type],
          format: count,
        }),
      ),
    ],
  },
  {
    title: 'Latency',
    metrics: [
      {
        label: 'Click → stored, p50',
        value: (p) => p.clickToStoredMs?.p50 ?? null,
        format: ms,
        better: 'lower',
      },
      {
        label: 'Click → stored, p95',
        value: (p) => p.clickToStoredMs?.p95 ?? null,
        format: ms,
        better: 'lower',
      },
      {
        label: 'Decided → stored, p50',
        hint: 'after the timeout, reaction or error: the path’s own delay',
        value: (p) => p.detectedToStoredMs?.p50 ?? null,
        format: ms,
        better: 'lower',
      },
      {
        label: 'Decided → stored, p95',
        value: (p) => p.detectedToStoredMs?.p95 ?? null,
        format: ms,
        better: 'lower',
      },
    ],
  },
  {
    title: 'Cost',
    metrics: [
      {
        label: 'Sessions seen',
        hint: 'sending anything on this path',
        value: (p) => p.sessions,
        format: count,
      },
      { label: 'Requests', value: (p) => p.requests, format: count },
      {
        label: 'Requests per session',
        value: (p) => p.requestsPerSession,
        format: (n) => n.toFixed(1),
        better: 'lower',
      },
      { label: 'Bytes received', value: (p) => p.bytesReceived, format: formatBytes },
      { label: 'Bytes per session', value: (p) => p.bytesPerSession, format: formatBytes, better: 'lower' },
    ],
  },
  {
    title: 'Loss and noise',
    metrics: [
      {
        label: 'Duplicates',
        hint: 'the same click stored twice',
        value: (p) => p.duplicates,
        format: (n, p) =>
          p.duplicateShare !== null ? `${count(n)} (${formatPercent(p.duplicateShare)})` : count(n),
        better: 'lower',
      },
      { label: 'Refused or invalid', value: (p) => p.drops, format: count, better: 'lower' },
      { label: 'Sampled out', value: (p) => p.sampledOut, format: count },
    ],
  },
];

function best(metric: Metric, paths: Record<ReportPath, PathComparison>): ReportPath | null {
  if (!metric.better) return null;
  const values = REPORT_PATHS.map((path) => [path, metric.value(paths[path])] as const).filter(
    (entry): entry is readonly [ReportPath, number] => entry[1] !== null,
  );
  if (values.length < 2 || values.every(([, v]) => v === values[0]![1])) return null;
  const pick = values.reduce((a, b) => ((metric.better === 'lower' ? b[1] < a[1] : b[1] > a[1]) ? b : a));
  return pick[0];
}

function samplingSummary(rates: PathComparison['samplingRates']): string {
  const values = CLICK_ISSUE_TYPES.map((t) => rates[t]);
  if (values.every((v) => v === values[0])) return formatPercent(values[0]!);
  return CLICK_ISSUE_TYPES.map((t) => `${TYPE_LABELS[t]} ${formatPercent(rates[t])}`).join(' · ');
}

export function ComparePage({ projectId: projectParam }: { projectId: string }) {
  const projectId = Number(projectParam);
  const [since, setSince] = useState<Since>('all');
  // Rounded to the minute so the address (and the read) stays put between refreshes.
  const sinceIso =
    since === 'all'
      ? undefined
      : new Date(Math.floor((Date.now() - SINCE_MS[since]) / 60_000) * 60_000).toISOString();
  const comparison = useResource<Comparison>(apiPaths.compare(projectId, sinceIso), {
    refreshMs: COMPARE_REFRESH_MS,
    keepPrevious: true,
  });

  return (
    <div class="compare-page">
      <div class="page-head">
        <h1>Compare the paths</h1>
        {comparison.data && (
          <span class="muted small">
            live from this consumer's store · updated <When iso={comparison.data.generatedAt} />
          </span>
        )}
        <span class="spacer" />
        <Segmented label="Since" options={SINCE_OPTIONS} value={since} onChange={setSince} />
      </div>
      <p class="lede">
        Each click issue reaches this consumer by one of three paths. These figures come from what arrived;
        reach, recall and precision need ground truth, which the comparison run (<code>npm run compare</code>)
        has.
        {since !== 'all' && ' Requests, bytes, refusals and samples are running totals over all time.'}
      </p>
      {comparison.error && <ErrorNotice error={comparison.error} retry={comparison.reload} />}
      {!comparison.data && !comparison.error && <Loading />}
      {comparison.data && (
        <table class="table compare-table" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col" class="col-metric" />
              {REPORT_PATHS.map((path) => (
                <th scope="col" key={path} class="col-path" data-path={path}>
                  <div class="path-head">
                    <PathDot path={path} /> {PATH_LABELS[path]}
                  </div>
                  <div class="path-desc">{PATH_DESCRIPTIONS[path]}</div>
                </th>
              ))}
            </tr>
          </thead>
          {GROUPS.map((group) => (
            <tbody key={group.title}>
              <tr class="group-row">
                <th scope="rowgroup" colSpan={4}>
                  {group.title}
                </th>
              </tr>
              {group.metrics.map((metric) => {
                const paths = comparison.data!.paths;
                const winner = best(metric, paths);
                const max = Math.max(0, ...REPORT_PATHS.map((p) => metric.value(paths[p]) ?? 0));
                return (
                  <tr key={metric.label} data-metric={metric.label}>
                    <th scope="row" class="col-metric">
                      {metric.label}
                      {metric.hint && <div class="muted small">{metric.hint}</div>}
                    </th>
                    {REPORT_PATHS.map((path) => {
                      const value = metric.value(paths[path]);
                      return (
                        <td key={path} data-path={path} class={winner === path ? 'metric best' : 'metric'}>
                          <span class="metric-value">
                            {value === null ? '—' : metric.format(value, paths[path])}
                          </span>
                          {value !== null && max > 0 && (
                            <span
                              class={`metric-bar bar-${path}`}
                              style={{ width: `${(value / max) * 100}%` }}
                            />
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
              {group.title === 'Loss and noise' && (
                <tr data-metric="Sampling rate">
                  <th scope="row" class="col-metric">
                    Sampling rate
                    <div class="muted small">kept now, per type</div>
                  </th>
                  {REPORT_PATHS.map((path) => (
                    <td key={path} data-path={path} class="metric">
                      <span class="metric-value">
                        {samplingSummary(comparison.data!.paths[path].samplingRates)}
                      </span>
                    </td>
                  ))}
                </tr>
              )}
            </tbody>
          ))}
        </table>
      )}
    </div>
  );
}
