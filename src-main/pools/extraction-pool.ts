import { ExtractionResult, type ExtractionTask } from '../../shared/contracts/extraction';
import { intakeLimits } from '../../shared/contracts/limits';
import type { Logger } from '../core/logger';
import type { ExtractionPort } from '../core/ports';
import { createWorkerPool, type Warmable } from './worker-pool';

/**
 * Reads of the practice essay per worker at warm-up: the intake of 30 warm
 * .docx took 405–414 ms after one read per worker, 222–260 ms after eleven,
 * and 0.20 s with ten in bench:pipeline's run of record.
 */
const PRACTICE_ROUNDS = 10;

/** An empty file: the cheapest task, which starts a worker and loads its module. */
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
    // A real essay, when the host has one, read PRACTICE_ROUNDS times: that loads the reader and lets V8 optimise it,
    // which the empty file does not reach.
    warm: (practice?: Uint8Array) => (practice ? pool.warm({ bytes: practice.slice() }, PRACTICE_ROUNDS) : pool.warm(emptyFile())),
    close: () => pool.close(),
  };
}
