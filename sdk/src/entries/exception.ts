// `@playback/sdk/exception`: the integration with the exception path only, so a bundle ships no other.
import { clickIssuesIntegrationWith } from '../integration/integration.js';
import { exceptionPath } from '../report/exception.js';

export type { ClickIssuesIntegration, ClickIssuesIntegrationOptions } from '../integration/integration.js';
export { getClickIssuesStats } from '../integration/integration.js';

/** The integration with the exception path only: `clickIssuesIntegration({ report: 'exception' })` or no `report`. */
export const clickIssuesIntegration = /* @__PURE__ */ clickIssuesIntegrationWith({ paths: [exceptionPath] });
