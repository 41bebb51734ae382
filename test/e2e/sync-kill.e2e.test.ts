import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../shared/contracts/sync-store';
import { freePort } from '../server/postgres';
import { startReceiver, throwawayPostgres, type Postgres, type Receiver } from '../support/receiver';
import { readStores } from './support/app';
import { openApp, rendererUrl } from './support/browser';
import { forkMain, relay } from './support/main-child';

/**
 * Done when: "Kill the app, with the receiver up or down, at any point of a
 * push. Every result ends up stored exactly once." Main runs in a process of
 * its own (as in kill-resume.e2e.test.ts) and is SIGKILLed at four points of
 * a push; a test proxy in front of the real receiver decides what the
 * receiver sees. After the last restart every outbox item is delivered and
 * the receiver holds each exactly once.
 */

const SCHOOL = 'skola-kill';

type Mode = 'down' | 'hold' | 'store-then-hold' | 'pass';
interface Seen {
  key: string;
  mode: Mode;
  /** The receiver's status, when the proxy forwarded the push. */
  status?: number;
}

/**
 * A proxy on a fixed loopback port in front of the receiver. `down`: nothing
 * listens. `hold`: takes the request and never answers (the receiver never
 * sees it). `store-then-hold`: forwards it, so the receiver stores it, and
 * keeps the answer from the app. `pass`: forwards both ways.
 */
class Proxy {
  readonly seen: Seen[] = [];
  private mode: Mode = 'down';
  private server: http.Server | null = null;
  private readonly held = new Set<http.ServerResponse>();

  constructor(
    readonly port: number,
    private readonly target: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async set(mode: Mode): Promise<void> {
    this.mode = mode;
    this.dropHeld();
    if (mode === 'down') {
      const server = this.server;
      this.server = null;
      if (server) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    } else if (!this.server) {
      const server = http.createServer((req, res) => void this.handle(req, res));
      await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
      this.server = server;
    }
  }

  /** Cuts the connections of held requests, as the killed app's socket would be. */
  dropHeld(): void {
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
  }

  requests(key: string, mode?: Mode): Seen[] {
    return this.seen.filter((s) => s.key === key && (mode === undefined || s.mode === mode));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const mode = this.mode;
    const seen: Seen = { key: String(req.headers['idempotency-key']), mode };
    this.seen.push(seen);
    if (mode === 'hold') {
      this.held.add(res);
      return;
    }
    const answer = await fetch(`${this.target}${req.url}`, {
      method: req.method,
      headers: {
        authorization: String(req.headers.authorization),
        'content-type': String(req.headers['content-type']),
        'idempotency-key': seen.key,
      },
      body: Buffer.concat(chunks),
    });
    const body = await answer.text();
    seen.status = answer.status;
    if (mode === 'store-then-hold') {
      this.held.add(res);
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(body);
  }

  async close(): Promise<void> {
    await this.set('down');
  }
}

let postgres: Postgres;
let receiver: Receiver;
let proxy: Proxy;
let token: string;
let context: BrowserContext;
let page: Page;
let main: ChildProcess | null = null;
const secretsFile = join(mkdtempSync(join(tmpdir(), 'huledu-kill-secrets-')), 'secrets.json');

/** Main in a child process, with its secrets in a temp file that outlives it, and fast retries. */
async function startMain(): Promise<ChildProcess> {
  return forkMain({
    HULEDU_E2E_SECRETS: secretsFile,
    HULEDU_E2E_SYNC_TIMING: JSON.stringify({ baseDelayMs: 300, maxDelayMs: 1_200, timeoutMs: 30_000 }),
  });
}

function kill(): void {
  main?.kill('SIGKILL');
  main = null;
}

/** A new main process, and the window reloads and connects to it. */
async function restart(): Promise<void> {
  main = await startMain();
  await page.reload();
}

async function stored<T>(store: string): Promise<T[]> {
  return (await readStores(page, { [store]: 'rows' }))[store] as T[];
}

const outbox = () => stored<OutboxItem>('outbox');
const item = async (key: string) => (await outbox()).find((i) => i.id === key);

beforeAll(async () => {
  postgres = await throwawayPostgres();
  receiver = await startReceiver(postgres.url, 'sync_kill');
  token = await receiver.addSchool(SCHOOL);
  proxy = new Proxy(await freePort(), receiver.url);
  main = await startMain();
  ({ context, page } = await openApp((connection) => relay(main, connection)));
});

afterAll(async () => {
  kill();
  await context?.close();
  await proxy?.close();
  await receiver?.close();
  postgres?.stop();
});

describe('killing main at any point of a push', () => {
  it('stores every result exactly once, and ends with every outbox item delivered', async () => {
    // Two spellchecked batches and sync on, pointed at the proxy.
    await page.getByRole('button', { name: 'Prova med exempeluppsatser' }).click();
    await page.locator('.badge-batch-completed').nth(1).waitFor({ timeout: 60_000 });
    const batches = await stored<{ id: string; language: string }>('batches');
    const sv = batches.find((b) => b.language === 'sv')!.id;
    const en = batches.find((b) => b.language === 'en')!.id;
    await page.goto(`${rendererUrl()}#/settings`);
    await page.getByLabel('Slå på skickandet').check();
    await page.getByLabel('Serverns adress').fill(proxy.url);
    await page.getByLabel('Skolans id').fill(SCHOOL);
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Spara inställningarna' }).click();
    await page.getByRole('status').filter({ hasText: 'Inställningarna är sparade.' }).waitFor();

    // Kill 1, the receiver down: item A is queued and has failed; main dies between attempts.
    await proxy.set('down');
    await page.goto(`${rendererUrl()}#/batch/${encodeURIComponent(sv)}`);
    await page.getByRole('button', { name: 'Skicka till kommunen' }).click();
    // Queueing asks the batch language's dictionary which capitalised words are names: a cold pool loads it first.
    await expect.poll(async () => (await outbox()).length, { timeout: 30_000 }).toBe(1);
    const a = (await outbox())[0].id;
    await expect.poll(async () => (await item(a))!.attempts, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    kill();
    const attemptsWhileDown = (await item(a))!.attempts;
    expect((await item(a))!.status).toBe('pending');

    // Kill 2, mid-request: the push is on the wire and the receiver has not seen it.
    await proxy.set('hold');
    await restart();
    await expect.poll(() => proxy.requests(a, 'hold').length, { timeout: 20_000 }).toBe(1);
    kill();
    proxy.dropHeld();
    expect(await receiver.pushes(a)).toBe(0);
    expect((await item(a))!.status).toBe('pending');

    // Kill 3, after the receiver stored A but before the app heard the ack; and B queued but not yet pushed.
    await proxy.set('store-then-hold');
    await restart();
    await expect.poll(() => proxy.requests(a, 'store-then-hold').map((s) => s.status), { timeout: 20_000 }).toEqual([201]);
    expect(await receiver.pushes(a)).toBe(1);
    await page.goto(`${rendererUrl()}#/batch/${encodeURIComponent(en)}`);
    await page.getByRole('button', { name: 'Skicka till kommunen' }).click();
    await expect.poll(async () => (await outbox()).length, { timeout: 30_000 }).toBe(2);
    const b = (await outbox()).find((i) => i.id !== a)!.id;
    // The connector is still waiting for A's answer, so B has not gone out.
    expect(proxy.requests(b)).toEqual([]);
    kill();
    proxy.dropHeld();
    expect((await item(a))!.status).toBe('pending');
    expect((await item(b))!).toMatchObject({ status: 'pending', attempts: 0 });

    // Restart with the receiver reachable: both delivered, each stored once.
    await proxy.set('pass');
    await restart();
    await expect.poll(async () => (await outbox()).map((i) => i.status), { timeout: 30_000 }).toEqual(['delivered', 'delivered']);
    const finalA = (await item(a))!;
    const finalB = (await item(b))!;
    expect(finalA.ack).toEqual({ idempotencyKey: a, status: 'duplicate' });
    expect(finalB.ack).toEqual({ idempotencyKey: b, status: 'stored' });
    expect(await receiver.pushes(a)).toBe(1);
    expect(await receiver.pushes(b)).toBe(1);
    const { rows } = await receiver.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pushes');
    expect(rows[0].n).toBe(2);
    const { rows: pupils } = await receiver.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pupil_results');
    expect(pupils[0].n).toBe(12);
    // One ack recorded per item, never more.
    const events = await stored<{ type: string; subject: string }>('events');
    for (const key of [a, b]) expect(events.filter((e) => e.subject === key && e.type === 'SyncDelivered')).toHaveLength(1);
    // The receiver saw A three times (held and dropped, stored, duplicate) and B once; it answered 201, 200, 201.
    expect(proxy.requests(a).map((s) => s.status ?? s.mode)).toEqual(['hold', 201, 200]);
    expect(proxy.requests(b).map((s) => s.status)).toEqual([201]);

    console.log(
      `sync kill test: 3 kills (receiver down after ${attemptsWhileDown} failed attempts; request held on the wire; ` +
        `after the receiver stored A and before the ack, with B queued and unsent). Requests through the proxy: A ${proxy.requests(a).length}, B ${proxy.requests(b).length}; ` +
        `receiver answered ${receiver.answered.join(', ')}; rows in pushes: A ${await receiver.pushes(a)}, B ${await receiver.pushes(b)}; ` +
        `outbox: ${finalA.status} after ${finalA.attempts} attempts (${finalA.ack?.status}), ${finalB.status} after ${finalB.attempts} (${finalB.ack?.status})`,
    );
  });
});
