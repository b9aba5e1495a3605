import type { ReportPath } from '../api/types';

export const PATH_LABELS: Record<ReportPath, string> = {
  exception: 'Exception',
  endpoint: 'Endpoint',
  replay: 'Replay',
};

export const PATH_DESCRIPTIONS: Record<ReportPath, string> = {
  exception: 'Sentry.captureException, through the error pipeline',
  endpoint: 'A POST to the issues endpoint',
  replay: 'A custom event in the replay recording, found by this consumer',
};

export function PathDot({ path }: { path: ReportPath }) {
  return <span class={`dot dot-${path}`} aria-hidden="true" />;
}

export function PathLabel({ path }: { path: ReportPath }) {
  return (
    <span class="path-label" title={PATH_DESCRIPTIONS[path]}>
      <PathDot path={path} />
      {PATH_LABELS[path]}
    </span>
  );
}
