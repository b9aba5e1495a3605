// `/projects/:projectId/issues/:issueId`: one issue — its evidence, where and how often it happens, by
// which path it arrived, and the replays and playback sessions to see it again.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { type IssueDetail, type IssueSeries, type Period, REPORT_PATHS } from '../api/types';
import { ActivityChart } from '../components/activity-chart';
import { CopyButton } from '../components/copy-button';
import { EvidenceTimeline } from '../components/evidence-timeline';
import { PERIODS } from '../components/issue-filters';
import { EmptyState, ErrorNotice, Loading } from '../components/notice';
import { OccurrenceList } from '../components/occurrence-list';
import { PATH_LABELS, PathDot } from '../components/path-label';
import { PlaybackSessions } from '../components/playback-sessions';
import { Segmented } from '../components/segmented';
import { TargetDetails } from '../components/target-details';
import { TypeBadge } from '../components/type-badge';
import { When } from '../components/when';
import { formatInteger } from '../lib/format';
import { apiPaths, pagePaths } from '../lib/routes';
import { useResource } from '../lib/use-resource';

const ISSUE_REFRESH_MS = 10_000;

export function IssuePage({
  projectId: projectParam,
  issueId: issueParam,
}: {
  projectId: string;
  issueId: string;
}) {
  const projectId = Number(projectParam);
  const issueId = Number(issueParam);
  const [period, setPeriod] = useState<Period>('14d');
  const issue = useResource<IssueDetail>(apiPaths.issue(projectId, issueId), { refreshMs: ISSUE_REFRESH_MS });
  const series = useResource<IssueSeries>(apiPaths.issueSeries(projectId, issueId, period), {
    refreshMs: ISSUE_REFRESH_MS,
    keepPrevious: true,
  });
  const [selected, setSelected] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (issue.data) document.title = `${issue.data.title} · Playback`;
  }, [issue.data]);

  if (issue.error instanceof ApiError && issue.error.status === 404) {
    return (
      <EmptyState title="No such issue" testId="issue-missing">
        <p>
          Issue #{issueId} is not in this project.{' '}
          <a href={pagePaths.issues(projectId)}>Back to the issues</a>.
        </p>
      </EmptyState>
    );
  }
  if (issue.error) return <ErrorNotice error={issue.error} retry={issue.reload} />;
  if (!issue.data) return <Loading />;

  const data = issue.data;
  const occurrence = data.occurrences.find((o) => o.id === selected) ?? data.occurrences[0];
  const playbackSessions = data.playbackSessions ?? [];
  const sessionCount = data.sessions?.length ?? 0;

  return (
    <article class="issue-page" data-testid="issue-page">
      <a class="back" href={pagePaths.issues(projectId)}>
        ← Issues
      </a>
      <header class="issue-head">
        <div class="issue-line">
          <TypeBadge type={data.type} />
          <h1>{data.title}</h1>
        </div>
        <div class="issue-meta">
          <span class="mono">{data.route}</span>
          <span class="sep">·</span>
          <span>#{data.id}</span>
          <span class="sep">·</span>
          <span class="mono muted" title="Fingerprint: type, route and element identity">
            {data.fingerprint}
          </span>
        </div>
      </header>

      <section class="stat-row">
        <div class="stat">
          <span class="stat-label">Events</span>
          <span class="stat-value" data-testid="issue-count">
            {formatInteger(data.count)}
          </span>
        </div>
        {REPORT_PATHS.map((path) => (
          <div class="stat" key={path} data-path={path}>
            <span class="stat-label">
              <PathDot path={path} /> {PATH_LABELS[path]}
            </span>
            <span class="stat-value">{formatInteger(data.countByPath[path])}</span>
          </div>
        ))}
        <div class="stat">
          <span class="stat-label">Sessions</span>
          <span class="stat-value">{formatInteger(sessionCount)}</span>
        </div>
        <div class="stat">
          <span class="stat-label">Seen</span>
          <span class="stat-value stat-small">
            <When iso={data.lastSeen} />
          </span>
          <span class="muted small">
            <When iso={data.firstSeen} prefix="first " />
          </span>
        </div>
      </section>

      <section class="card">
        <div class="card-head">
          <h2>Activity</h2>
          <Segmented label="Period" options={PERIODS} value={period} onChange={setPeriod} />
        </div>
        {series.data?.byPath ? (
          <ActivityChart window={series.data.window} byPath={series.data.byPath} />
        ) : (
          <Loading />
        )}
      </section>

      <div class="columns">
        <div class="column-main">
          <section class="card">
            <div class="card-head">
              <h2>Evidence</h2>
              {occurrence && (
                <span class="muted small">
                  occurrence <span class="mono occurrence-ref">{occurrence.id.slice(0, 8)}</span> ·{' '}
                  <When iso={occurrence.occurredAt} />
                </span>
              )}
            </div>
            {occurrence ? (
              <EvidenceTimeline occurrence={occurrence} type={data.type} />
            ) : (
              <p class="muted">No occurrence is stored for this issue.</p>
            )}
          </section>
          <section class="card">
            <div class="card-head">
              <h2>Occurrences</h2>
              <span class="muted small">
                latest {data.occurrences.length} of {formatInteger(data.count)}
              </span>
            </div>
            <OccurrenceList occurrences={data.occurrences} selected={occurrence?.id} onSelect={setSelected} />
          </section>
        </div>
        <aside class="column-side">
          {occurrence && (
            <section class="card">
              <h2>Element</h2>
              <TargetDetails target={occurrence.target} />
            </section>
          )}
          <section class="card" data-testid="replay-ids">
            <h2>Replays</h2>
            {data.replayIds.length === 0 ? (
              <p class="muted">No Sentry replay is linked: the sessions were not recorded by Replay.</p>
            ) : (
              <ul class="id-list">
                {data.replayIds.map((id) => (
                  <li key={id}>
                    <span class="mono" data-testid="replay-id">
                      {id}
                    </span>
                    <CopyButton text={id} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card" data-testid="playback-sessions">
            <h2>Playback sessions</h2>
            <PlaybackSessions projectId={projectId} sessions={playbackSessions} />
          </section>
        </aside>
      </div>
    </article>
  );
}
