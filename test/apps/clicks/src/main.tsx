import { clickIssuesIntegration, getClickIssuesStats } from '@playback/sdk';
import * as Sentry from '@sentry/browser';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { demoDsn, demoParams, integrationOptionsFromQuery, replaySampleRateFromQuery } from './config.js';

window.__playback = {
  issues: [],
  ready: false,
  stats: getClickIssuesStats,
  background: { clock: 0, carousel: 0, feed: 0 },
};
const params = demoParams();

Sentry.init({
  dsn: demoDsn(),
  replaysSessionSampleRate: replaySampleRateFromQuery(params),
  replaysOnErrorSampleRate: 0,
  integrations: [
    Sentry.replayIntegration({
      maskAllText: false,
      blockAllMedia: false,
      minReplayDuration: 0,
      flushMinDelay: 300,
      flushMaxDelay: 800,
    }),
    clickIssuesIntegration(integrationOptionsFromQuery(params.toString())),
  ],
});

createRoot(document.getElementById('root')!).render(
  <App
    slowFetchMs={Number(params.get('slowFetchMs') ?? 4000)}
    dashboardUrl={window.__PLAYBACK_DEMO__?.dashboardUrl}
  />,
);
window.__playback.ready = true;
