import type { FastifyInstance } from 'fastify';

export interface StartOptions {
  /** Consumer port (env PLAYBACK_PORT, default 8765; 0 picks a free one). */
  port?: number;
  /** Demo app port (env PLAYBACK_DEMO_PORT, default 8766; 0 picks a free one). */
  demoPort?: number;
  /** Embedded database directory (env PLAYBACK_DATA_DIR, default .playback/db). */
  dataDir?: string;
  /** postgres://… instead of the embedded database (env PLAYBACK_DATABASE_URL). */
  databaseUrl?: string;
  /** Skip building the packages and the demo app (they are built already). */
  skipBuild?: boolean;
  routes?: (app: FastifyInstance) => void | Promise<void>;
}

export interface Started {
  /** The demo app, wired to the demo project. */
  demoUrl: string;
  /** The consumer: dashboard at `/`, API under `/api/`. */
  url: string;
  dsn: string;
  projectId: number;
  consumer: {
    /** The API token (the API is closed by default); null only with PLAYBACK_API_OPEN=1. */
    apiToken: { token: string; created: boolean; path: string | null } | null;
    drain(): Promise<void>;
    close(): Promise<void>;
  };
  close(): Promise<void>;
}

/** `npm start` as a function: the consumer on its embedded defaults, a demo project, the demo app. */
export declare function start(options?: StartOptions): Promise<Started>;

/** Thrown by start() when the port, the demo port or the embedded database is held by another process. */
export declare class AlreadyRunningError extends Error {}

/** start() as `npm start` runs it: when it cannot start, one line on stderr and exit code 1. */
export declare function startFromShell(options?: StartOptions): Promise<Started>;
