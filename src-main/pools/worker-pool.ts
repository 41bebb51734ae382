import { Piscina } from 'piscina';
import type { z } from 'zod';
import type { Logger } from '../core/logger';
import { PoolUnavailableError } from '../core/ports';
import { workerOptions } from './worker-options';

export interface WorkerPool<Task, Result> {
  /** Runs a task; throws PoolUnavailableError when the workers cannot start at all. */
  run(task: Task, options?: { transfer?: ArrayBuffer[]; timeoutMs?: number }): Promise<Result>;
  /** Starts the workers now, in the background, as if `likely` were the first task; nothing if they have started. */
  warm(likely: Task): void;
  close(): Promise<void>;
}

/** A pool that can start its workers before its first task (the app, at start). */
export interface Warmable {
  warm(): void;
}

/**
 * A piscina pool for one worker entry. Results are parsed where they arrive
 * in main. A probe task is run once before anything else, so a pool whose
 * workers cannot start is told apart from a task that failed. It is made
 * from the first task, so it warms what that task needs and nothing else
 * (an English run never loads the Swedish dictionary).
 */
export function createWorkerPool<Task, Result>(options: {
  workerFile: string;
  threads: number;
  logger: Logger;
  result: z.ZodType<Result>;
  probe: (first: Task) => Task;
  name: string;
}): WorkerPool<Task, Result> {
  // Started on the first task, so a host that never uses a pool never starts its workers.
  let started: { pool: Piscina; ready: Promise<boolean> } | null = null;
  const start = (first: Task): { pool: Piscina; ready: Promise<boolean> } => {
    const pool = new Piscina({
      ...workerOptions(options.workerFile),
      minThreads: 1,
      maxThreads: options.threads,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    pool.on('error', (error: unknown) => options.logger.log('error', `${options.name} worker failed`, { error }));
    const ready = runOn(pool, options.probe(first)).then(
      () => true,
      (error: unknown) => {
        options.logger.log('error', `${options.name} workers cannot start`, { error });
        return false;
      },
    );
    return { pool, ready };
  };
  const runOn = async (pool: Piscina, task: Task, transfer: ArrayBuffer[] = [], timeoutMs?: number): Promise<Result> => {
    const signal = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
    return options.result.parse(await pool.run(task, { transferList: transfer, ...(signal ? { signal } : {}) }));
  };

  return {
    async run(task, runOptions = {}) {
      started ??= start(task);
      if (!(await started.ready)) throw new PoolUnavailableError(options.name);
      return runOn(started.pool, task, runOptions.transfer, runOptions.timeoutMs);
    },
    warm(likely) {
      started ??= start(likely);
    },
    close: async () => {
      await started?.pool.destroy();
    },
  };
}
