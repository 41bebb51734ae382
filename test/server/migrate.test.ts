import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrationFiles } from '../../server/migrate';
import { freshDatabase } from './support';

const pools: pg.Pool[] = [];
async function freshPool(name: string): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: await freshDatabase(name) });
  pools.push(pool);
  return pool;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

const tables = async (pool: pg.Pool) =>
  (await pool.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((r) => r.t);

describe('migrations', () => {
  it('apply once, and a second run applies nothing', async () => {
    const pool = await freshPool('migrate_twice');
    const files = migrationFiles();
    expect(files[0]).toBe('001_initial.sql');
    expect(await migrate(pool)).toEqual(files);
    expect(await migrate(pool)).toEqual([]);
    expect((await pool.query('SELECT version FROM schema_migrations ORDER BY 1')).rows.map((r) => r.version)).toEqual(files);
    expect(await tables(pool)).toEqual(['pupil_results', 'pushes', 'schema_migrations', 'schools']);
  });

  it('apply once when two servers start at the same time', async () => {
    const pool = await freshPool('migrate_racing');
    const [a, b] = await Promise.all([migrate(pool), migrate(pool)]);
    expect([...a, ...b]).toEqual(migrationFiles());
  });

  it('roll back a failing migration whole, and keep the ones before it', async () => {
    const pool = await freshPool('migrate_failing');
    const dir = mkdtempSync(join(tmpdir(), 'huledu-migrations-'));
    try {
      writeFileSync(join(dir, '001_good.sql'), 'CREATE TABLE good (id int);');
      writeFileSync(join(dir, '002_bad.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_function();');
      await expect(migrate(pool, dir)).rejects.toThrow(/no_such_function/);
      expect((await pool.query('SELECT version FROM schema_migrations')).rows).toEqual([{ version: '001_good.sql' }]);
      expect(await tables(pool)).toEqual(['good', 'schema_migrations']);

      writeFileSync(join(dir, '002_bad.sql'), 'CREATE TABLE half_done (id int);');
      expect(await migrate(pool, dir)).toEqual(['002_bad.sql']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuse a file whose name does not give its order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'huledu-migrations-'));
    try {
      writeFileSync(join(dir, 'initial.sql'), 'SELECT 1;');
      expect(() => migrationFiles(dir)).toThrow(/NNN_name\.sql/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
