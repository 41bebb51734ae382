/**
 * The real municipal receiver (server/app.ts) on a throwaway PostgreSQL, for
 * the sync integration and end-to-end tests: it can go down and come back on
 * the same loopback port, and answers what it stored, column by column.
 * Not a test file itself; the sync tests import it.
 */
import http from 'node:http';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createApp } from '../../server/app';
import { setSchoolToken } from '../../server/db';
import { createLog } from '../../server/log';
import { migrate } from '../../server/migrate';
import { personalDataIn } from '../../server/personal-data';
import { newToken } from '../../server/tokens';
import { findPersonalData } from '../../shared/text/personal-data';
import startPostgres, { createDatabase, freePort } from '../server/postgres';

export interface Postgres {
  url: string;
  stop(): void;
}

/** A throwaway cluster, started the way the server tests' global setup starts it. */
export async function throwawayPostgres(): Promise<Postgres> {
  let url = '';
  const stop = await startPostgres({ provide: (_key: string, value: string) => (url = value) } as unknown as TestProject);
  return { url, stop };
}

export interface Receiver {
  /** http://127.0.0.1:PORT, the same whether it is up or down. */
  url: string;
  port: number;
  pool: pg.Pool;
  logs: string[];
  /** Pushes it has answered, by status. */
  answered: number[];
  isUp(): boolean;
  up(): Promise<void>;
  /** Stops listening and cuts open connections: the app sees connection refused. */
  down(): Promise<void>;
  addSchool(schoolId: string): Promise<string>;
  /** Rows in `pushes` for an idempotency key. */
  pushes(idempotencyKey: string): Promise<number>;
  /** Every value of every text-like column (text, varchar, json, jsonb as text) of every table. */
  textValues(): Promise<{ column: string; value: string }[]>;
  close(): Promise<void>;
}

export async function startReceiver(postgresUrl: string, database: string, { up = true, port }: { up?: boolean; port?: number } = {}): Promise<Receiver> {
  const pool = new pg.Pool({ connectionString: await createDatabase(postgresUrl, database), max: 10 });
  await migrate(pool);
  const logs: string[] = [];
  const answered: number[] = [];
  const listenPort = port ?? (await freePort());
  let server: http.Server | null = null;

  const receiver: Receiver = {
    url: `http://127.0.0.1:${listenPort}`,
    port: listenPort,
    pool,
    logs,
    answered,
    isUp: () => server !== null,
    async up() {
      if (server) return;
      const app = createApp({
        pool,
        now: Date.now,
        log: createLog((line) => logs.push(line), Date.now),
        config: { rateLimitPerMinute: 10_000, ipRateLimitPerMinute: 10_000, trustProxy: false, requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 },
      });
      app.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (req.url?.startsWith('/v1/results')) res.on('finish', () => answered.push(res.statusCode));
      });
      await new Promise<void>((resolve, reject) => {
        app.once('error', reject);
        app.listen(listenPort, '127.0.0.1', () => resolve());
      });
      server = app;
    },
    async down() {
      const app = server;
      if (!app) return;
      server = null;
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    },
    async addSchool(schoolId) {
      const token = newToken();
      await setSchoolToken(pool, schoolId, token);
      return token;
    },
    async pushes(idempotencyKey) {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pushes WHERE idempotency_key = $1', [idempotencyKey]);
      return rows[0].n;
    },
    async textValues() {
      const { rows: columns } = await pool.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
         ORDER BY table_name, column_name`,
      );
      const values: { column: string; value: string }[] = [];
      for (const { table_name: table, column_name: column } of columns) {
        const { rows } = await pool.query<{ v: string | null }>(`SELECT ${pg.escapeIdentifier(column)}::text AS v FROM ${pg.escapeIdentifier(table)}`);
        for (const { v } of rows) if (v !== null) values.push({ column: `${table}.${column}`, value: v });
      }
      return values;
    },
    async close() {
      await receiver.down();
      await pool.end();
    },
  };
  if (up) await receiver.up();
  return receiver;
}

/** What must never reach the receiver. */
export interface Personal {
  names: readonly string[];
  fileNames: readonly string[];
  /** The essays' texts: no run of five of their words may be stored. */
  texts: readonly string[];
  /** Anything else the test put in (class name, …). */
  other?: readonly string[];
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Every leak in the stored values: a class-list name (whole word, or any
 * part as a substring), a file name or its stem, five words in a row from an
 * essay, a personnummer, e-mail address or phone number (by the receiver's
 * own detector, and the app's stricter one for e-mail and names).
 */
export function leaks(values: readonly { column: string; value: string }[], personal: Personal): string[] {
  const found: string[] = [];
  const parts = [...new Set(personal.names.flatMap((n) => n.split(/\s+/)).filter((p) => p.length > 1))];
  const stems = personal.fileNames.flatMap((f) => [f, f.replace(/\.[^.]+$/, '')]);
  const grams = new Set<string>();
  for (const text of personal.texts) {
    const w = words(text);
    for (let i = 0; i + 5 <= w.length; i++) grams.add(w.slice(i, i + 5).join(' '));
  }
  for (const { column, value } of values) {
    const lower = value.toLowerCase();
    for (const part of parts) if (lower.includes(part.toLowerCase())) found.push(`${column}: name part "${part}"`);
    for (const stem of stems) if (lower.includes(stem.toLowerCase())) found.push(`${column}: file name "${stem}"`);
    for (const other of personal.other ?? []) if (lower.includes(other.toLowerCase())) found.push(`${column}: "${other}"`);
    const w = words(value);
    for (let i = 0; i + 5 <= w.length; i++) {
      if (grams.has(w.slice(i, i + 5).join(' '))) {
        found.push(`${column}: essay text "${w.slice(i, i + 5).join(' ')}"`);
        break;
      }
    }
    for (const kind of personalDataIn(value)) found.push(`${column}: ${kind}`);
    for (const m of findPersonalData(value, personal.names)) if (m.kind === 'email' || m.kind === 'name') found.push(`${column}: ${m.kind}`);
  }
  return [...new Set(found)];
}
