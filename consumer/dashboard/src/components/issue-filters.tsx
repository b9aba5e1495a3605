// Search, type chips, path and route filters, sort and period: all kept in the page's query string,
// so a filtered list is a link.
import { useEffect, useState } from 'preact/hooks';
import {
  CLICK_ISSUE_TYPES,
  type ClickIssueType,
  type IssueFacets,
  type IssueSort,
  type Period,
  REPORT_PATHS,
  type ReportPath,
} from '../api/types';
import { formatCount } from '../lib/format';
import { FilterSelect } from './filter-select';
import { PATH_LABELS } from './path-label';
import { Segmented } from './segmented';
import { TYPE_DESCRIPTIONS, TYPE_LABELS } from './type-badge';

/** Typing settles for this long before the list is asked again. */
const SEARCH_DEBOUNCE_MS = 250;

export const PERIODS = [
  { value: '24h', text: '24h' },
  { value: '14d', text: '14d' },
] as const;

export interface IssueFilterValues {
  q: string;
  type: ClickIssueType | '';
  path: ReportPath | '';
  route: string;
  sort: IssueSort;
  period: Period;
}

export function IssueFilters({
  values,
  facets,
  onChange,
}: {
  values: IssueFilterValues;
  facets: IssueFacets | undefined;
  onChange: (change: Partial<IssueFilterValues>) => void;
}) {
  const [text, setText] = useState(values.q);
  useEffect(() => setText(values.q), [values.q]);
  useEffect(() => {
    if (text === values.q) return;
    const timer = setTimeout(() => onChange({ q: text }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, values.q, onChange]);

  const routes = facets?.routes ?? [];
  const routeListed = !values.route || routes.some((r) => r.route === values.route);

  return (
    <div class="filters">
      <div class="filters-row">
        <label class="search">
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" stroke-width="1.5" />
            <path d="M10.5 10.5 14 14" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
          </svg>
          <input
            type="search"
            class="input"
            placeholder="Search title, route, #id or fingerprint"
            aria-label="Search issues"
            value={text}
            onInput={(event) => setText((event.target as HTMLInputElement).value)}
          />
        </label>
        <FilterSelect label="Path" value={values.path} onChange={(path) => onChange({ path })}>
          <option value="">All paths</option>
          {REPORT_PATHS.map((path) => (
            <option key={path} value={path}>
              {PATH_LABELS[path]}
              {facets ? ` (${formatCount(facets.paths[path])})` : ''}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label="Route" value={values.route} onChange={(route) => onChange({ route })}>
          <option value="">All routes</option>
          {!routeListed && <option value={values.route}>{values.route}</option>}
          {routes.map(({ route, issues }) => (
            <option key={route} value={route}>
              {route} ({formatCount(issues)})
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label="Sort" value={values.sort} onChange={(sort) => onChange({ sort })}>
          <option value="last_seen">Last seen</option>
          <option value="first_seen">Newest</option>
          <option value="count">Most events</option>
        </FilterSelect>
        <Segmented
          label="Period"
          options={PERIODS}
          value={values.period}
          onChange={(period) => onChange({ period })}
        />
      </div>
      <fieldset class="chips">
        <legend class="visually-hidden">Type</legend>
        <button
          type="button"
          class={values.type === '' ? 'chip active' : 'chip'}
          aria-pressed={values.type === ''}
          onClick={() => onChange({ type: '' })}
        >
          All types {facets && <span class="chip-count">{formatCount(facets.total)}</span>}
        </button>
        {CLICK_ISSUE_TYPES.map((type) => (
          <button
            key={type}
            type="button"
            class={values.type === type ? `chip chip-${type} active` : `chip chip-${type}`}
            aria-pressed={values.type === type}
            title={TYPE_DESCRIPTIONS[type]}
            onClick={() => onChange({ type: values.type === type ? '' : type })}
          >
            <span class={`chip-dot type-${type}`} aria-hidden="true" />
            {TYPE_LABELS[type]} {facets && <span class="chip-count">{formatCount(facets.types[type])}</span>}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
