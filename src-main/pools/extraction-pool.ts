import { ExtractionResult, type ExtractionTask } from '../../shared/contracts/extraction';
import { intakeLimits } from '../../shared/contracts/limits';
import type { Logger } from '../core/logger';
import type { ExtractionPort } from '../core/ports';
import { createWorkerPool, type Warmable } from './worker-pool';

/**
 * The extraction pool. Each task's bytes are transferred, not copied; a task
 * that runs too long is aborted and its worker replaced.
 */
export function createExtractionPool(workerFile: string, threads: number, logger: Logger): ExtractionPort & Warmable {
  const pool = createWorkerPool<ExtractionTask, ExtractionResult>({
    workerFile,
    threads,
    logger,
    result: ExtractionResult,
    // An empty file is the cheapest task that loads every reader.
    probe: () => ({ bytes: new Uint8Array() }),
    name: 'extraction',
  });
  return {
    extract(bytes, claimed) {
      const own = bytes.slice();
      return pool.run({ bytes: own, ...(claimed ? { claimed } : {}) }, { transfer: [own.buffer], timeoutMs: intakeLimits.extractionTimeoutMs });
    },
    warm: () => pool.warm({ bytes: new Uint8Array() }),
    close: () => pool.close(),
  };
}
