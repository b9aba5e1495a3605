// The issues list: what broke, where, how often, by which path, and when.
import { type DashboardIssueList, type Period, REPORT_PATHS } from '../api/types';
import { formatCount, formatInteger } from '../lib/format';
import { pagePaths } from '../lib/routes';
import { PATH_DESCRIPTIONS, PATH_LABELS, PathDot } from './path-label';
import { Sparkline } from './sparkline';
import { TypeBadge } from './type-badge';
import { When } from './when';

const PERIOD_WORDS: Record<Period, string> = { '24h': 'last 24 hours', '14d': 'last 14 days' };

export function IssueTable({
  projectId,
  list,
  period,
}: {
  projectId: number;
  list: DashboardIssueList;
  period: Period;
}) {
  return (
    <table class="table issues-table" data-testid="issues-table">
      <thead>
        <tr>
          <th scope="col">Issue</th>
          <th scope="col" class="col-activity">
            {period === '24h' ? 'Last 24 h' : 'Last 14 days'}
          </th>
          <th scope="col" class="col-num">
            Events
          </th>
          {REPORT_PATHS.map((path) => (
            <th scope="col" key={path} class="col-num col-path" title={PATH_DESCRIPTIONS[path]}>
              <span class="path-label">
                <PathDot path={path} />
                {PATH_LABELS[path]}
              </span>
            </th>
          ))}
          <th scope="col" class="col-seen">
            Last seen
          </th>
        </tr>
      </thead>
      <tbody>
        {list.issues.map((issue) => {
          const inPeriod = issue.series.reduce((a, b) => a + b, 0);
          return (
            <tr key={issue.id} data-testid="issue-row" data-issue-id={issue.id}>
              <td class="col-issue">
                <div class="issue-line">
                  <TypeBadge type={issue.type} />
                  <a class="issue-title" href={pagePaths.issue(projectId, issue.id)}>
                    {issue.title}
                  </a>
                </div>
                <div class="issue-meta">
                  <span class="mono">{issue.route}</span>
                  <span class="sep">·</span>
                  <span>#{issue.id}</span>
                </div>
              </td>
              <td class="col-activity">
                <Sparkline
                  values={issue.series}
                  label={`${formatInteger(inPeriod)} event${inPeriod === 1 ? '' : 's'} in the ${PERIOD_WORDS[period]}`}
                />
              </td>
              <td class="col-num" data-testid="issue-count">
                {formatCount(issue.count)}
              </td>
              {REPORT_PATHS.map((path) => (
                <td
                  key={path}
                  class={issue.countByPath[path] ? 'col-num col-path' : 'col-num col-path zero'}
                  data-path={path}
                >
                  {formatCount(issue.countByPath[path])}
                </td>
              ))}
              <td class="col-seen">
                <When iso={issue.lastSeen} />
                <div class="muted small">
                  <When iso={issue.firstSeen} prefix="first " />
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
