import { Piscina } from 'piscina';
import type { z } from 'zod';
import type { Logger } from '../core/logger';
import { PoolUnavailableError } from '../core/ports';
import { workerOptions } from './worker-options';

export interface WorkerPool<Task, Result> {
  /** Runs a task; throws PoolUnavailableError when the workers cannot start at all. */
  run(task: Task, options?: { transfer?: ArrayBuffer[]; timeoutMs?: number }): Promise<Result>;
  /**
   * Starts every worker now, in the background: the probe made from
   * `likely`, then `likely` `rounds` times per worker, shared among them as
   * they come free. Nothing if the pool has started. Resolves when they are
   * warm, or have failed (logged).
   */
  warm(likely: Task, rounds?: number): Promise<void>;
  close(): Promise<void>;
}

/** A pool that can start its workers before its first task (the app, at start). */
export interface Warmable<Args extends unknown[] = []> {
  warm(...args: Args): Promise<void>;
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
      // Every worker starts with the pool and stays: a class's files go to all of them at once, and a worker
      // started on demand would begin loading only after the first had finished its probe (30 .docx through
      // `analyse`: 1.65 s that way, 1.1 s this way).
      minThreads: options.threads,
      maxThreads: options.threads,
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
    async warm(likely, rounds = 1) {
      if (started) return;
      started = start(likely);
      // Then `likely` itself on every worker, not only the probe's: a class's essays go to all of them at once.
      const { pool, ready } = started;
      if (!(await ready)) return;
      // All at once, so they are queued before any task that waited for the probe; each worker takes its share.
      const all = Array.from({ length: options.threads * rounds }, () => runOn(pool, likely));
      await Promise.all(all).catch((error: unknown) => options.logger.log('error', `${options.name} warm-up failed`, { error }));
    },
    close: async () => {
      await started?.pool.destroy();
    },
  };
}
