// Playback in the demo app, configured by the test (window.__checkoutConfig, set before the page loads).
(() => {
  const config = window.__checkoutConfig ?? {};
  window.__checkout = { issues: [], recorder: null };
  if (config.record === false || !window.Playback) return;
  Playback.createClickIssues({
    deadTimeoutMs: 1500,
    slowThresholdMs: 1000,
    onIssue: (issue) => window.__checkout.issues.push(issue),
  }).start();
  const recorder = Playback.playbackRecorder({
    upload: 'endpoint',
    dsn: `http://checkoutpublickey@${location.host}/42`,
    networkDetailAllowUrls: ['/api/'],
    networkRequestHeaders: ['x-tenant'],
    determinism: true,
    ...config.recorder,
  });
  recorder.start();
  window.__checkout.recorder = recorder;
})();
