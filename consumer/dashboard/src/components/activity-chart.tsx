// An issue's events over time, stacked by the path they arrived by, as inline SVG.
import { REPORT_PATHS, type ReportPath, type SeriesWindow } from '../api/types';
import { formatBucket, formatInteger } from '../lib/format';
import { PATH_LABELS, PathDot } from './path-label';

/** Drawing units; the chart scales to its card, about one unit per pixel on a wide screen. */
const WIDTH = 1000;
const HEIGHT = 160;
const AXIS_HEIGHT = 18;
const GAP = 3;

export interface ActivityChartProps {
  window: SeriesWindow;
  byPath: Record<ReportPath, number[]>;
}

export function ActivityChart({ window, byPath }: ActivityChartProps) {
  const n = window.buckets;
  const totals = Array.from({ length: n }, (_, i) =>
    REPORT_PATHS.reduce((s, p) => s + (byPath[p][i] ?? 0), 0),
  );
  const max = Math.max(...totals, 1);
  const plot = HEIGHT - AXIS_HEIGHT;
  const barWidth = (WIDTH - GAP * (n - 1)) / n;
  const labelEvery = Math.ceil(n / 6);
  const sum = totals.reduce((a, b) => a + b, 0);
  return (
    <figure class="activity">
      <svg
        class="activity-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${formatInteger(sum)} events in this period`}
      >
        <line class="chart-grid" x1="0" x2={WIDTH} y1={plot - 0.5} y2={plot - 0.5} />
        <line class="chart-grid faint" x1="0" x2={WIDTH} y1="0.5" y2="0.5" />
        {totals.map((total, i) => {
          const x = i * (barWidth + GAP);
          const bucketStart = window.startMs + i * window.bucketMs;
          let y = plot;
          return (
            // Keyed by position: buckets are positions in time.
            <g key={i}>
              <title>
                {`${formatBucket(bucketStart, window.bucketMs)}: ${total} event${total === 1 ? '' : 's'}` +
                  REPORT_PATHS.filter((p) => byPath[p][i])
                    .map((p) => ` · ${PATH_LABELS[p]} ${byPath[p][i]}`)
                    .join('')}
              </title>
              <rect class="chart-hit" x={x} y="0" width={barWidth} height={plot} />
              {REPORT_PATHS.map((path) => {
                const value = byPath[path][i] ?? 0;
                if (!value) return null;
                const h = (value / max) * (plot - 4);
                y -= h;
                return <rect key={path} class={`bar-${path}`} x={x} y={y} width={barWidth} height={h} />;
              })}
              {i % labelEvery === 0 && (
                <text class="chart-label" x={x + barWidth / 2} y={HEIGHT - 4} text-anchor="middle">
                  {formatBucket(bucketStart, window.bucketMs)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {REPORT_PATHS.map((path) => (
          <span key={path}>
            <PathDot path={path} /> {PATH_LABELS[path]}
          </span>
        ))}
        <span class="muted">peak {formatInteger(Math.max(...totals, 0))} per bucket</span>
      </figcaption>
    </figure>
  );
}
