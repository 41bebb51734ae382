import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, Health } from '../../server/contracts';
import { freshDatabase, parseResponses, rawExchange, type ServerProcess, spawnServer } from './support';

/** Requests that once took the receiver down or got a bare answer, against the real process. */
let server: ServerProcess;

beforeAll(async () => {
  server = await spawnServer({ DATABASE_URL: await freshDatabase('hostile') });
});

afterAll(async () => {
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
});

async function onlyAnswer(request: string) {
  const answers = parseResponses(await rawExchange(server.port, request));
  expect(answers).toHaveLength(1);
  const [answer] = answers;
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  return { ...answer, error: ErrorBody.parse(JSON.parse(answer.body.toString('utf8'))).error };
}

async function stillServing() {
  const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
  expect(Health.parse(await res.json())).toEqual({ status: 'ok' });
  expect(server.hasExited()).toBe(false);
}

describe('a request target that is not a path', () => {
  it('GET //a:99999/ answers 400 BAD_REQUEST in JSON, and the receiver keeps serving', async () => {
    const answer = await onlyAnswer('GET //a:99999/ HTTP/1.1\r\nHost: receiver\r\n\r\n');
    expect([answer.status, answer.error.code]).toEqual([400, 'BAD_REQUEST']);
    await stillServing();
  });

  it('answers an absolute or asterisk target with 400 too', async () => {
    for (const target of ['http://receiver/healthz', '*', '//receiver/healthz']) {
      expect((await onlyAnswer(`GET ${target} HTTP/1.1\r\nHost: receiver\r\n\r\n`)).status).toBe(400);
    }
    await stillServing();
  });
});

describe('requests that Node’s HTTP parser refuses', () => {
  it('get a JSON answer too: 400 for a malformed request or no Host, 417 for an unknown Expect, 405 for CONNECT, 431 for headers that are too large', async () => {
    const garbage = await onlyAnswer('NOT A REQUEST\r\n\r\n');
    expect([garbage.status, garbage.error.code]).toEqual([400, 'BAD_REQUEST']);
    const lengths = await onlyAnswer('POST /v1/results HTTP/1.1\r\nHost: receiver\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello');
    expect([lengths.status, lengths.error.code]).toEqual([400, 'BAD_REQUEST']);
    const noHost = await onlyAnswer('GET /healthz HTTP/1.1\r\n\r\n');
    expect([noHost.status, noHost.error.code]).toEqual([400, 'BAD_REQUEST']);
    const teapot = await onlyAnswer('GET /healthz HTTP/1.1\r\nHost: receiver\r\nExpect: teapot\r\n\r\n');
    expect([teapot.status, teapot.error.code]).toEqual([417, 'EXPECTATION_FAILED']);
    const tunnel = await onlyAnswer('CONNECT receiver:443 HTTP/1.1\r\nHost: receiver:443\r\n\r\n');
    expect([tunnel.status, tunnel.error.code]).toEqual([405, 'METHOD_NOT_ALLOWED']);
    const huge = await onlyAnswer(`GET /healthz HTTP/1.1\r\nHost: receiver\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect([huge.status, huge.error.code]).toEqual([431, 'HEADERS_TOO_LARGE']);
    await stillServing();
  });
});
