import { buildClicksApp } from '../apps/clicks/build.js';

/** Builds the demo pages once for every e2e file. */
export default async function setup(): Promise<void> {
  await buildClicksApp();
}
