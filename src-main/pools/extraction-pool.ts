import { Piscina } from 'piscina';
import { ExtractionResult } from '../../shared/contracts/extraction';
import { intakeLimits } from '../../shared/contracts/limits';
import type { Logger } from '../core/logger';
import { PoolUnavailableError, type ExtractionPort } from '../core/ports';
import { workerOptions } from './worker-options';

/**
 * The extraction pool. Each task's bytes are transferred, not copied; each
 * result is parsed where it arrives; a task that runs too long is aborted and
 * its worker replaced. A pool whose workers cannot start at all is reported
 * as unavailable, so that files are never blamed for the app's fault.
 */
export function createExtractionPool(workerFile: string, threads: number, logger: Logger): ExtractionPort {
  const pool = new Piscina({
    ...workerOptions(workerFile),
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  pool.on('error', (error: unknown) => logger.log('error', 'extraction worker failed', { error }));

  const run = async (bytes: Uint8Array): Promise<ExtractionResult> => {
    const own = bytes.slice();
    const result = await pool.run(
      { bytes: own },
      { transferList: [own.buffer], signal: AbortSignal.timeout(intakeLimits.extractionTimeoutMs) },
    );
    return ExtractionResult.parse(result);
  };
  // An empty file is the cheapest task that loads every reader.
  const ready = run(new Uint8Array()).then(
    () => true,
    (error: unknown) => {
      logger.log('error', 'extraction workers cannot start', { error });
      return false;
    },
  );

  return {
    async extract(bytes) {
      if (!(await ready)) throw new PoolUnavailableError();
      return run(bytes);
    },
    close: () => pool.destroy(),
  };
}
