import { Piscina } from 'piscina';
import type { z } from 'zod';
import type { Logger } from '../core/logger';
import { PoolUnavailableError } from '../core/ports';
import { workerOptions } from './worker-options';

export interface WorkerPool<Task, Result> {
  /** Runs a task; throws PoolUnavailableError when the workers cannot start at all. */
  run(task: Task, options?: { transfer?: ArrayBuffer[]; timeoutMs?: number }): Promise<Result>;
  close(): Promise<void>;
}

/**
 * A piscina pool for one worker entry. Results are parsed where they arrive
 * in main. The probe task is run once before anything else, so a pool whose
 * workers cannot start is told apart from a task that failed.
 */
export function createWorkerPool<Task, Result>(options: {
  workerFile: string;
  threads: number;
  logger: Logger;
  result: z.ZodType<Result>;
  probe: Task;
  name: string;
}): WorkerPool<Task, Result> {
  const pool = new Piscina({
    ...workerOptions(options.workerFile),
    minThreads: 1,
    maxThreads: options.threads,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  pool.on('error', (error: unknown) => options.logger.log('error', `${options.name} worker failed`, { error }));

  const runNow = async (task: Task, transfer: ArrayBuffer[] = [], timeoutMs?: number): Promise<Result> => {
    const signal = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
    return options.result.parse(await pool.run(task, { transferList: transfer, ...(signal ? { signal } : {}) }));
  };
  const ready = runNow(options.probe).then(
    () => true,
    (error: unknown) => {
      options.logger.log('error', `${options.name} workers cannot start`, { error });
      return false;
    },
  );

  return {
    async run(task, runOptions = {}) {
      if (!(await ready)) throw new PoolUnavailableError();
      return runNow(task, runOptions.transfer, runOptions.timeoutMs);
    },
    close: () => pool.destroy(),
  };
}
