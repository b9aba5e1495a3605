// A small bar chart of an issue's events over the period, drawn as inline SVG.

const WIDTH_PX = 120;
const HEIGHT_PX = 28;
const GAP_PX = 1;

export interface SparklineProps {
  values: readonly number[];
  /** Read by screen readers and shown on hover. */
  label: string;
}

export function Sparkline({ values, label }: SparklineProps) {
  const n = Math.max(values.length, 1);
  const max = Math.max(...values, 0);
  const barWidth = (WIDTH_PX - GAP_PX * (n - 1)) / n;
  return (
    <svg
      class="sparkline"
      width={WIDTH_PX}
      height={HEIGHT_PX}
      viewBox={`0 0 ${WIDTH_PX} ${HEIGHT_PX}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <line class="sparkline-base" x1="0" x2={WIDTH_PX} y1={HEIGHT_PX - 0.5} y2={HEIGHT_PX - 0.5} />
      {values.map((value, i) => {
        if (value <= 0 || max === 0) return null;
        // At least 2 px, so a single event still shows.
        const height = Math.max(2, (value / max) * (HEIGHT_PX - 2));
        return (
          <rect
            // Keyed by position: buckets are positions in time.
            key={i}
            class="sparkline-bar"
            x={i * (barWidth + GAP_PX)}
            y={HEIGHT_PX - height}
            width={barWidth}
            height={height}
            rx="1"
          />
        );
      })}
    </svg>
  );
}
