import pg from 'pg';
import type { SyncPayload } from '../shared/contracts/sync';
import { hashToken } from './tokens';

/** With no URL, pg reads the PG* environment variables (PGHOST, PGUSER, …). */
export function createPool(databaseUrl: string | undefined, onError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000, statement_timeout: 15_000 });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', onError);
  return pool;
}

export async function ping(pool: pg.Pool): Promise<void> {
  await pool.query('SELECT 1');
}

/** Creates the school, or replaces its token: the old one stops working at once. */
export async function setSchoolToken(pool: pg.Pool, schoolId: string, token: string): Promise<void> {
  await pool.query(
    `INSERT INTO schools (school_id, token_hash) VALUES ($1, $2)
     ON CONFLICT (school_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
    [schoolId, hashToken(token)],
  );
}

/**
 * The school a token belongs to, or null: an indexed lookup by the token's
 * hash (unique). Timing of the lookup can tell at most something about a
 * hash, which does not help to find a 256-bit token.
 */
export async function schoolForToken(pool: pg.Pool, token: string): Promise<string | null> {
  const { rows } = await pool.query<{ school_id: string }>('SELECT school_id FROM schools WHERE token_hash = $1', [hashToken(token)]);
  return rows[0]?.school_id ?? null;
}

export type StoreOutcome = 'stored' | 'duplicate' | 'conflict';

/**
 * Stores a push and its pupils in one transaction, once per idempotency key.
 * A concurrent push with the same key waits on the first one's row and then
 * finds it there (ON CONFLICT DO NOTHING), so it stores nothing either.
 * 'conflict': the key is taken by another school's push.
 */
export async function storePush(pool: pg.Pool, payload: SyncPayload, receivedAt: Date): Promise<StoreOutcome> {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      `INSERT INTO pushes (idempotency_key, school_id, batch, generated_at, received_at, payload)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [payload.idempotencyKey, payload.schoolId, payload.batch, payload.generatedAt, receivedAt, JSON.stringify(payload)],
    );
    if (inserted.rowCount === 0) {
      const existing = await client.query<{ school_id: string }>('SELECT school_id FROM pushes WHERE idempotency_key = $1', [payload.idempotencyKey]);
      await client.query('ROLLBACK');
      return existing.rows[0]?.school_id === payload.schoolId ? 'duplicate' : 'conflict';
    }
    const p = payload.pupils;
    await client.query(
      `INSERT INTO pupil_results (idempotency_key, course, assignment, term, language,
                                  pupil, words, findings_per_100, theta, se, grade, grade_source, preliminary)
       SELECT $1, $2, $3, $4, $5, r.*
       FROM unnest($6::text[], $7::int[], $8::float8[], $9::float8[], $10::float8[], $11::text[], $12::text[], $13::boolean[])
         AS r(pupil, words, findings_per_100, theta, se, grade, grade_source, preliminary)`,
      [
        payload.idempotencyKey,
        payload.course,
        payload.assignment,
        payload.term,
        payload.language,
        p.map((r) => r.pupil),
        p.map((r) => r.words),
        p.map((r) => r.findingsPer100),
        p.map((r) => r.theta),
        p.map((r) => r.se),
        p.map((r) => r.grade),
        p.map((r) => r.gradeSource),
        p.map((r) => r.preliminary ?? null),
      ],
    );
    await client.query('COMMIT');
    return 'stored';
  } catch (error) {
    failed = true;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // A connection that failed mid-transaction is closed rather than reused.
    client.release(failed);
  }
}

/**
 * Pupils per grade for a course and term, across schools. Only the latest
 * push of each batch counts (by the time the desktop built it), so a batch
 * sent again after regrading is not counted twice. A grade the app marked
 * preliminary (less than 90% sure) is not counted: it is not a grade yet.
 */
export async function gradeCounts(pool: pg.Pool, course: string, term: string): Promise<{ grade: string; pupils: number }[]> {
  const { rows } = await pool.query<{ grade: string; pupils: number }>(
    `WITH latest AS (
       SELECT DISTINCT ON (school_id, batch) idempotency_key
       FROM pushes
       ORDER BY school_id, batch, generated_at DESC, received_at DESC
     )
     SELECT r.grade, count(*)::int AS pupils
     FROM pupil_results r JOIN latest USING (idempotency_key)
     WHERE r.course = $1 AND r.term = $2 AND r.grade IS NOT NULL AND r.preliminary IS NOT TRUE
     GROUP BY r.grade
     ORDER BY r.grade`,
    [course, term],
  );
  return rows;
}
