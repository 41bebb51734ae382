import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SyncAck } from '../../shared/contracts/sync';
import { freshDatabase, MAIN as TSX, makePayload, spawnServer } from './support';

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

    const { port, child: server, exited, lines } = await spawnServer(env);
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

describe('process-level faults', () => {
  it('a failed startup is logged as one JSON line without a stack, and exits 1', () => {
    const env = { ...process.env, DATABASE_URL: 'postgresql://huledu@127.0.0.1:1/huledu', PORT: '0' };
    const run = spawnSync(TSX[0], TSX.slice(1), { env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'error', msg: 'startup failed', error: 'Error ECONNREFUSED' }),
    ]);
  });

  it('an unhandled rejection or a stray throw once serving is logged, and the process goes on', () => {
    const script = `
      import { createLog } from './server/log.ts';
      import { logProcessFaults } from './server/process-faults.ts';
      logProcessFaults(createLog((line) => console.log(line), Date.now));
      void Promise.reject(new TypeError('secret 19850612-1239'));
      setTimeout(() => { throw new RangeError('secret anna@skolan.se'); }, 10);
      setTimeout(() => console.log('still here'), 100);`;
    const run = spawnSync(TSX[0], ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('secret');
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('still here');
    expect(lines.slice(0, -1).map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'error', msg: 'unhandled rejection', error: 'TypeError' }),
      expect.objectContaining({ level: 'error', msg: 'uncaught exception', error: 'RangeError' }),
    ]);
  });
});
