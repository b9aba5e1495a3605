// What every consumer bench result says about the run that made it: package, when, Node, the machine.
import { cpus, loadavg } from 'node:os';

export function runContext() {
  return {
    package: '@playback/consumer',
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    // The machine is shared: a load average above the cores says the figures are low and noisy.
    loadAverageAtEnd: loadavg().map((n) => Math.round(n * 10) / 10),
  };
}
