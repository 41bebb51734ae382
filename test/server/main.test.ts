import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { SyncAck } from '../../shared/contracts/sync';
import { freshDatabase, makePayload } from './support';

const TSX = ['node_modules/.bin/tsx', 'server/main.ts'];

/** The deployable as an operator runs it: `token`, then `serve`, then SIGTERM. */
describe('server/main.ts', () => {
  it('makes a school token, serves pushes with it, and stops cleanly', async () => {
    const env = { ...process.env, DATABASE_URL: await freshDatabase('main_entry'), PORT: '0' };

    const made = spawnSync(TSX[0], [...TSX.slice(1), 'token', 'skola-norr'], { env, encoding: 'utf8' });
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(spawnSync(TSX[0], [...TSX.slice(1), 'token', 'inte giltig'], { env, encoding: 'utf8' }).status).toBe(2);

    const server = spawn(TSX[0], [...TSX.slice(1)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    const lines: string[] = [];
    const port = await new Promise<number>((resolve, reject) => {
      createInterface({ input: server.stdout }).on('line', (line) => {
        lines.push(line);
        const entry = JSON.parse(line) as { msg: string; port?: number };
        if (entry.msg === 'listening' && entry.port) resolve(entry.port);
      });
      void exited.then(() => reject(new Error(`server exited: ${lines.join('\n')}`)));
    });
    try {
      const payload = makePayload('skola-norr');
      const res = await fetch(`http://127.0.0.1:${port}/v1/results`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': payload.idempotencyKey },
        body: JSON.stringify(payload),
      });
      expect(res.status).toBe(201);
      expect(SyncAck.parse(await res.json()).status).toBe('stored');
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(lines.join('\n')).not.toContain(token);
  });
});
