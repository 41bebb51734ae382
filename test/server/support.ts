import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { type AddressInfo, connect } from 'node:net';
import { createInterface } from 'node:readline';
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
    config: { rateLimitPerMinute: 1_000, ipRateLimitPerMinute: 100_000, trustProxy: false, requestTimeoutMs: 10_000, headersTimeoutMs: 5_000, ...config },
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

/** `tsx server/main.ts`, as an operator runs the receiver. */
export const MAIN = ['node_modules/.bin/tsx', 'server/main.ts'] as const;

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** Its log lines so far. */
  lines: string[];
  /** The exit code once it has exited. */
  exited: Promise<number | null>;
  hasExited(): boolean;
}

/** The receiver as a child process (`serve`), once it logs that it listens. */
export async function spawnServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(MAIN[0], [MAIN[1]], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      done = true;
      resolve(code);
    }),
  );
  const lines: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const entry = JSON.parse(line) as { msg: string; port?: number };
      if (entry.msg === 'listening' && entry.port) resolve(entry.port);
    });
    void exited.then(() => reject(new Error(`server exited: ${lines.join('\n')}`)));
  });
  return { port, child, lines, exited, hasExited: () => done };
}

/**
 * Writes raw bytes to a fresh connection and returns what came back: once the
 * server closes, or once what came parses as whole answers and nothing more
 * follows for a moment. A request the server is still waiting on gets a
 * half-close after `quietMs` with nothing back, as the end of an incomplete
 * request (Node aborts requests in flight on a half-close, so not sooner).
 */
export function rawExchange(port: number, request: string | Buffer, { quietMs = 1_500, timeoutMs = 10_000, head = false } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let idle = setTimeout(() => socket.end(), quietMs);
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no close within ${timeoutMs} ms`)));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      clearTimeout(idle);
      const whole = (() => {
        try {
          return parseResponses(Buffer.concat(chunks), head).every((r) => r.status >= 200 && r.body.length === Number(r.headers['content-length'] ?? r.body.length));
        } catch {
          return false;
        }
      })();
      idle = setTimeout(() => (whole ? socket.destroy() : socket.end()), whole ? 20 : quietMs);
    });
    // A reset after a partial answer still counts what came: the server may close before reading all we sent.
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    socket.on('close', () => {
      clearTimeout(idle);
      resolve(Buffer.concat(chunks));
    });
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The HTTP/1.1 responses in what a connection received, in order. Every
 * answer of the receiver has a Content-Length; one without is read to the end.
 * Interim (1xx) answers, and after a HEAD request the first final answer, have no body.
 */
export function parseResponses(received: Buffer, head = false): RawResponse[] {
  const responses: RawResponse[] = [];
  let at = 0;
  while (at < received.length) {
    const end = received.indexOf('\r\n\r\n', at);
    if (end < 0) throw new Error(`an incomplete response head: ${JSON.stringify(received.subarray(at, at + 200).toString('latin1'))}`);
    const [statusLine, ...headerLines] = received.subarray(at, end).toString('latin1').split('\r\n');
    const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine);
    if (!status) throw new Error(`not a status line: ${JSON.stringify(statusLine)}`);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const bodyStart = end + 4;
    const interim = Number(status[1]) < 200;
    // A HEAD answer has no body, unless the parser refused the request before it knew it was a HEAD.
    const bodiless = head && responses.every((r) => r.status < 200) && (bodyStart === received.length || received.subarray(bodyStart, bodyStart + 5).toString() === 'HTTP/');
    const length = interim || bodiless ? 0 : headers['content-length'] === undefined ? received.length - bodyStart : Number(headers['content-length']);
    responses.push({ status: Number(status[1]), headers, body: received.subarray(bodyStart, bodyStart + length) });
    at = bodyStart + length;
  }
  return responses;
}
