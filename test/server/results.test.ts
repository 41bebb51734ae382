import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, GradeDistribution, Health } from '../../server/contracts';
import { personalDataIn } from '../../server/personal-data';
import { MAX_PAYLOAD_BYTES, SyncAck, type SyncPayload } from '../../shared/contracts/sync';
import { freshDatabase, makePayload, startApp, type TestApp } from './support';

let app: TestApp;
let tokenA: string;
let tokenB: string;
const tokens: string[] = [];

beforeAll(async () => {
  app = await startApp(await freshDatabase('receiver'));
  tokenA = await app.addSchool('skola-norr');
  tokenB = await app.addSchool('skola-syd');
  tokens.push(tokenA, tokenB);
});

afterAll(async () => {
  // The defence check: whatever the tests pushed, no text column of any table holds personal data.
  const columns = await app.pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb')`,
  );
  let values = 0;
  for (const { table_name, column_name } of columns.rows) {
    const { rows } = await app.pool.query<{ v: string | null }>(`SELECT "${column_name}"::text AS v FROM "${table_name}"`);
    for (const { v } of rows) {
      if (v === null) continue;
      values++;
      expect(personalDataIn(v), `${table_name}.${column_name}`).toEqual([]);
    }
  }
  expect(columns.rows.length).toBeGreaterThan(10);
  expect(values).toBeGreaterThan(100);

  // Nor do the logs hold a token or anything that was pushed.
  const logs = app.logs.join('\n');
  for (const token of tokens) expect(logs).not.toContain(token);
  for (const word of ['Svenska', 'Engelska', 'Argumenterande', 'skolan.se', '123 45 67', 'Anna']) expect(logs).not.toContain(word);
  for (const line of app.logs) expect(JSON.parse(line)).toMatchObject({ requestId: expect.any(String) });

  await app.close();
});

const count = async (sql: string, params: unknown[] = []) => (await app.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n;
const errorCode = async (res: Response) => ErrorBody.parse(await res.json()).error.code;

describe('GET /healthz', () => {
  it('answers ok while the database answers', async () => {
    const res = await fetch(`${app.base}/healthz`);
    expect(res.status).toBe(200);
    expect(Health.parse(await res.json())).toEqual({ status: 'ok' });
  });
});

describe('POST /v1/results', () => {
  it('stores a push once; a repeat is a duplicate and stores nothing', async () => {
    const payload = makePayload('skola-norr');
    const first = await app.push(tokenA, payload);
    expect(first.status).toBe(201);
    expect(SyncAck.parse(await first.json())).toEqual({ idempotencyKey: payload.idempotencyKey, status: 'stored' });
    const { rows } = await app.pool.query('SELECT school_id, received_at, payload FROM pushes WHERE idempotency_key = $1', [payload.idempotencyKey]);
    expect(rows).toEqual([{ school_id: 'skola-norr', received_at: new Date(app.clock.now), payload }]);
    expect(await count('pupil_results WHERE idempotency_key = $1', [payload.idempotencyKey])).toBe(6);

    const again = await app.push(tokenA, payload);
    expect(again.status).toBe(200);
    expect(SyncAck.parse(await again.json())).toEqual({ idempotencyKey: payload.idempotencyKey, status: 'duplicate' });
    expect(await count('pushes WHERE idempotency_key = $1', [payload.idempotencyKey])).toBe(1);
    expect(await count('pupil_results WHERE idempotency_key = $1', [payload.idempotencyKey])).toBe(6);
  });

  it('stores concurrent duplicates once', async () => {
    const payload = makePayload('skola-norr', {}, ['C', 'C', 'B', 'D', 'E', 'A', 'F', null]);
    const responses = await Promise.all(Array.from({ length: 12 }, () => app.push(tokenA, payload)));
    const statuses = await Promise.all(responses.map(async (r) => [r.status, SyncAck.parse(await r.json()).status] as const));
    expect(statuses.filter(([s]) => s === 201)).toEqual([[201, 'stored']]);
    expect(statuses.filter(([s]) => s === 200)).toHaveLength(11);
    expect(await count('pushes WHERE idempotency_key = $1', [payload.idempotencyKey])).toBe(1);
    expect(await count('pupil_results WHERE idempotency_key = $1', [payload.idempotencyKey])).toBe(8);
  });

  it('answers 401 without a known token', async () => {
    const payload = makePayload('skola-norr');
    for (const authorization of [undefined, 'Bearer not-a-real-token', `Basic ${tokenA}`, `Bearer ${tokenA}x`]) {
      const res = await fetch(`${app.base}/v1/results`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': payload.idempotencyKey, ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(payload),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await errorCode(res)).toBe('UNAUTHORIZED');
    }
    expect(await count('pushes WHERE idempotency_key = $1', [payload.idempotencyKey])).toBe(0);
  });

  it("answers 403 when the payload is another school's", async () => {
    const payload = makePayload('skola-syd');
    const res = await app.push(tokenA, payload);
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('FORBIDDEN_SCHOOL');
    expect(await count('pushes WHERE idempotency_key = $1', [payload.idempotencyKey])).toBe(0);
  });

  it("answers 409 when the key is taken by another school's push", async () => {
    const payload = makePayload('skola-norr');
    expect((await app.push(tokenA, payload)).status).toBe(201);
    const res = await app.push(tokenB, { ...payload, schoolId: 'skola-syd' });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('IDEMPOTENCY_KEY_CONFLICT');
  });

  it('answers 400 with the issues, never the values, when the payload does not parse', async () => {
    const payload = { ...makePayload('skola-norr'), term: 'Hösten 2026', elevnamn: 'Anna Andersson', pupils: makePayload('skola-norr').pupils.slice(0, 4) };
    const res = await app.push(tokenA, payload);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain('Anna');
    expect(text).not.toContain('elevnamn');
    expect(text).not.toContain('Hösten');
    const body = ErrorBody.parse(JSON.parse(text));
    expect(body.error.code).toBe('INVALID_PAYLOAD');
    expect(body.error.message.sv).toMatch(/formatet/);
    expect(body.error.issues?.map((i) => i.path.join('.')).sort()).toEqual(['', 'pupils', 'term']);
    expect(await count('pushes WHERE idempotency_key = $1', [payload.idempotencyKey])).toBe(0);
  });

  it('answers 400 to a body that is not JSON, to text that cannot be stored, and to a missing or different Idempotency-Key', async () => {
    const payload = makePayload('skola-norr');
    const notJson = await fetch(`${app.base}/v1/results`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json', 'idempotency-key': payload.idempotencyKey },
      body: '{"schemaVersion": 1,',
    });
    expect([notJson.status, await errorCode(notJson)]).toEqual([400, 'INVALID_JSON']);

    const nul = makePayload('skola-norr');
    nul.pupils[0].text = 'Inledning\u0000';
    const nulRes = await app.push(tokenA, nul);
    expect([nulRes.status, await errorCode(nulRes)]).toEqual([400, 'INVALID_TEXT']);

    const missing = await app.push(tokenA, payload, { 'idempotency-key': '' });
    expect([missing.status, await errorCode(missing)]).toEqual([400, 'INVALID_IDEMPOTENCY_KEY']);
    const other = await app.push(tokenA, payload, { 'idempotency-key': randomUUID() });
    expect([other.status, await errorCode(other)]).toEqual([400, 'INVALID_IDEMPOTENCY_KEY']);
    const notJsonType = await app.push(tokenA, payload, { 'content-type': 'text/plain' });
    expect([notJsonType.status, await errorCode(notJsonType)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(await count('pushes WHERE idempotency_key = ANY($1)', [[payload.idempotencyKey, nul.idempotencyKey]])).toBe(0);
  });

  const leaks: [string, (p: SyncPayload) => void, string, string][] = [
    ['a personnummer YYYYMMDD-XXXX in the course', (p) => (p.course = 'Svenska 1 19121212-1212'), 'course', 'personnummer'],
    ['a personnummer YYMMDD-XXXX in the assignment', (p) => (p.assignment = 'Uppsats 811218-9876'), 'assignment', 'personnummer'],
    ['a personnummer YYMMDD+XXXX in a text', (p) => (p.pupils[1].text = 'Min farfar 121212+1212 skrev'), 'pupils.1.text', 'personnummer'],
    ['a personnummer YYYYMMDDXXXX in a text', (p) => (p.pupils[3].text = 'Elev 196408233234 här'), 'pupils.3.text', 'personnummer'],
    ['a personnummer YYMMDDXXXX in the assignment', (p) => (p.assignment = 'Inlämnad 8506121238'), 'assignment', 'personnummer'],
    ['a samordningsnummer in a text', (p) => (p.pupils[0].text = 'nr 850672-1235'), 'pupils.0.text', 'personnummer'],
    ['an e-mail address in the course', (p) => (p.course = 'Svenska 1 anna.svensson@skolan.se'), 'course', 'email'],
    ['an e-mail address in a text', (p) => (p.pupils[4].text = 'Maila mig på elev123@gmail.com'), 'pupils.4.text', 'email'],
    ['a mobile number in a text', (p) => (p.pupils[2].text = 'Ring mig på 070-123 45 67'), 'pupils.2.text', 'phone'],
    ['an international number in the assignment', (p) => (p.assignment = 'Kontakt +46 70 123 45 67'), 'assignment', 'phone'],
    ['a Stockholm number in a text', (p) => (p.pupils[5].text = 'Hemma: 08-123 456 78'), 'pupils.5.text', 'phone'],
    ['a grade label', (p) => ((p.gradeScale = ['F', 'anna@skolan.se']), p.pupils.forEach((r) => (r.grade = 'F'))), 'gradeScale.1', 'email'],
  ];
  it.each(leaks)('answers 422 to %s, without echoing it, and stores nothing', async (_what, leak, path, kind) => {
    const payload = makePayload('skola-norr');
    leak(payload);
    const res = await app.push(tokenA, payload);
    expect(res.status).toBe(422);
    const text = await res.text();
    for (const value of [payload.course, payload.assignment, ...payload.gradeScale, ...payload.pupils.map((p) => p.text ?? '-')]) {
      if (personalDataIn(value).length > 0) expect(text).not.toContain(value);
    }
    const body = ErrorBody.parse(JSON.parse(text));
    expect(body.error.code).toBe('PERSONAL_DATA');
    expect(body.error.findings?.map((f) => [f.path.join('.'), f.kind])).toEqual([[path, kind]]);
    expect(await count('pushes WHERE idempotency_key = $1', [payload.idempotencyKey])).toBe(0);
  });

  it('stores a label with a ten-digit number whose check digit is wrong: an order number, not a personnummer', async () => {
    const payload = makePayload('skola-norr', { assignment: 'Beställning 8506121239' });
    expect((await app.push(tokenA, payload)).status).toBe(201);
  });

  /** Raw node:http, so that the client sends exactly this body and framing. */
  function rawPush(token: string, key: string, body: Buffer, chunked: boolean): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${app.base}/v1/results`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
          ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': body.length }),
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      // The server may close while the rest is still being sent: the answer is what counts.
      req.on('error', (error) => setTimeout(() => reject(error), 1_000));
      req.write(body.subarray(0, 1000));
      req.end(body.subarray(1000));
    });
  }

  it.each([false, true])('answers 413 to a body over MAX_PAYLOAD_BYTES (chunked: %s) and stores nothing', async (chunked) => {
    const payload = makePayload('skola-norr');
    const json = JSON.stringify(payload);
    const body = Buffer.from(json + ' '.repeat(MAX_PAYLOAD_BYTES + 1 - Buffer.byteLength(json)));
    expect(body.length).toBe(MAX_PAYLOAD_BYTES + 1);
    const res = await rawPush(tokenA, payload.idempotencyKey, body, chunked);
    expect(res.status).toBe(413);
    expect(ErrorBody.parse(JSON.parse(res.body)).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await count('pushes WHERE idempotency_key = $1', [payload.idempotencyKey])).toBe(0);
  });

  it('accepts a body of exactly MAX_PAYLOAD_BYTES', async () => {
    const payload = makePayload('skola-norr');
    const json = JSON.stringify(payload);
    const body = Buffer.from(json + ' '.repeat(MAX_PAYLOAD_BYTES - Buffer.byteLength(json)));
    expect((await rawPush(tokenA, payload.idempotencyKey, body, true)).status).toBe(201);
  });

  it('answers 404 and 405 elsewhere', async () => {
    const missing = await fetch(`${app.base}/v1/resultat`);
    expect([missing.status, await errorCode(missing)]).toEqual([404, 'NOT_FOUND']);
    const wrong = await fetch(`${app.base}/v1/results`);
    expect([wrong.status, wrong.headers.get('allow'), await errorCode(wrong)]).toEqual([405, 'POST', 'METHOD_NOT_ALLOWED']);
  });
});

describe('GET /v1/aggregates/grade-distribution', () => {
  const get = (token: string, query: string) => fetch(`${app.base}/v1/aggregates/grade-distribution?${query}`, { headers: { authorization: `Bearer ${token}` } });
  const distribution = async (course: string, term = 'HT2026') => {
    const res = await get(tokenB, new URLSearchParams({ course, term }).toString());
    expect(res.status).toBe(200);
    return GradeDistribution.parse(await res.json());
  };

  it('counts grades across schools, suppressing cells under MIN_GROUP and the total with them', async () => {
    const course = { course: 'Engelska 5' };
    expect((await app.push(tokenA, makePayload('skola-norr', course, ['A', 'A', 'A', 'C', 'C', 'C', 'C', 'B', 'B', null]))).status).toBe(201);
    const south = makePayload('skola-syd', course, ['A', 'A', 'A', 'C', 'C', 'C', 'B', 'E']);
    expect((await app.push(tokenB, south)).status).toBe(201);
    // Another term and another course do not count.
    expect((await app.push(tokenA, makePayload('skola-norr', { ...course, term: 'VT2027' }, ['E', 'E', 'E', 'E', 'E']))).status).toBe(201);

    expect(await distribution('Engelska 5')).toEqual({
      course: 'Engelska 5',
      term: 'HT2026',
      minGroup: 5,
      suppressed: false,
      pupils: null,
      grades: [
        { grade: 'A', pupils: 6, suppressed: false },
        { grade: 'B', pupils: null, suppressed: true },
        { grade: 'C', pupils: 7, suppressed: false },
        { grade: 'E', pupils: null, suppressed: true },
      ],
    });

    // The same batch sent again after regrading replaces the earlier push.
    const regraded = makePayload('skola-syd', { ...course, batch: south.batch, generatedAt: '2026-11-22T09:00:00.000Z' }, ['A', 'A', 'A', 'C', 'C', 'C', 'C', 'C']);
    expect((await app.push(tokenB, regraded)).status).toBe(201);
    const after = await distribution('Engelska 5');
    expect(after.grades).toEqual([
      { grade: 'A', pupils: 6, suppressed: false },
      { grade: 'B', pupils: null, suppressed: true },
      { grade: 'C', pupils: 9, suppressed: false },
    ]);
  });

  it('tells the total when no cell is suppressed', async () => {
    expect((await app.push(tokenA, makePayload('skola-norr', { course: 'Svenska 3' }, ['C', 'C', 'C', 'C', 'C', 'B', 'B', 'B', 'B', 'B']))).status).toBe(201);
    expect(await distribution('Svenska 3')).toMatchObject({
      suppressed: false,
      pupils: 10,
      grades: [
        { grade: 'B', pupils: 5, suppressed: false },
        { grade: 'C', pupils: 5, suppressed: false },
      ],
    });
  });

  it('leaves out grades the app marked preliminary, and counts pushes from apps that did not mark them', async () => {
    const marked = makePayload('skola-norr', { course: 'Svenska 4' }, ['C', 'C', 'C', 'C', 'C', 'B', 'B', 'B', 'B', 'B']);
    marked.pupils.forEach((pupil, i) => (pupil.preliminary = i >= 5));
    expect((await app.push(tokenA, marked)).status).toBe(201);
    // An older app's push has no mark: its grades count as before.
    expect((await app.push(tokenB, makePayload('skola-syd', { course: 'Svenska 4' }, ['B', 'B', 'B', 'B', 'B']))).status).toBe(201);
    expect(await distribution('Svenska 4')).toMatchObject({
      suppressed: false,
      pupils: 10,
      grades: [
        { grade: 'B', pupils: 5, suppressed: false },
        { grade: 'C', pupils: 5, suppressed: false },
      ],
    });
  });

  it('suppresses a whole group of fewer than MIN_GROUP graded pupils', async () => {
    expect((await app.push(tokenA, makePayload('skola-norr', { course: 'Svenska 2' }, ['C', 'C', 'C', 'C', null]))).status).toBe(201);
    expect(await distribution('Svenska 2')).toEqual({ course: 'Svenska 2', term: 'HT2026', minGroup: 5, suppressed: true, pupils: null, grades: [] });
    expect(await distribution('Ingen sådan kurs')).toMatchObject({ suppressed: true, pupils: null, grades: [] });
  });

  it('answers 400 to a bad query and 401 without a token', async () => {
    const bad = await get(tokenA, 'course=Svenska%201&term=hösten');
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).not.toContain('hösten');
    expect(ErrorBody.parse(JSON.parse(text)).error).toMatchObject({ code: 'INVALID_QUERY', issues: [{ path: ['term'] }] });
    // A NUL in the course cannot be a stored course, and Postgres refuses it in a query: 400, not 500 (found by the fuzz test).
    const nul = await get(tokenA, 'course=Svenska%00%0C&term=HT2026');
    expect(nul.status).toBe(400);
    expect(ErrorBody.parse(await nul.json()).error.code).toBe('INVALID_QUERY');
    expect((await get(tokenA, 'term=HT2026')).status).toBe(400);
    const anonymous = await fetch(`${app.base}/v1/aggregates/grade-distribution?course=Svenska%201&term=HT2026`);
    expect([anonymous.status, await errorCode(anonymous)]).toEqual([401, 'UNAUTHORIZED']);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a token has used its bucket, per school, until it refills', async () => {
    const limited = await startApp(await freshDatabase('rate_limit'), { rateLimitPerMinute: 3 });
    try {
      const north = await limited.addSchool('skola-norr');
      const south = await limited.addSchool('skola-syd');
      tokens.push(north, south);
      const get = (token: string) =>
        fetch(`${limited.base}/v1/aggregates/grade-distribution?course=Svenska%201&term=HT2026`, { headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < 3; i++) expect((await get(north)).status).toBe(200);
      const refused = await get(north);
      expect(refused.status).toBe(429);
      // 3 a minute: one request back every 20 s.
      expect(refused.headers.get('retry-after')).toBe('20');
      expect(await errorCode(refused)).toBe('RATE_LIMITED');
      const push = await limited.push(north, makePayload('skola-norr'));
      expect(push.status).toBe(429);

      expect((await get(south)).status).toBe(200);
      limited.clock.now += 19_000;
      expect((await get(north)).status).toBe(429);
      limited.clock.now += 1_000;
      expect((await get(north)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits each client address before authentication: unknown tokens too, with 429 and Retry-After', async () => {
    const limited = await startApp(await freshDatabase('rate_limit_ip'), { ipRateLimitPerMinute: 2 });
    try {
      const token = await limited.addSchool('skola-norr');
      tokens.push(token);
      const anonymous = () => fetch(`${limited.base}/v1/aggregates/grade-distribution?course=Svenska%201&term=HT2026`, { headers: { authorization: 'Bearer gissat' } });
      for (let i = 0; i < 2; i++) expect((await anonymous()).status).toBe(401);
      const refused = await anonymous();
      expect(refused.status).toBe(429);
      // 2 a minute: one request back every 30 s.
      expect(refused.headers.get('retry-after')).toBe('30');
      expect(await errorCode(refused)).toBe('RATE_LIMITED');
      // A valid token does not get past an address that has used its bucket, nor does a health check.
      expect((await limited.push(token, makePayload('skola-norr'))).status).toBe(429);
      expect((await fetch(`${limited.base}/healthz`)).status).toBe(429);
      limited.clock.now += 30_000;
      expect((await fetch(`${limited.base}/healthz`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('rate limit behind a reverse proxy', () => {
  it('counts by the address the proxy added last to X-Forwarded-For', async () => {
    const proxied = await startApp(await freshDatabase('rate_limit_proxy'), { ipRateLimitPerMinute: 1, trustProxy: true });
    try {
      const health = (forwardedFor: string) => fetch(`${proxied.base}/healthz`, { headers: { 'x-forwarded-for': forwardedFor } });
      expect((await health('203.0.113.9, 10.0.0.1')).status).toBe(200);
      // The client can write the first entries, not the last: a new first one is still the same client.
      expect((await health('198.51.100.7, 10.0.0.1')).status).toBe(429);
      expect((await health('10.0.0.2')).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe('timeouts', () => {
  it('answers 408 and closes when the body does not arrive in time', async () => {
    const slow = await startApp(await freshDatabase('timeouts'), { requestTimeoutMs: 1_000, headersTimeoutMs: 500 });
    try {
      const token = await slow.addSchool('skola-norr');
      tokens.push(token);
      const { port } = new URL(slow.base);
      const started = Date.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /v1/results HTTP/1.1\r\nHost: receiver\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
              `Idempotency-Key: ${randomUUID()}\r\nContent-Length: 1000\r\n\r\n{"schemaVersion":`,
          );
        });
        let text = '';
        socket.on('data', (d) => (text += d));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(ErrorBody.parse(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).error.code).toBe('REQUEST_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(slow.logs.some((line) => JSON.parse(line).msg === 'request aborted')).toBe(true);
    } finally {
      await slow.close();
    }
  });
});
