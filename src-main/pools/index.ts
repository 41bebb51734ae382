import type { Logger } from '../core/logger';
import type { CjPort, ExtractionPort, SpellcheckPort } from '../core/ports';
import { createCjPool } from './cj-pool';
import { createExtractionPool } from './extraction-pool';
import { createSpellcheckPool } from './spellcheck-pool';

/** Where each pool's worker entry is: built JavaScript (entries.built.ts) or TypeScript source (entries.source.ts). */
export interface WorkerEntries {
  extraction: string;
  spellcheck: string;
  cj: string;
}

export interface Pools {
  extraction: ExtractionPort;
  spellcheck: SpellcheckPort;
  cj: CjPort;
  /**
   * Starts every pool's workers in the background (the app, at start), so a
   * teacher's first import waits for none of them. `practice`, a shipped
   * sample essay, is what the extraction workers read to warm up
   * (extraction-pool.ts). Resolves when all are warm.
   */
  warm(practice?: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** More threads per pool than this make a class no faster that a teacher would notice, and each costs memory. */
const MAX_APP_THREADS = 4;
/**
 * Memory per thread of every pool. Once warm, one thread of each pool holds
 * about 330 MB: extraction 70 MB, Swedish spellcheck 160 MB, CJ 100 MB (RSS
 * growth with the built workers, docs/architecture.md "Speed"). At one
 * thread per 2 GB, the warm workers stay under a sixth of the laptop's memory.
 */
const MEMORY_PER_THREAD = 2 * 1024 ** 3;

/**
 * Threads per pool in the app: one core is left for the window, and every
 * worker stays once started, so the count is held to what the laptop's
 * memory carries (4 GB: 2 threads; 8 GB or more: 4). Rounded, as a laptop
 * reports a little less memory than it is sold with.
 */
export function appThreads(cores: number, memoryBytes: number): number {
  return Math.max(1, Math.min(cores - 1, MAX_APP_THREADS, Math.round(memoryBytes / MEMORY_PER_THREAD)));
}

/** The app's three worker pools. Each starts its workers on its first task, so a host that never uses one pays nothing for it. */
export function createPools(entries: WorkerEntries, threads: number, logger: Logger): Pools {
  const extraction = createExtractionPool(entries.extraction, threads, logger);
  const spellcheck = createSpellcheckPool(entries.spellcheck, threads, logger);
  const cj = createCjPool(entries.cj, threads, logger);
  return {
    extraction,
    spellcheck,
    cj,
    warm: async (practice) => {
      // Import first; judging comes later, so its workers warm after, not competing with the first import.
      await Promise.all([extraction.warm(practice), spellcheck.warm()]);
      await cj.warm();
    },
    close: async () => void (await Promise.all([extraction.close(), spellcheck.close(), cj.close()])),
  };
}
