import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { z } from 'zod';
import { MAX_PAYLOAD_BYTES, SyncAck, SyncPayload } from '../shared/contracts/sync';
import { gradeDistribution } from './aggregates';
import { type ErrorBody, type ErrorCode, GradeDistributionQuery } from './contracts';
import { gradeCounts, ping, schoolForToken, storePush } from './db';
import { ERRORS, errorBody } from './errors';
import type { Log, LogFields } from './log';
import { findPersonalData, stringsIn } from './personal-data';
import { RateLimiter } from './rate-limit';
import { bearerToken } from './tokens';

export interface AppConfig {
  rateLimitPerMinute: number;
  ipRateLimitPerMinute: number;
  /** The client address is the last X-Forwarded-For entry (added by the reverse proxy in front). */
  trustProxy: boolean;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
}

export interface AppDeps {
  pool: pg.Pool;
  /** Milliseconds since the epoch: the time pushes are received at, and the rate limiter's clock. */
  now: () => number;
  config: AppConfig;
  log: Log;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const ROUTES = {
  '/healthz': 'GET',
  '/v1/results': 'POST',
  '/v1/aggregates/grade-distribution': 'GET',
} as const;
type Route = keyof typeof ROUTES;

/** Zod issues are answered without the values: only where, and which rule. */
const MAX_ISSUES = 50;
/** Strings Postgres cannot store (in text or jsonb): NUL, and a surrogate without its pair. */
const UNSTORABLE = /[\0\p{Cs}]/u;
const IdempotencyKey = z.uuid();
/** What Node's parser treats as a 100-continue expectation; any other is answered 417. */
const CONTINUE = /(?:^|\W)100-continue(?:$|\W)/i;

class RequestAborted extends Error {
  override name = 'RequestAborted';
}

function fail(code: ErrorCode, details: Omit<ErrorBody['error'], 'code' | 'message'> = {}, headers?: Record<string, string>): Reply {
  return { status: ERRORS[code].status, body: errorBody(code, details), headers };
}

function issuesOf(error: z.ZodError): NonNullable<ErrorBody['error']['issues']> {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
    code: issue.code,
    // The only zod message that quotes the input: the names of unknown keys.
    message: issue.code === 'unrecognized_keys' ? 'Unrecognized key' : issue.message,
  }));
}

/** The body, or 'too-large' as soon as it is known to exceed the limit (from Content-Length, or while it streams in). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve('too-large');
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => reject(new RequestAborted()));
    req.on('close', () => {
      if (!req.complete) reject(new RequestAborted());
    });
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The path and query of an origin-form target (`/path?query`), or null. Any
 * other form is refused rather than guessed at: WHATWG URL reads `//host:port/`
 * as a host, which is how `//a:99999/` once threw outside any handler.
 */
function requestTarget(raw: string | undefined): URL | null {
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//')) return null;
  return URL.canParse(raw, 'http://receiver') ? new URL(raw, 'http://receiver') : null;
}

/** The address the per-address limit counts by. */
function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  const header = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const forwarded = (Array.isArray(header) ? header.join(',') : header)?.split(',').at(-1)?.trim();
  return forwarded || req.socket.remoteAddress || 'unknown';
}

/** What Node's HTTP parser refused (it has no request object), as our own error code; null: nothing to answer. */
function clientErrorCode(error: NodeJS.ErrnoException): ErrorCode | null {
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return null;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'REQUEST_TIMEOUT';
    case 'HPE_HEADER_OVERFLOW':
      return 'HEADERS_TOO_LARGE';
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 'PAYLOAD_TOO_LARGE';
    default:
      return 'BAD_REQUEST';
  }
}

function responseHeaders(reply: Reply, body: string, requestId: string): Record<string, string> {
  return {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Request-Id': requestId,
    ...reply.headers,
  };
}

export function createApp({ pool, now, config, log }: AppDeps): http.Server {
  const limiter = new RateLimiter(config.rateLimitPerMinute, now);
  const addressLimiter = new RateLimiter(config.ipRateLimitPerMinute, now);

  /** The token's school, or the reply that ends the request (401, 429). */
  async function authenticate(req: http.IncomingMessage): Promise<{ schoolId: string } | Reply> {
    const token = bearerToken(req.headers.authorization);
    const schoolId = token === null ? null : await schoolForToken(pool, token);
    if (schoolId === null) return fail('UNAUTHORIZED', {}, { 'WWW-Authenticate': 'Bearer' });
    const wait = limiter.take(schoolId);
    if (wait > 0) return fail('RATE_LIMITED', {}, { 'Retry-After': String(wait) });
    return { schoolId };
  }

  async function push(req: http.IncomingMessage, schoolId: string): Promise<Reply> {
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return fail('UNSUPPORTED_MEDIA_TYPE');
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !IdempotencyKey.safeParse(key).success) return fail('INVALID_IDEMPOTENCY_KEY');

    const body = await readBody(req, MAX_PAYLOAD_BYTES);
    if (body === 'too-large') return fail('PAYLOAD_TOO_LARGE', {}, { Connection: 'close' });
    let json: unknown;
    try {
      json = JSON.parse(utf8.decode(body));
    } catch {
      return fail('INVALID_JSON');
    }
    const parsed = SyncPayload.safeParse(json);
    if (!parsed.success) return fail('INVALID_PAYLOAD', { issues: issuesOf(parsed.error) });
    const payload = parsed.data;

    if (payload.idempotencyKey.toLowerCase() !== key.toLowerCase()) return fail('INVALID_IDEMPOTENCY_KEY');
    if (payload.schoolId !== schoolId) return fail('FORBIDDEN_SCHOOL');
    for (const [text] of stringsIn(payload)) if (UNSTORABLE.test(text)) return fail('INVALID_TEXT');
    const findings = findPersonalData(payload);
    if (findings.length > 0) return fail('PERSONAL_DATA', { findings });

    const outcome = await storePush(pool, payload, new Date(now()));
    if (outcome === 'conflict') return fail('IDEMPOTENCY_KEY_CONFLICT');
    return { status: outcome === 'stored' ? 201 : 200, body: SyncAck.parse({ idempotencyKey: payload.idempotencyKey, status: outcome }) };
  }

  async function distribution(url: URL): Promise<Reply> {
    const query = GradeDistributionQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) return fail('INVALID_QUERY', { issues: issuesOf(query.error) });
    const { course, term } = query.data;
    // No stored course holds these, and Postgres refuses them even in a query.
    if (UNSTORABLE.test(course)) return fail('INVALID_QUERY');
    return { status: 200, body: gradeDistribution(course, term, await gradeCounts(pool, course, term)) };
  }

  /** Everything a request can be answered from; `seen` collects what may be logged as it becomes known. */
  async function dispatch(req: http.IncomingMessage, seen: LogFields): Promise<Reply> {
    // Before anything costs more than a map lookup, the token's database lookup above all.
    const wait = addressLimiter.take(clientAddress(req, config.trustProxy));
    if (wait > 0) return fail('RATE_LIMITED', {}, { 'Retry-After': String(wait) });
    // Node would answer these two itself, with no body; they are checked here so that the answer is JSON.
    if (req.httpVersion === '1.1' && !req.headers.host) return fail('BAD_REQUEST');
    if (req.httpVersion === '1.1' && req.headers.expect !== undefined && !CONTINUE.test(req.headers.expect)) return fail('EXPECTATION_FAILED');
    const url = requestTarget(req.url);
    if (url === null) return fail('BAD_REQUEST');
    const route = Object.hasOwn(ROUTES, url.pathname) ? (url.pathname as Route) : null;
    // Only fixed route names are logged: a path or query could carry anything.
    seen.route = route ?? 'unknown';
    if (route === null) return fail('NOT_FOUND');
    if (req.method !== ROUTES[route]) return fail('METHOD_NOT_ALLOWED', {}, { Allow: ROUTES[route] });
    if (route === '/healthz') {
      return ping(pool).then(
        () => ({ status: 200, body: { status: 'ok' } }),
        () => ({ status: 503, body: { status: 'unavailable' } }),
      );
    }
    const auth = await authenticate(req);
    if ('status' in auth) return auth;
    seen.schoolId = auth.schoolId;
    return route === '/v1/results' ? push(req, auth.schoolId) : distribution(url);
  }

  function send(res: http.ServerResponse, reply: Reply, requestId: string): void {
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status, responseHeaders(reply, body, requestId));
    res.end(body);
  }

  function logReply(reply: Reply, fields: LogFields, started: number): void {
    const code = (reply.body as Partial<ErrorBody>).error?.code;
    log(reply.status >= 500 ? 'error' : 'info', 'request', {
      ...fields,
      status: reply.status,
      ...(code ? { code } : {}),
      ms: Math.round(performance.now() - started),
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const started = performance.now();
    const fields: LogFields = { requestId, method: req.method, route: 'unknown' };
    let reply: Reply;
    try {
      reply = await dispatch(req, fields);
    } catch (error) {
      if (error instanceof RequestAborted) {
        log('warn', 'request aborted', fields);
        return;
      }
      log('error', 'request failed', { ...fields, error });
      reply = fail('INTERNAL');
    }
    if (res.headersSent || res.destroyed) return;
    try {
      send(res, reply, requestId);
    } catch (error) {
      log('error', 'reply failed', { ...fields, error });
      res.destroy();
      return;
    }
    logReply(reply, fields, started);
  }

  /** Responses in flight per connection, so that a parser error after one has begun does not write into it. */
  const inFlight = new WeakMap<Duplex, http.ServerResponse>();

  function onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    inFlight.set(req.socket, res);
    void handle(req, res);
  }

  /** An answer written straight to the socket, where Node gives no response object; then the connection is closed. */
  function answerOnSocket(socket: Duplex, code: ErrorCode, fields: LogFields, started: number): void {
    const requestId = randomUUID();
    const reply = fail(code, {}, { Connection: 'close' });
    const body = JSON.stringify(reply.body);
    const head = Object.entries(responseHeaders(reply, body, requestId)).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(`HTTP/1.1 ${reply.status} ${http.STATUS_CODES[reply.status]}\r\n${head.join('')}\r\n${body}`, () => socket.destroy());
    logReply(reply, { requestId, route: 'unknown', ...fields }, started);
  }

  /**
   * Node's parser refused the bytes (malformed request line, header or chunk,
   * headers too large, a timeout): answered in JSON like every other error.
   */
  function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
    const started = performance.now();
    const code = clientErrorCode(error);
    const open = inFlight.get(socket);
    if (code === null || !socket.writable || (open && open.headersSent && !open.writableEnded)) {
      socket.destroy();
      return;
    }
    // The error's code (an HPE_* name) says what was wrong; its rawPacket, which could hold anything, is left out.
    answerOnSocket(socket, code, { error }, started);
  }

  const server = http.createServer(
    {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.headersTimeoutMs,
      // How often the timeouts above are checked (Node's default is 30 s, too coarse for them).
      connectionsCheckingInterval: 1_000,
      keepAliveTimeout: 5_000,
      maxHeaderSize: 16_384,
      // Checked in dispatch instead, to answer in JSON.
      requireHostHeader: false,
    },
    onRequest,
  );
  server.maxHeadersCount = 100;
  server.on('clientError', answerClientError);
  // An Expect other than 100-continue comes here instead of 'request'; dispatch answers it 417.
  server.on('checkExpectation', onRequest);
  // CONNECT (a proxy tunnel) comes here; without a listener Node drops the connection with no answer.
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => answerOnSocket(socket, 'METHOD_NOT_ALLOWED', { method: req.method }, performance.now()));
  return server;
}
