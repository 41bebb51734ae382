import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../../src-main/core/logger';
import { createWorkerPool, type WorkerPool } from '../../../src-main/pools/worker-pool';

type Task = { language: string; text?: string };
let pool: WorkerPool<Task, { seen: Task[] }> | undefined;
afterEach(() => pool?.close());

/** A real worker thread that answers with every task it has run: its probe is an empty text in the task's language. */
function echoPool(): WorkerPool<Task, { seen: Task[] }> {
  pool = createWorkerPool<Task, { seen: Task[] }>({
    workerFile: new URL('../../fixtures/echo-worker.mjs', import.meta.url).href,
    threads: 1,
    logger: silentLogger,
    result: z.object({ seen: z.array(z.object({ language: z.string(), text: z.string().optional() })) }),
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

  it('can be warmed before its first task, as the app does at start: the probe is made from the likely task, once', async () => {
    const echo = echoPool();
    echo.warm({ language: 'sv' });
    echo.warm({ language: 'en' });
    expect((await echo.run({ language: 'en', text: 'Hello' })).seen).toEqual([
      { language: 'sv', text: '' },
      { language: 'en', text: 'Hello' },
    ]);
  });
});
