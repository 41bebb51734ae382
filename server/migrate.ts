import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
const NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;
/** Any fixed number: it only has to keep two migrators (two server starts) from racing. */
const LOCK_KEY = 4_861_320_617;

/** The migration files, in the order they apply. */
export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
  for (const f of files) if (!NAME.test(f)) throw new Error(`Migration file name must be NNN_name.sql: ${f}`);
  return files.sort();
}

/**
 * Applies the pending migrations in order, each in its own transaction together
 * with its row in schema_migrations. Running it again applies nothing.
 * Returns the names it applied.
 */
export async function migrate(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = migrationFiles(dir);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(join(dir, file), 'utf8'));
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(file);
    }
    return applied;
  } finally {
    const unlocked = await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).then(
      () => true,
      () => false,
    );
    // A connection that could not unlock is closed instead, which releases the lock.
    client.release(!unlocked);
  }
}
