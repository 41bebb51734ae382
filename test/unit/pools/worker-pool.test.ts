import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../../src-main/core/logger';
import { createWorkerPool, type WorkerPool } from '../../../src-main/pools/worker-pool';

type Task = { language: string; text?: string; waitMs?: number };
let pool: WorkerPool<Task, { seen: Task[] }> | undefined;
afterEach(() => pool?.close());

/** A real worker thread that answers with every task it has run: its probe is an empty text in the task's language. */
function echoPool(threads = 1): WorkerPool<Task, { seen: Task[] }> {
  pool = createWorkerPool<Task, { seen: Task[] }>({
    workerFile: new URL('../../fixtures/echo-worker.mjs', import.meta.url).href,
    threads,
    logger: silentLogger,
    result: z.object({ seen: z.array(z.object({ language: z.string(), text: z.string().optional(), waitMs: z.number().optional() })) }),
    probe: (first) => ({ language: first.language, text: '' }),
    name: 'echo',
  });
  return pool;
}

describe('a worker pool', () => {
  it('warms its workers with a probe made from the first task, before the task: an English run loads only English', async () => {
    const echo = echoPool();
    expect((await echo.run({ language: 'en', text: 'Hello' })).seen).toEqual([
      { language: 'en', text: '' },
      { language: 'en', text: 'Hello' },
    ]);
    // Once: later tasks, in any language, go straight to the workers.
    expect((await echo.run({ language: 'sv', text: 'Hej' })).seen).toHaveLength(3);
  });

  it('can be warmed before its first task, as the app does at start: the probe, then the likely task, once', async () => {
    const echo = echoPool();
    echo.warm({ language: 'sv', text: 'warm' });
    echo.warm({ language: 'en', text: 'warm' });
    expect((await echo.run({ language: 'en', text: 'Hello' })).seen).toEqual([
      { language: 'sv', text: '' },
      { language: 'sv', text: 'warm' },
      { language: 'en', text: 'Hello' },
    ]);
  });

  it('warms every worker, with as many rounds as asked, so essays sent together find each one ready', async () => {
    const echo = echoPool(2);
    void echo.warm({ language: 'sv', text: 'warm' }, 2);
    const [a, b] = await Promise.all([echo.run({ language: 'sv', text: 'A', waitMs: 300 }), echo.run({ language: 'sv', text: 'B', waitMs: 300 })]);
    // Two workers, each of which ran the likely task before its essay: four times between them, two rounds of two.
    expect([a.seen.at(-1)?.text, b.seen.at(-1)?.text].sort()).toEqual(['A', 'B']);
    for (const { seen } of [a, b]) expect(seen.at(-2)).toEqual({ language: 'sv', text: 'warm' });
    expect([...a.seen, ...b.seen].filter((task) => task.text === 'warm')).toHaveLength(4);
  });
});
