// The sampling config as a grid of percentages: one cell per (type or any) × (path or any).
// The corner (any type, any path) is the project rate; an empty cell inherits. The rule that
// applies is the most specific one, as the consumer decides: type + path, type, path, project.
import {
  CLICK_ISSUE_TYPES,
  type ClickIssueType,
  REPORT_PATHS,
  type ReportPath,
  type SamplingConfig,
} from '../api/types';

export type AnyType = ClickIssueType | '*';
export type AnyPath = ReportPath | '*';
export type Cells = Record<string, string>;

export const cellKey = (type: AnyType, path: AnyPath): string => `${type}:${path}`;
export const PROJECT_CELL = cellKey('*', '*');

/** 0.1 → "10"; 0.0725 → "7.25". */
export function percentText(rate: number): string {
  return String(Number((rate * 100).toFixed(4)));
}

export function configToCells(config: SamplingConfig): Cells {
  const cells: Cells = { [PROJECT_CELL]: percentText(config.rate) };
  for (const rule of config.rules)
    cells[cellKey(rule.type ?? '*', rule.path ?? '*')] = percentText(rule.rate);
  return cells;
}

export function parsePercent(text: string): number | null {
  const trimmed = text.trim().replace(/%$/, '');
  if (trimmed === '' || !/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 0 && value <= 100 ? value / 100 : null;
}

/** The config the cells say, or the keys of the cells that are not a percentage from 0 to 100. */
export function cellsToConfig(cells: Cells): { config: SamplingConfig } | { invalid: string[] } {
  const invalid: string[] = [];
  const rate = parsePercent(cells[PROJECT_CELL] ?? '');
  if (rate === null) invalid.push(PROJECT_CELL);
  const rules: SamplingConfig['rules'] = [];
  for (const type of ['*', ...CLICK_ISSUE_TYPES] as AnyType[]) {
    for (const path of ['*', ...REPORT_PATHS] as AnyPath[]) {
      const key = cellKey(type, path);
      if (key === PROJECT_CELL) continue;
      const text = cells[key]?.trim() ?? '';
      if (text === '') continue;
      const value = parsePercent(text);
      if (value === null) {
        invalid.push(key);
        continue;
      }
      rules.push({ ...(type === '*' ? {} : { type }), ...(path === '*' ? {} : { path }), rate: value });
    }
  }
  return invalid.length > 0 || rate === null ? { invalid } : { config: { rate, rules } };
}

/** The rate that applies to a cell when it is left empty: the next most specific filled cell. */
export function inheritedRate(cells: Cells, type: AnyType, path: AnyPath): number {
  const candidates: Array<[AnyType, AnyPath]> = [];
  if (type !== '*' && path !== '*') candidates.push([type, '*'], ['*', path]);
  candidates.push(['*', '*']);
  for (const [t, p] of candidates) {
    const value = parsePercent(cells[cellKey(t, p)] ?? '');
    if (value !== null) return value;
  }
  return 1;
}
