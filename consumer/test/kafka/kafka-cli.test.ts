// The Kafka switches of the `playback` command, where they are wrong: each says what to set.
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../src/cli.js';

function cli(env: NodeJS.ProcessEnv = {}) {
  const program = buildCli({ out: () => {}, err: () => {}, env });
  program.exitOverride();
  return program;
}

describe('playback CLI with Kafka', () => {
  it('`consume` without a broker names the variable to set', async () => {
    await expect(cli().parseAsync(['consume', '--data-dir', 'memory://'], { from: 'user' })).rejects.toThrow(
      /consume needs Kafka: set PLAYBACK_KAFKA_BROKERS=host:port or --kafka-brokers/,
    );
  });

  it('`serve --no-consume` without a broker refuses: the embedded queue cannot be shared', async () => {
    await expect(
      cli().parseAsync(['serve', '--no-consume', '--port', '0', '--data-dir', 'memory://'], { from: 'user' }),
    ).rejects.toThrow(/ingest without processors needs Kafka: set PLAYBACK_KAFKA_BROKERS/);
  });

  it('`consume` refuses a PLAYBACK_MAX_RECORDING_BYTES that is not a size, before anything starts', async () => {
    await expect(
      cli({ PLAYBACK_KAFKA_BROKERS: '127.0.0.1:9', PLAYBACK_MAX_RECORDING_BYTES: '16k' }).parseAsync(
        ['consume', '--data-dir', 'memory://'],
        { from: 'user' },
      ),
    ).rejects.toThrow(/PLAYBACK_MAX_RECORDING_BYTES=16k: not a positive whole number of bytes/);
  });

  it('a broker list that is not host:port is refused before anything starts', async () => {
    await expect(
      cli({ PLAYBACK_KAFKA_BROKERS: 'localhost' }).parseAsync(['consume', '--data-dir', 'memory://'], {
        from: 'user',
      }),
    ).rejects.toThrow(/Kafka settings: brokers\.0: a broker is host:port/);
  });
});
