import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-compatible model server for tests, on loopback: POST
 * /v1/chat/completions and GET /v1/models. It judges each pair by a hidden
 * true quality per text, by the Bradley–Terry probability plus a bias
 * toward the text shown first, and answers in the request's json_schema
 * (the winner is one of the schema's labels). It injects failures at the
 * rates asked for, records every request body, and counts the readable
 * answers it served.
 */

export interface TestServerOptions {
  /** The hidden true quality (logits) of the text a prompt shows; undefined for a text it does not know (judged as 0). */
  quality: (text: string) => number | undefined;
  /** Added to the first text's logit: the model's preference for what it reads first. */
  firstBias?: number;
  /** Fractions of chat requests answered with a 500, a 429 with Retry-After, no answer at all, or an unreadable answer. */
  faults?: { serverError?: number; rateLimited?: number; hang?: number; unreadable?: number };
  retryAfterSeconds?: number;
  /** Answer every chat request with a 404 for the model, or a 400 refusing json_schema. */
  mode?: 'judge' | 'model-unknown' | 'no-structured-output';
  /** Milliseconds before each answer, as a model takes time to think. */
  latencyMs?: number;
  seed?: number;
}

export interface TestServer {
  /** The base URL, ending in /v1. */
  url: string;
  /** Every chat request's body, as sent. */
  bodies: string[];
  /** Readable answers served: each names one of the labels. */
  readableServed: number;
  served: { judged: number; serverError: number; rateLimited: number; hang: number; unreadable: number };
  close(): Promise<void>;
}

/**
 * A small seeded generator (a xorshift variant), so a fault pattern repeats from run to run. The seed is mixed
 * and the first draws dropped: from a small seed, xorshift's first draws are near 0, which made every first
 * request a fault.
 */
function seeded(seed: number): () => number {
  let x = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
  for (let i = 0; i < 8; i++) next();
  return next;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The two texts of the prompt, first shown first: the prompt fences each text in triple quotes. */
function textsOf(prompt: string): [string, string] | null {
  const parts = prompt.split('"""');
  return parts.length >= 5 ? [parts[1].trim(), parts[3].trim()] : null;
}

function completion(model: string, content: string, promptChars: number) {
  const prompt = Math.ceil(promptChars / 4);
  const answer = Math.ceil(content.length / 4);
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: prompt, completion_tokens: answer, total_tokens: prompt + answer },
  };
}

/** FNV-1a over the UTF-16 code units: a request's content as a seed. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  // Each request's draws come from its own content and how often that content was asked before, not from the
  // order requests arrive in: concurrent requests arrive in another order on a loaded machine, and the run must not change.
  const asked = new Map<string, number>();
  const drawsFor = (raw: string) => {
    const attempt = asked.get(raw) ?? 0;
    asked.set(raw, attempt + 1);
    return seeded((options.seed ?? 1) ^ fnv1a(raw) ^ Math.imul(attempt, 0x27d4eb2d));
  };
  const faults = options.faults ?? {};
  const state: Omit<TestServer, 'url' | 'close'> = {
    bodies: [],
    readableServed: 0,
    served: { judged: 0, serverError: 0, rateLimited: 0, hang: 0, unreadable: 0 },
  };

  const judge = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    state.bodies.push(raw);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const body = JSON.parse(raw) as {
      model: string;
      messages: { role: string; content: string }[];
      response_format?: { type: string; json_schema?: { schema?: { properties?: { winner?: { enum?: string[] } } } } };
    };
    if (options.mode === 'model-unknown') {
      return send(res, 404, { error: { message: `The model \`${body.model}\` does not exist`, type: 'invalid_request_error', code: 'model_not_found' } });
    }
    if (options.mode === 'no-structured-output') {
      return send(res, 400, { error: { message: 'response_format of type json_schema is not supported by this server', type: 'invalid_request_error' } });
    }
    const random = drawsFor(raw);
    const draw = random();
    let edge = faults.serverError ?? 0;
    if (draw < edge) {
      state.served.serverError++;
      return send(res, 500, { error: { message: 'The server had an error', type: 'server_error' } });
    }
    if (draw < (edge += faults.rateLimited ?? 0)) {
      state.served.rateLimited++;
      return send(res, 429, { error: { message: 'Rate limit reached', type: 'rate_limit_error' } }, { 'retry-after': String(options.retryAfterSeconds ?? 0) });
    }
    if (draw < (edge += faults.hang ?? 0)) {
      // No answer: the client's timeout has to end it.
      state.served.hang++;
      return;
    }
    const prompt = body.messages.map((m) => m.content).join('\n');
    if (draw < edge + (faults.unreadable ?? 0)) {
      state.served.unreadable++;
      return send(res, 200, completion(body.model, 'I would say the first one is better, all things considered.', prompt.length));
    }
    const labels = body.response_format?.json_schema?.schema?.properties?.winner?.enum;
    const texts = textsOf(body.messages.find((m) => m.role === 'user')?.content ?? '');
    const q = texts?.map((t) => options.quality(t) ?? 0);
    if (!labels || labels.length !== 2 || !q) {
      return send(res, 400, { error: { message: 'The test server cannot judge this request', type: 'invalid_request_error' } });
    }
    const pFirst = 1 / (1 + Math.exp(-(q[0] - q[1] + (options.firstBias ?? 0))));
    const firstWins = random() < pFirst;
    const content = JSON.stringify({
      winner: firstWins ? labels[0] : labels[1],
      reason: firstWins ? 'The first text is clearer and better organised.' : 'The second text is clearer and better organised.',
      confidence: Math.min(5, 1 + Math.floor(Math.abs(pFirst - 0.5) * 10)),
    });
    // A client that hung up (a paused or stopped judge) was served nothing.
    if (res.destroyed) return;
    state.served.judged++;
    state.readableServed++;
    send(res, 200, completion(body.model, content, prompt.length));
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/v1/models') {
      return send(res, 200, { object: 'list', data: [{ id: 'test-model', object: 'model', created: 0, owned_by: 'test' }] });
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      judge(req, res).catch(() => send(res, 500, { error: { message: 'test server failure' } }));
      return;
    }
    send(res, 404, { error: { message: `No route ${req.method} ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/**
 * The truth as the server looks it up: each text is known by a passage from
 * its middle, which masking leaves alone (names and header lines are at the
 * edges, or few).
 */
export function qualityByPassage(essays: readonly { text: string; theta: number }[]): (text: string) => number | undefined {
  const passages = essays.map((e) => {
    const words = e.text.split(/\s+/).filter(Boolean);
    const mid = Math.floor(words.length / 2);
    return { passage: words.slice(Math.max(0, mid - 4), mid + 4).join(' '), theta: e.theta };
  });
  return (text) => {
    const flat = text.split(/\s+/).filter(Boolean).join(' ');
    return passages.find((p) => flat.includes(p.passage))?.theta;
  };
}
