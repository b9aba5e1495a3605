// A five-minute session on the test shop: typing, cart refreshes and scrolls
// every few seconds, each refresh answered from the recording.
import type { NetworkExchange, PlaybackFile, Step } from '@playback/detector';
import { checkoutSession } from '../test/support/shop-session.js';

const FIVE_MINUTES_MS = 5 * 60_000;

export function fiveMinuteSession(): PlaybackFile {
  const file = checkoutSession();
  const [navigate] = file.steps;
  const steps: Step[] = [navigate!];
  const network: NetworkExchange[] = [file.network[0]!];
  const refresh = file.steps[2]!;
  const input = file.steps[1]!;
  const cart = file.network[1]!;
  for (let t = 2_000, i = 0; t < FIVE_MINUTES_MS; t += 2_500, i++) {
    if (i % 3 === 0 && refresh.type === 'click') {
      steps.push({ ...refresh, t });
      network.push({
        ...cart,
        id: `cart-${i}`,
        stepIndex: steps.length - 1,
        timing: { startT: t + 5, durationMs: 20 },
      });
    } else if (i % 3 === 1 && input.type === 'input') {
      steps.push({ ...input, t, value: `user${i}@example.net` });
    } else {
      steps.push({ type: 'scroll', t, x: 0, y: (i * 37) % 900 });
    }
  }
  return { ...file, meta: { ...file.meta, durationMs: FIVE_MINUTES_MS }, steps, network };
}
