import { ExtractionResult, type ExtractionTask } from '../../shared/contracts/extraction';
import { intakeLimits } from '../../shared/contracts/limits';
import type { Logger } from '../core/logger';
import type { ExtractionPort } from '../core/ports';
import { createWorkerPool, type Warmable } from './worker-pool';

/** An empty file: the cheapest task that loads every reader. */
const emptyFile = (): ExtractionTask => ({ bytes: new Uint8Array() });

/**
 * The extraction pool. Each task's bytes are transferred, not copied; a task
 * that runs too long is aborted and its worker replaced.
 */
export function createExtractionPool(workerFile: string, threads: number, logger: Logger): ExtractionPort & Warmable<[practice?: Uint8Array]> {
  const pool = createWorkerPool<ExtractionTask, ExtractionResult>({
    workerFile,
    threads,
    logger,
    result: ExtractionResult,
    probe: emptyFile,
    name: 'extraction',
  });
  return {
    extract(bytes, claimed) {
      const own = bytes.slice();
      return pool.run({ bytes: own, ...(claimed ? { claimed } : {}) }, { transfer: [own.buffer], timeoutMs: intakeLimits.extractionTimeoutMs });
    },
    // A real essay, when the host has one: reading it loads and compiles the reader, which the empty file does not reach.
    warm: (practice?: Uint8Array) => pool.warm(practice ? { bytes: practice.slice() } : emptyFile()),
    close: () => pool.close(),
  };
}
