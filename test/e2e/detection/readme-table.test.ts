// The README shows the detection benchmark's latest figures as bench/results/detection.json has them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DetectionResult, detectionTable, mistakesLine } from '../../bench/detection/table.js';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('README detection table', () => {
  const result = JSON.parse(read('bench/results/detection.json')) as DetectionResult;
  const readme = read('README.md');

  it('matches bench/results/detection.json, row for row', () => {
    expect(readme).toContain(detectionTable(result));
  });

  it('lists every mistake of ours from the same run', () => {
    expect(readme).toContain(mistakesLine(result));
  });
});
