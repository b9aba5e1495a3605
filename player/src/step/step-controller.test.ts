import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StepController } from './step-controller.js';

function drive(lines: string[], pauseAt?: number) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => {
    printed += chunk;
  });
  const controller = new StepController(input, output, { pauseAt });
  for (const line of lines) input.write(`${line}\n`);
  return { controller, printed: () => printed, input };
}

describe('StepController', () => {
  it('pauses before each step until enter', async () => {
    const { controller, printed } = drive(['', '']);
    expect(await controller.beforeStep(0, 3, () => 'click #pay')).toBe('next');
    expect(await controller.beforeStep(1, 3, () => 'click #ok')).toBe('next');
    expect(printed()).toContain('⏸  step 1/3: click #pay');
    expect(printed()).toContain('⏸  step 2/3: click #ok');
  });

  it('continues to the end on c, and to step N on b N', async () => {
    const { controller } = drive(['b 3', 'c']);
    expect(await controller.beforeStep(0, 5, () => 'a')).toBe('next');
    expect(await controller.beforeStep(1, 5, () => 'b')).toBe('next');
    // Paused again at step 3, where `c` lets the rest run.
    expect(await controller.beforeStep(2, 5, () => 'c')).toBe('next');
    expect(await controller.beforeStep(3, 5, () => 'd')).toBe('next');
    expect(await controller.beforeStep(4, 5, () => 'e')).toBe('next');
  });

  it('asks for restart and quit, and treats closed input as quit', async () => {
    const { controller, input } = drive(['r', 'q']);
    expect(await controller.beforeStep(0, 2, () => 'a')).toBe('restart');
    expect(await controller.beforeStep(0, 2, () => 'a')).toBe('quit');
    input.end();
    expect(await controller.beforeStep(0, 2, () => 'a')).toBe('quit');
  });

  it('explains the keys on an unknown command and refuses b to an earlier step', async () => {
    const { controller, printed } = drive(['x', 'b 1', '']);
    expect(await controller.beforeStep(1, 3, () => 'a')).toBe('next');
    expect(printed()).toContain(
      'enter = next step · c = continue · b N = pause at step N · r = restart · q = quit',
    );
    expect(printed()).toContain('b takes a later step number, 3 to 3');
  });

  it('runs freely to a step after a restart, then pauses there', async () => {
    const { controller, printed } = drive(['']);
    controller.runTo(2);
    expect(await controller.beforeStep(0, 4, () => 'a')).toBe('next');
    expect(await controller.beforeStep(1, 4, () => 'b')).toBe('next');
    expect(await controller.beforeStep(2, 4, () => 'c')).toBe('next');
    expect(printed()).not.toContain('step 1/4');
    expect(printed()).toContain('⏸  step 3/4: c');
  });
});
