// `@playback/sdk/endpoint`: the integration with the endpoint path only, so a bundle ships no other.
import { clickIssuesIntegrationWith } from '../integration/integration.js';
import { endpointPath } from '../report/endpoint.js';

export type { ClickIssuesIntegration, ClickIssuesIntegrationOptions } from '../integration/integration.js';
export { getClickIssuesStats } from '../integration/integration.js';

/** The integration with the endpoint path only: `clickIssuesIntegration({ report: 'endpoint' })` or no `report`. */
export const clickIssuesIntegration = /* @__PURE__ */ clickIssuesIntegrationWith({ paths: [endpointPath] });
