// `/projects/:projectId/sampling`: the keep-rates per project, type and path, edited in place.
import { useEffect, useState } from 'preact/hooks';
import { sendJson } from '../api/client';
import { CLICK_ISSUE_TYPES, REPORT_PATHS, type SamplingConfig } from '../api/types';
import { ErrorNotice, Loading } from '../components/notice';
import { PATH_LABELS, PathDot } from '../components/path-label';
import { TypeBadge } from '../components/type-badge';
import { apiPaths } from '../lib/routes';
import {
  type AnyPath,
  type AnyType,
  type Cells,
  cellKey,
  cellsToConfig,
  configToCells,
  inheritedRate,
  PROJECT_CELL,
  percentText,
} from '../lib/sampling';
import { useResource } from '../lib/use-resource';

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: string };

const PATH_COLUMNS: AnyPath[] = ['*', ...REPORT_PATHS];
const TYPE_ROWS: AnyType[] = ['*', ...CLICK_ISSUE_TYPES];

export function SamplingPage({ projectId: projectParam }: { projectId: string }) {
  const projectId = Number(projectParam);
  const saved = useResource<SamplingConfig>(apiPaths.sampling(projectId));
  const [cells, setCells] = useState<Cells | null>(null);
  const [invalid, setInvalid] = useState<string[]>([]);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });

  useEffect(() => {
    if (saved.data) setCells(configToCells(saved.data));
  }, [saved.data]);

  if (saved.error) return <ErrorNotice error={saved.error} retry={saved.reload} />;
  if (!saved.data || !cells) return <Loading />;

  const savedCells = configToCells(saved.data);
  const dirty = JSON.stringify(normalize(cells)) !== JSON.stringify(normalize(savedCells));

  const edit = (key: string, value: string) => {
    setCells({ ...cells, [key]: value });
    setInvalid(invalid.filter((k) => k !== key));
    setSave({ kind: 'idle' });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const result = cellsToConfig(cells);
    if ('invalid' in result) {
      setInvalid(result.invalid);
      setSave({
        kind: 'error',
        message: 'Each rate is a percentage from 0 to 100; leave a cell empty to inherit.',
      });
      return;
    }
    setSave({ kind: 'saving' });
    try {
      await sendJson<SamplingConfig>('PUT', apiPaths.sampling(projectId), result.config);
      saved.reload();
      setSave({ kind: 'saved' });
    } catch (error) {
      setSave({ kind: 'error', message: (error as Error).message });
    }
  };

  return (
    <form class="sampling-page" onSubmit={submit}>
      <div class="page-head">
        <h1>Sampling</h1>
      </div>
      <p class="lede">
        The share of sessions whose click issues are kept, by type and by the path they arrive on. A session
        is kept or dropped whole, on every path. The most specific rate applies: type and path, then type,
        then path, then the project rate. Leave a cell empty to inherit; changes apply to what arrives next.
      </p>
      <table class="table sampling-table" data-testid="sampling-table">
        <thead>
          <tr>
            <th scope="col" />
            {PATH_COLUMNS.map((path) => (
              <th scope="col" key={path}>
                {path === '*' ? (
                  'Any path'
                ) : (
                  <span class="path-label">
                    <PathDot path={path} />
                    {PATH_LABELS[path]}
                  </span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TYPE_ROWS.map((type) => (
            <tr key={type}>
              <th scope="row">{type === '*' ? 'Any type' : <TypeBadge type={type} />}</th>
              {PATH_COLUMNS.map((path) => {
                const key = cellKey(type, path);
                const isProject = key === PROJECT_CELL;
                const label = `${type === '*' ? 'any type' : type} on ${path === '*' ? 'any path' : path}`;
                return (
                  <td key={path} class={isProject ? 'project-cell' : ''}>
                    <span class="percent-input">
                      <input
                        class="input"
                        inputMode="decimal"
                        aria-label={isProject ? 'Project rate (%)' : `Rate for ${label} (%)`}
                        aria-invalid={invalid.includes(key)}
                        data-cell={key}
                        placeholder={isProject ? '100' : percentText(inheritedRate(cells, type, path))}
                        value={cells[key] ?? ''}
                        onInput={(event) => edit(key, (event.target as HTMLInputElement).value)}
                      />
                      <span class="percent-sign">%</span>
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={!dirty || save.kind === 'saving'}>
          {save.kind === 'saving' ? 'Saving…' : 'Save rates'}
        </button>
        <button
          type="button"
          class="button"
          disabled={!dirty}
          onClick={() => {
            setCells(savedCells);
            setInvalid([]);
            setSave({ kind: 'idle' });
          }}
        >
          Discard changes
        </button>
        {save.kind === 'saved' && !dirty && (
          <span class="saved" role="status">
            Saved
          </span>
        )}
        {save.kind === 'error' && (
          <span class="field-error" role="alert">
            {save.message}
          </span>
        )}
      </div>
    </form>
  );
}

/** Cells compared by what they mean: blanks dropped, numbers as numbers. */
function normalize(cells: Cells): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(cells)) {
    const trimmed = value.trim();
    if (trimmed !== '') out[key] = Number.isNaN(Number(trimmed)) ? trimmed : String(Number(trimmed));
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
