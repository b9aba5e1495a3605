import { checkWeights, sessionArm } from '../experiment/assign.js';
import { clickIssuesIntegrationWith } from '../integration/integration.js';
import { endpointPath } from '../report/endpoint.js';
import { exceptionPath } from '../report/exception.js';
import { replayPath } from '../report/replay.js';

/**
 * The integration with every path and experiments (`report: { exception: 1, endpoint: 1, replay: 2 }`).
 * For one path, `@playback/sdk/endpoint` (or `/exception`, `/replay`) ships less.
 */
export const clickIssuesIntegration = /* @__PURE__ */ clickIssuesIntegrationWith({
  paths: [exceptionPath, endpointPath, replayPath],
  experiment: { checkWeights, sessionArm },
});
