// `@playback/sdk/replay`: the integration with the replay path and its fallbacks (endpoint,
// exception), without the experiment code.
import { clickIssuesIntegrationWith } from '../integration/integration.js';
import { endpointPath } from '../report/endpoint.js';
import { exceptionPath } from '../report/exception.js';
import { replayPath } from '../report/replay.js';

export type { ClickIssuesIntegration, ClickIssuesIntegrationOptions } from '../integration/integration.js';
export { getClickIssuesStats } from '../integration/integration.js';

/** The replay path, falling back to `replayFallback` when Replay is not recording the session. */
export const clickIssuesIntegration = /* @__PURE__ */ clickIssuesIntegrationWith({
  paths: [replayPath, endpointPath, exceptionPath],
  defaultReport: 'replay',
});
