import { createServices, type Services } from '../../src-main/app/services';
import { sampleSource } from '../../src-main/app/fs-files';
import { silentLogger } from '../../src-main/core/logger';
import type { CjPort, ExtractionPort, IdSource, SpellcheckPort, StorePort } from '../../src-main/core/ports';
import { createCjPool } from '../../src-main/pools/cj-pool';
import { createExtractionPool } from '../../src-main/pools/extraction-pool';
import { createSpellcheckPool } from '../../src-main/pools/spellcheck-pool';
import { repoPath } from '../../src-main/hosts/cli/compose';

export interface Pools {
  extraction: ExtractionPort;
  spellcheck: SpellcheckPort;
  cj: CjPort;
  close(): Promise<void>;
}

/** One set of pools per test file: starting workers (pdfjs, mammoth, dictionaries) is the slow part. */
export function sharedPools(threads = 2): Pools {
  const extraction = createExtractionPool(repoPath('src-workers/extraction/worker.ts'), threads, silentLogger);
  const spellcheck = createSpellcheckPool(repoPath('src-workers/spellcheck/worker.ts'), threads, silentLogger);
  const cj = createCjPool(repoPath('src-workers/cj/worker.ts'), threads, silentLogger);
  return { extraction, spellcheck, cj, close: async () => void (await Promise.all([extraction.close(), spellcheck.close(), cj.close()])) };
}

/** Ids that are valid UUIDs and the same on every run, so two runs can be compared essay by essay. */
export function sequentialIds(prefix = 0): IdSource {
  let n = 0;
  return { uuid: () => `00000000-0000-4000-8${String(prefix).padStart(3, '0')}-${String(++n).padStart(12, '0')}` };
}

/** The main-side services as every host wires them, over the given store and pool. */
export function testServices(store: StorePort, pools: Omit<Pools, 'close'>, ids: IdSource = sequentialIds()): Services {
  return createServices(
    { store, ...pools, samples: sampleSource(repoPath('resources/samples')), logger: silentLogger, ids },
    'cli',
    'test',
    4,
  );
}
