// A small SVG line chart for bench results: one panel, log-scaled x, one line per series. Written by
// hand because it is a few dozen lines of markup and the bench must not pull in a charting library.

export interface Series {
  name: string;
  points: Array<{ x: number; y: number }>;
}

export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
}

const WIDTH = 420;
const HEIGHT = 280;
const MARGIN = { left: 64, right: 16, top: 36, bottom: 48 };
const COLORS = ['#2563eb', '#d97706', '#059669', '#dc2626'];

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const round = (n: number) => Math.round(n * 10) / 10;

function panelSvg(panel: Panel, offsetX: number): string {
  const points = panel.series.flatMap((s) => s.points);
  const xs = points.map((p) => Math.log10(p.x));
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const yMax = Math.max(...points.map((p) => p.y)) * 1.1 || 1;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => offsetX + MARGIN.left + ((Math.log10(x) - xMin) / (xMax - xMin || 1)) * plotW;
  const sy = (y: number) => MARGIN.top + plotH - (y / yMax) * plotH;
  const parts: string[] = [
    `<text x="${offsetX + WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">${xmlText(panel.title)}</text>`,
    `<line x1="${offsetX + MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${offsetX + MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="#333"/>`,
    `<line x1="${offsetX + MARGIN.left}" y1="${MARGIN.top}" x2="${offsetX + MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="#333"/>`,
    `<text x="${offsetX + MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">${xmlText(panel.xLabel)}</text>`,
    `<text x="${offsetX + 14}" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 ${offsetX + 14} ${MARGIN.top + plotH / 2})">${xmlText(panel.yLabel)}</text>`,
  ];
  for (const x of [...new Set(points.map((p) => p.x))]) {
    parts.push(`<text x="${round(sx(x))}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${x}×</text>`);
  }
  for (let i = 0; i <= 4; i++) {
    const y = (yMax * i) / 4;
    parts.push(
      `<text x="${offsetX + MARGIN.left - 6}" y="${round(sy(y)) + 4}" text-anchor="end">${Math.round(y)}</text>`,
    );
  }
  panel.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const path = s.points.map((p) => `${round(sx(p.x))},${round(sy(p.y))}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${path}"/>`);
    for (const p of s.points) {
      parts.push(`<circle cx="${round(sx(p.x))}" cy="${round(sy(p.y))}" r="3" fill="${color}"/>`);
    }
    const legendY = MARGIN.top + 4 + i * 16;
    parts.push(
      `<rect x="${offsetX + WIDTH - MARGIN.right - 130}" y="${legendY - 9}" width="10" height="10" fill="${color}"/>`,
      `<text x="${offsetX + WIDTH - MARGIN.right - 115}" y="${legendY}">${xmlText(s.name)}</text>`,
    );
  });
  return parts.join('\n');
}

/** Panels side by side in one SVG document. */
export function lineChartsSvg(panels: Panel[]): string {
  const body = panels.map((panel, i) => panelSvg(panel, i * WIDTH)).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH * panels.length}" height="${HEIGHT}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
${body}
</svg>
`;
}
