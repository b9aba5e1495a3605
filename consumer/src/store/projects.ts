// Projects, their public keys (what a DSN carries), their sampling and their scrubbing settings.
import { randomBytes } from 'node:crypto';
import type { Project } from '../formats/wire.js';
import type { Database, Sql } from './database.js';
import { iso, jsonValue, num } from './rows.js';

export type { Project };

export interface ProjectKey {
  publicKey: string;
  projectId: number;
  rateLimitPerSecond: number | null;
  revoked: boolean;
}

/** Public keys look like Sentry's: 32 lowercase hex characters. */
export function generatePublicKey(): string {
  return randomBytes(16).toString('hex');
}

const toProject = (row: Record<string, unknown>): Project => ({
  id: num(row.id),
  name: String(row.name),
  createdAt: iso(row.created_at),
});

export class ProjectStore {
  constructor(private readonly db: Database) {}

  async create(name: string): Promise<{ project: Project; key: ProjectKey }> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query('INSERT INTO projects (name) VALUES ($1) RETURNING id, name, created_at', [
        name,
      ]);
      const project = toProject(row!);
      const key = await this.insertKey(tx, project.id);
      return { project, key };
    });
  }

  async createKey(projectId: number, rateLimitPerSecond: number | null = null): Promise<ProjectKey> {
    return this.insertKey(this.db, projectId, rateLimitPerSecond);
  }

  private async insertKey(sql: Sql, projectId: number, rateLimitPerSecond: number | null = null) {
    const publicKey = generatePublicKey();
    await sql.query(
      'INSERT INTO project_keys (public_key, project_id, rate_limit_per_second) VALUES ($1, $2, $3)',
      [publicKey, projectId, rateLimitPerSecond],
    );
    return { publicKey, projectId, rateLimitPerSecond, revoked: false };
  }

  async list(): Promise<Array<Project & { keys: string[] }>> {
    const rows = await this.db.query(
      `SELECT p.id, p.name, p.created_at,
        coalesce((SELECT string_agg(k.public_key, ',' ORDER BY k.created_at) FROM project_keys k
          WHERE k.project_id = p.id AND k.revoked_at IS NULL), '') AS keys
       FROM projects p ORDER BY p.id`,
    );
    return rows.map((row) => ({ ...toProject(row), keys: String(row.keys).split(',').filter(Boolean) }));
  }

  async get(projectId: number): Promise<Project | null> {
    const [row] = await this.db.query('SELECT id, name, created_at FROM projects WHERE id = $1', [projectId]);
    return row ? toProject(row) : null;
  }

  async findKey(publicKey: string): Promise<ProjectKey | null> {
    const [row] = await this.db.query(
      'SELECT public_key, project_id, rate_limit_per_second, revoked_at FROM project_keys WHERE public_key = $1',
      [publicKey],
    );
    if (!row) return null;
    return {
      publicKey: String(row.public_key),
      projectId: num(row.project_id),
      rateLimitPerSecond: row.rate_limit_per_second == null ? null : num(row.rate_limit_per_second),
      revoked: row.revoked_at != null,
    };
  }

  async revokeKey(publicKey: string): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE project_keys SET revoked_at = now() WHERE public_key = $1 AND revoked_at IS NULL RETURNING public_key',
      [publicKey],
    );
    return rows.length > 0;
  }

  /** The project's sampling config as stored (the pipeline's sampler validates it), or null. */
  async getSampling(projectId: number): Promise<unknown | null> {
    const [row] = await this.db.query('SELECT config FROM sampling WHERE project_id = $1', [projectId]);
    return row ? jsonValue(row.config) : null;
  }

  /** The project's scrubbing settings as stored (pipeline/scrub/scrub-settings.ts reads them), or null. */
  async getScrubSettings(projectId: number): Promise<unknown | null> {
    const [row] = await this.db.query('SELECT scrub FROM projects WHERE id = $1', [projectId]);
    return row?.scrub == null ? null : jsonValue(row.scrub);
  }

  async setScrubSettings(projectId: number, settings: unknown): Promise<void> {
    await this.db.query('UPDATE projects SET scrub = $2::jsonb WHERE id = $1', [
      projectId,
      JSON.stringify(settings),
    ]);
  }

  async setSampling(projectId: number, config: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO sampling (project_id, config) VALUES ($1, $2::jsonb)
       ON CONFLICT (project_id) DO UPDATE SET config = EXCLUDED.config, updated_at = now()`,
      [projectId, JSON.stringify(config)],
    );
  }
}
