// What the script-tag build puts on `window.Playback`.
export { SDK_VERSION } from './constants.js';
export { createClickIssues } from './create-click-issues.js';
export { clickIssuesIntegration } from './entries/all-paths.js';
export { assignArm } from './experiment/assign.js';
export { getClickIssuesStats } from './integration.js';
export { onClickIssue } from './issue-listeners.js';
export { playbackRecorder } from './record/recorder.js';
