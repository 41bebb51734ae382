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
