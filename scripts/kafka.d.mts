/** The Apache Kafka version `startKafka` runs (PLAYBACK_KAFKA_VERSION overrides). */
export declare const KAFKA_VERSION: string;

/** Resolves the broker's jars from Maven Central once and returns their folder; later calls reuse it. */
export declare function resolveKafkaJars(): string;

export interface StartKafkaOptions {
  /** Broker port on 127.0.0.1; default a free one. */
  port?: number;
  /** Storage folder, kept across `restart()`; default a new temporary one. */
  dataDir?: string;
  /** `num.partitions`: partitions of a topic created without a count. Default 4. */
  numPartitions?: number;
}

export interface RunningKafka {
  /** `127.0.0.1:<port>`, for PLAYBACK_KAFKA_BROKERS. */
  brokers: string;
  port: number;
  dataDir: string;
  logFile: string;
  /** Stops the broker cleanly and starts it again on the same port with the same storage. */
  restart(): Promise<void>;
  /** Kills the broker without a clean shutdown. */
  kill(): Promise<void>;
  /** Stops the broker; removes its storage unless `keepData` (default: kept when `dataDir` was given). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Starts a single-node KRaft broker on 127.0.0.1 and resolves once it answers. */
export declare function startKafka(options?: StartKafkaOptions): Promise<RunningKafka>;
