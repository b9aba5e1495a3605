// Entry of the script-tag build: `window.Playback`.

export { SDK_VERSION } from './constants.js';
export { createClickIssues } from './create-click-issues.js';
export { assignArm } from './experiment/assign.js';
export { clickIssuesIntegration, getClickIssuesStats } from './integration.js';
export { onClickIssue } from './issue-listeners.js';
export { playbackRecorder } from './record/recorder.js';
