#!/usr/bin/env node
// A real Apache Kafka broker (KRaft, single node) for tests and local scale
// runs, with no Docker: the jars come from Maven Central through `mvn
// dependency:copy-dependencies` into a cache outside the work tree, the
// storage is formatted, and the broker starts on 127.0.0.1 on a free port.
//
//   npm run kafka                 start one, print its address, stop on Ctrl-C
//   import { startKafka } from './scripts/kafka.mjs'
//   const kafka = await startKafka(); kafka.brokers; await kafka.stop();
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const KAFKA_VERSION = process.env.PLAYBACK_KAFKA_VERSION ?? '4.2.0';
const SCALA_VERSION = '2.13';
const LOG4J_VERSION = '2.24.3';
const CACHE_DIR = join(
  process.env.PLAYBACK_CACHE_DIR ?? join(homedir(), '.cache', 'playback'),
  `kafka-${KAFKA_VERSION}`,
);
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

function requireTool(tool, hint) {
  try {
    execFileSync(tool, ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error(`Kafka needs ${tool}: ${hint}`);
  }
}

/** Resolves the broker's jars once; later runs reuse the cache. */
export function resolveKafkaJars() {
  const libs = join(CACHE_DIR, 'libs');
  const done = join(CACHE_DIR, '.resolved');
  if (existsSync(done)) return libs;
  requireTool('java', 'install Java 17 or newer (apt-get install -y openjdk-17-jre-headless)');
  try {
    execFileSync('mvn', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error('Kafka needs Maven to fetch its jars from Maven Central: apt-get install -y maven');
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const pom = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.playback</groupId>
  <artifactId>kafka-broker-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_${SCALA_VERSION}</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j2-impl</artifactId><version>${LOG4J_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>${LOG4J_VERSION}</version></dependency>
  </dependencies>
</project>
`;
  writeFileSync(join(CACHE_DIR, 'pom.xml'), pom);
  console.error(`[kafka] resolving Apache Kafka ${KAFKA_VERSION} from Maven Central (first run only)…`);
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      join(CACHE_DIR, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libs}`,
      '-DincludeScope=runtime',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (!readdirSync(libs).some((f) => f.startsWith(`kafka_${SCALA_VERSION}-`))) {
    throw new Error(`Maven finished but no kafka_${SCALA_VERSION} jar is in ${libs}`);
  }
  writeFileSync(done, new Date().toISOString());
  return libs;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, '127.0.0.1');
  });
}

/** Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. */
function clusterId() {
  return randomBytes(16).toString('base64url');
}

function writeConfig(dir, { port, controllerPort, numPartitions }) {
  const logDir = join(dir, 'data');
  const properties = `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controllerPort}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${logDir}
num.partitions=${numPartitions}
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.flush.interval.messages=1
`;
  const log4j = `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <File name="file" fileName="${join(dir, 'broker.log')}"><PatternLayout pattern="[%d] %p %m (%c)%n"/></File>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="file"/></Root>
    <Logger name="org.apache.kafka.clients" level="WARN"/>
  </Loggers>
</Configuration>
`;
  writeFileSync(join(dir, 'server.properties'), properties);
  writeFileSync(join(dir, 'log4j2.xml'), log4j);
  return join(dir, 'server.properties');
}

function javaArgs(libs, dir, mainClass, args) {
  return [
    '-Xms256m',
    '-Xmx768m',
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(dir, 'log4j2.xml')}`,
    `-Dkafka.logs.dir=${dir}`,
    '-cp',
    `${libs}/*`,
    mainClass,
    ...args,
  ];
}

/**
 * Starts a single-node KRaft broker. `dataDir` keeps the storage across a
 * restart (`restart()` stops and starts the same broker on the same port).
 */
export async function startKafka({ port, dataDir, numPartitions = 4 } = {}) {
  const libs = resolveKafkaJars();
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'playback-kafka-'));
  mkdirSync(dir, { recursive: true });
  const brokerPort = port ?? (await freePort());
  const controllerPort = await freePort();
  const config = writeConfig(dir, { port: brokerPort, controllerPort, numPartitions });
  if (!existsSync(join(dir, 'data', 'meta.properties'))) {
    // Output is kept for the error only: the tool's logging setup is noisy on stderr.
    try {
      execFileSync(
        'java',
        javaArgs(libs, dir, 'kafka.tools.StorageTool', [
          'format',
          // The `=` form: an id may start with "-", which would read as an option.
          `--cluster-id=${clusterId()}`,
          '-c',
          config,
          '--ignore-formatted',
        ]),
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (error) {
      throw new Error(`Formatting Kafka storage in ${dir} failed: ${error.stderr ?? error.message}`);
    }
  }

  let child = null;
  const launch = async () => {
    child = spawn('java', javaArgs(libs, dir, 'kafka.Kafka', [config]), {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4_000);
    });
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('waiting'), 250))]);
      if (code !== 'waiting') {
        throw new Error(
          `Kafka exited with ${code} before it was ready. Log: ${join(dir, 'broker.log')}\n${stderr}`,
        );
      }
      if (await canConnect(brokerPort)) return;
    }
    child.kill('SIGKILL');
    throw new Error(`Kafka did not answer on 127.0.0.1:${brokerPort} within ${READY_TIMEOUT_MS} ms`);
  };

  const stopChild = async (signal = 'SIGTERM') => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    const timer = setTimeout(() => running.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  const cleanupOnExit = () => child?.kill('SIGKILL');
  process.once('exit', cleanupOnExit);

  return {
    brokers: `127.0.0.1:${brokerPort}`,
    port: brokerPort,
    dataDir: dir,
    logFile: join(dir, 'broker.log'),
    /** Stops the broker and starts it again on the same port with the same storage. */
    async restart() {
      await stopChild();
      await launch();
    },
    /** Kills the broker without a clean shutdown (for failure tests). */
    async kill() {
      await stopChild('SIGKILL');
    },
    async stop({ keepData = dataDir !== undefined } = {}) {
      process.removeListener('exit', cleanupOnExit);
      await stopChild();
      if (!keepData) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const USAGE = `npm run kafka: one Apache Kafka ${KAFKA_VERSION} broker (KRaft, single node) on 127.0.0.1, in the
foreground until Ctrl-C; it prints the PLAYBACK_KAFKA_BROKERS value to use. The jars come from Maven
Central through mvn (Java 17+ and Maven needed) on first use.

Environment:
  PLAYBACK_KAFKA_PORT      the broker's port (default: a free one)
  PLAYBACK_KAFKA_VERSION   the Kafka version (default ${KAFKA_VERSION})
  PLAYBACK_CACHE_DIR       where the jars are kept (default ~/.cache/playback)`;

// `npm run kafka`: run one broker in the foreground.
if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  const kafka = await startKafka({
    port: process.env.PLAYBACK_KAFKA_PORT ? Number(process.env.PLAYBACK_KAFKA_PORT) : undefined,
  });
  console.log(`Kafka ${KAFKA_VERSION} is up: PLAYBACK_KAFKA_BROKERS=${kafka.brokers}`);
  console.log(`log: ${kafka.logFile}   (Ctrl-C stops it)`);
  const stop = async () => {
    await kafka.stop({ keepData: false });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
