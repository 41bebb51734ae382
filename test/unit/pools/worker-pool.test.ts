import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../../src-main/core/logger';
import { createWorkerPool, type WorkerPool } from '../../../src-main/pools/worker-pool';

const echoWorker = new URL('../../fixtures/echo-worker.mjs', import.meta.url).href;
type Task = { language: string; text?: string };
let pool: WorkerPool<Task, { seen: Task[] }> | undefined;
afterEach(() => pool?.close());

describe('a worker pool', () => {
  it('warms its workers with a probe made from the first task, before the task: an English run loads only English', async () => {
    pool = createWorkerPool<Task, { seen: Task[] }>({
      workerFile: echoWorker,
      threads: 1,
      logger: silentLogger,
      result: z.object({ seen: z.array(z.object({ language: z.string(), text: z.string().optional() })) }),
      probe: (first) => ({ language: first.language, text: '' }),
      name: 'echo',
    });
    expect((await pool.run({ language: 'en', text: 'Hello' })).seen).toEqual([
      { language: 'en', text: '' },
      { language: 'en', text: 'Hello' },
    ]);
    // Once: later tasks, in any language, go straight to the workers.
    expect((await pool.run({ language: 'sv', text: 'Hej' })).seen).toHaveLength(3);
  });
});
