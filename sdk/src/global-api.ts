// What the script-tag build puts on `window.Playback`.

export { clickIssuesIntegration } from './entries/all-paths.js';
export { assignArm } from './experiment/assign.js';
export { createClickIssues } from './integration/create-click-issues.js';
export { getClickIssuesStats } from './integration/integration.js';
export { playbackRecorder } from './record/recorder.js';
export { SDK_VERSION } from './shared/constants.js';
export { onClickIssue } from './shared/issue-listeners.js';
