import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, Health } from '../../server/contracts';
import { freshDatabase, MAIN, parseResponses, rawExchange, type ServerProcess, spawnServer } from './support';

/**
 * Raw HTTP at the receiver as a child process, as in production: generated
 * request lines, headers and bodies over plain TCP. Whatever comes back must be
 * a 4xx in JSON (or a 2xx in JSON, for the odd request that is valid), and the
 * process must still be up at the end. FUZZ_SEED repeats a run.
 */

const REQUESTS = 10_000;
const PARALLEL = 8;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

let server: ServerProcess;
let token: string;

beforeAll(async () => {
  const env = {
    ...process.env,
    DATABASE_URL: await freshDatabase('fuzz'),
    // High enough that the per-address limit does not turn every answer into a 429 (those would still count as 4xx in JSON).
    IP_RATE_LIMIT_PER_MINUTE: '1000000',
    REQUEST_TIMEOUT_MS: '3000',
    HEADERS_TIMEOUT_MS: '2000',
  };
  const made = spawnSync(MAIN[0], [MAIN[1], 'token', 'skola-norr'], { env, encoding: 'utf8' });
  expect(made.status).toBe(0);
  token = made.stdout.trim();
  server = await spawnServer(env);
});

afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
});

const ROUTES = ['/healthz', '/v1/results', '/v1/aggregates/grade-distribution'];
const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((a) => Buffer.from(a).toString('latin1'));

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'CONNECT', 'PURGE', 'get') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z-]{1,12}$/) },
  { weight: 1, arbitrary: bytes(12) },
);

const percentGarbage = fc
  .array(fc.constantFrom('%', '%2', '%zz', '%00', '%ff', '%E0%A4%A', '%C0%AF', '/', '..', '//', 'a', '?', '#', '&', '=', ';', '\\'), { maxLength: 20 })
  .map((parts) => parts.join(''));
const target = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ROUTES, '//a:99999/', '//', '/', '*', 'http://receiver/healthz', 'http://[::1', '/%', '/%zz', '//a:99999/healthz', '/healthz/../healthz') },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...ROUTES), percentGarbage).map(([route, garbage]) => `${route}?${garbage}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.option(text(30)), fc.option(fc.constantFrom('HT2026', 'VT2027', 'x'.repeat(300))))
      .map(([course, term]) => `/v1/aggregates/grade-distribution?${course === null ? '' : `course=${encodeURIComponent(course)}`}&${term === null ? '' : `term=${term}`}`),
  },
  { weight: 2, arbitrary: percentGarbage.map((garbage) => `/${garbage}`) },
  { weight: 1, arbitrary: text(40).map((junk) => `/${junk}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 70_000 }).map((n) => `/${'a'.repeat(n)}`) },
);
const version = fc.oneof({ weight: 12, arbitrary: fc.constant('HTTP/1.1') }, { weight: 1, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 extra', '', 'http/1.1') });

const header = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<[string, string]>(['Content-Type', 'application/json'], ['Content-Type', 'text/plain'], ['Connection', 'close'], ['Connection', 'keep-alive'], ['Expect', '100-continue'], ['Expect', 'teapot'], ['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Transfer-Encoding', 'chunked'], ['Transfer-Encoding', 'gzip, chunked'], ['Transfer-Encoding', 'identity'], ['Host', ''], ['X-Forwarded-For', '10.0.0.1']) },
  { weight: 2, arbitrary: fc.oneof(fc.nat().map(String), fc.constantFrom('-1', 'abc', '1e3', '0x10', '99999999999999999999', '', ' 5', '5, 6')).map((v): [string, string] => ['Content-Length', v]) },
  { weight: 2, arbitrary: fc.oneof(fc.constant(`Bearer \u0000TOKEN`), fc.constantFrom('Bearer gissat', 'Bearer', 'Basic dTpw', ''), text(50)).map((v): [string, string] => ['Authorization', v]) },
  { weight: 1, arbitrary: fc.oneof(fc.uuid(), text(40)).map((v): [string, string] => ['Idempotency-Key', v]) },
  { weight: 1, arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,20}$/), text(60)) },
  { weight: 1, arbitrary: fc.tuple(text(20), text(20)) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n): [string, string] => ['X-Big', 'b'.repeat(n)]) },
);

const body = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom('{', '{"schemaVersion":1', 'null', '[]', '{"a":"\\ud800"}', '\u0000', '{"schemaVersion":1,"kind":"batch-results"}') },
  { weight: 2, arbitrary: bytes(500) },
  { weight: 2, arbitrary: fc.constantFrom('5\r\nhello\r\n0\r\n\r\n', 'zz\r\nhello\r\n', '5\r\nhel', '5;ext=1\r\nhello\r\n0\r\n\r\n', 'ffffffffffffffff\r\n', '0\r\nTrailer: x\r\n\r\n', `1;${'e'.repeat(20_000)}\r\nx\r\n`) },
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 2_500_000 }).map((n) => '{"pupils":"'.padEnd(n, 'x')) },
);

interface Case {
  method: string;
  target: string;
  version: string;
  host: boolean;
  headers: [string, string][];
  body: string;
  /** Add a Content-Length that matches the body. */
  frame: boolean;
  withToken: boolean;
}

const anyRequest = fc.record<Case>({ method, target, version, host: fc.nat(9).map((n) => n > 0), headers: fc.array(header, { maxLength: 8 }), body, frame: fc.boolean(), withToken: fc.boolean() });

/** Requests that get past Node's parser, to reach the handler's own checks: the token, the media type, JSON, the payload, the query. */
const printable = (maxLength: number) => fc.string({ maxLength }).map((v) => v.replace(/[^\x20-\x7e]/g, 'x'));
const wellFormedHeader = fc.oneof(
  fc.constantFrom<[string, string]>(['Content-Type', 'application/json'], ['Content-Type', 'application/json; charset=utf-8'], ['Content-Type', 'text/plain'], ['Connection', 'close']),
  fc.oneof(fc.uuid(), printable(40)).map((v): [string, string] => ['Idempotency-Key', v]),
  fc.constantFrom('Bearer gissat', 'Bearer', 'Basic dTpw').map((v): [string, string] => ['Authorization', v]),
);
const wellFormedRequest = fc.record<Case>({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
  target: target.filter((t) => t.startsWith('/') && t.length < 2_000 && !/[\s\0-\x1f\x7f-\xff]/.test(t)),
  version: fc.constant('HTTP/1.1'),
  host: fc.constant(true),
  headers: fc.array(wellFormedHeader, { maxLength: 4 }),
  body,
  frame: fc.constant(true),
  withToken: fc.boolean(),
});
const request = fc.oneof(anyRequest, wellFormedRequest);

function render(c: Case): Buffer {
  const headers: [string, string][] = [
    ...(c.host ? [['Host', 'receiver'] as [string, string]] : []),
    ...(c.withToken ? [['Authorization', `Bearer ${token}`] as [string, string], ['Idempotency-Key', randomUUID()] as [string, string]] : []),
    ...c.headers.map(([name, value]): [string, string] => [name, value.replace('TOKEN', token)]),
    ...(c.frame ? [['Content-Length', String(Buffer.byteLength(c.body, 'latin1'))] as [string, string]] : []),
  ];
  const head = `${c.method} ${c.target} ${c.version}`.trimEnd() + '\r\n' + headers.map(([n, v]) => `${n}: ${v}\r\n`).join('') + '\r\n';
  return Buffer.from(head + c.body, 'latin1');
}

function problem(c: Case, raw: Buffer): string | null {
  let answers;
  try {
    answers = parseResponses(raw, c.method === 'HEAD').filter((a) => a.status >= 200);
  } catch (error) {
    return (error as Error).message;
  }
  for (const [i, a] of answers.entries()) {
    if (a.headers['content-type'] !== 'application/json; charset=utf-8') return `${a.status} without JSON content type`;
    if (c.method === 'HEAD' && i === 0) continue;
    let json: unknown;
    try {
      json = JSON.parse(a.body.toString('utf8'));
    } catch {
      return `${a.status} with a body that is not JSON: ${JSON.stringify(a.body.subarray(0, 80).toString('latin1'))}`;
    }
    if (a.status >= 400 && a.status < 500) {
      if (!ErrorBody.safeParse(json).success) return `${a.status} with a body that is not an error`;
    } else if (a.status >= 300 || a.status < 200) return `status ${a.status}`;
  }
  return null;
}

describe('the receiver under raw HTTP fuzz', () => {
  it(`answers ${REQUESTS} generated requests with 4xx JSON, or closes, and stays up`, async () => {
    const cases = fc.sample(request, { numRuns: REQUESTS, seed: SEED });
    const byStatus = new Map<number, number>();
    let closedUnanswered = 0;
    let sent = 0;
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++];
        const raw = render(c);
        sent++;
        let received: Buffer;
        try {
          received = await rawExchange(server.port, raw, { timeoutMs: 15_000, head: c.method === 'HEAD' });
        } catch (error) {
          failures.push(`${(error as Error).message}: ${JSON.stringify(raw.subarray(0, 160).toString('latin1'))}`);
          continue;
        }
        if (received.length === 0) closedUnanswered++;
        for (const answer of received.length ? safeResponses(received, c) : []) byStatus.set(answer, (byStatus.get(answer) ?? 0) + 1);
        const wrong = problem(c, received);
        if (wrong) failures.push(`${wrong}: ${JSON.stringify(raw.subarray(0, 160).toString('latin1'))}`);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));

    const statuses = [...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
    console.log(`fuzz (seed ${SEED}): ${sent} requests sent; answers by status: ${statuses}; closed without an answer: ${closedUnanswered}; failures: ${failures.length}`);
    const kinds = new Map<string, number>();
    for (const f of failures) kinds.set(f.slice(0, 40), (kinds.get(f.slice(0, 40)) ?? 0) + 1);
    if (failures.length > 0) console.log('failure kinds:', Object.fromEntries(kinds));
    expect(failures.slice(0, 10)).toEqual([]);
    expect(sent).toBe(REQUESTS);

    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(Health.parse(await health.json())).toEqual({ status: 'ok' });
    expect(server.hasExited()).toBe(false);
    const logs = server.lines.join('\n');
    expect(logs).not.toContain(token);
    for (const line of server.lines.slice(2)) expect(JSON.parse(line)).toMatchObject({ requestId: expect.any(String) });
  }, 240_000);
});

function safeResponses(received: Buffer, c: Case): number[] {
  try {
    return parseResponses(received, c.method === 'HEAD').map((a) => a.status);
  } catch {
    return [];
  }
}
