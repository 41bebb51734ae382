import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';
import { type AppConfig, createApp } from '../../server/app';
import { setSchoolToken } from '../../server/db';
import { createLog } from '../../server/log';
import { migrate } from '../../server/migrate';
import { newToken } from '../../server/tokens';
import { createDatabase } from './postgres';
import type { SyncPayload } from '../../shared/contracts/sync';

/** A new, empty database in the test cluster, for one test file. */
export function freshDatabase(name: string): Promise<string> {
  return createDatabase(inject('postgresUrl'), name);
}

export const pseudonym = (): string => randomBytes(32).toString('hex');

const SCALE = ['F', 'E', 'D', 'C', 'B', 'A'];

/** A realistic push: pseudonyms, a uuid key, plausible measures. `grades` gives one pupil per entry. */
export function makePayload(schoolId: string, overrides: Partial<SyncPayload> = {}, grades: (string | null)[] = ['E', 'D', 'C', 'C', 'B', 'A']): SyncPayload {
  return {
    schemaVersion: 1,
    kind: 'batch-results',
    idempotencyKey: randomUUID(),
    schoolId,
    appVersion: '0.1.0',
    generatedAt: '2026-11-20T13:45:00.000Z',
    batch: pseudonym(),
    course: 'Svenska 1',
    assignment: 'Argumenterande text: skoluniform',
    term: 'HT2026',
    language: 'sv',
    gradeScale: SCALE,
    reliability: 0.82,
    ssr: 0.85,
    pupils: grades.map((grade, i) => ({
      pupil: pseudonym(),
      words: 350 + 23 * i,
      findingsPer100: 1.5 + i / 10,
      theta: grade === null ? null : -1.2 + i * 0.4,
      se: grade === null ? null : 0.45,
      grade,
      gradeSource: grade === null ? null : i % 3 === 0 ? 'teacher' : 'model',
    })),
    ...overrides,
  };
}

export interface TestApp {
  base: string;
  pool: pg.Pool;
  logs: string[];
  /** The fake clock, in ms since the epoch; tests move it. */
  clock: { now: number };
  addSchool(schoolId: string): Promise<string>;
  push(token: string, payload: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startApp(databaseUrl: string, config: Partial<AppConfig> = {}): Promise<TestApp> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  await migrate(pool);
  const logs: string[] = [];
  const clock = { now: Date.parse('2026-11-21T08:00:00.000Z') };
  const now = () => clock.now;
  const server = createApp({
    pool,
    now,
    log: createLog((line) => logs.push(line), now),
    config: { rateLimitPerMinute: 1_000, requestTimeoutMs: 10_000, headersTimeoutMs: 5_000, ...config },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    pool,
    logs,
    clock,
    async addSchool(schoolId) {
      const token = newToken();
      await setSchoolToken(pool, schoolId, token);
      return token;
    },
    push(token, payload, headers = {}) {
      const key = (payload as { idempotencyKey?: unknown }).idempotencyKey;
      return fetch(`${base}/v1/results`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(typeof key === 'string' ? { 'idempotency-key': key } : {}),
          ...headers,
        },
        body: JSON.stringify(payload),
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}
