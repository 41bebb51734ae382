import { sampleSource } from '../../src-main/app/fs-files';
import { repoPath } from '../../src-main/app/repo-path';
import { createServices, type Services } from '../../src-main/app/services';
import { silentLogger } from '../../src-main/core/logger';
import type { IdSource, Ports, StorePort } from '../../src-main/core/ports';
import { createPools, type Pools } from '../../src-main/pools';
import { sourceWorkerEntries } from '../../src-main/pools/entries.source';

/** One set of pools per test file: starting workers (pdfjs, mammoth, dictionaries) is the slow part. */
export function sharedPools(threads = 2): Pools {
  return createPools(sourceWorkerEntries, threads, silentLogger);
}

/** Ids that are valid UUIDs and the same on every run, so two runs can be compared essay by essay. */
export function sequentialIds(prefix = 0): IdSource {
  let n = 0;
  return { uuid: () => `00000000-0000-4000-8${String(prefix).padStart(3, '0')}-${String(++n).padStart(12, '0')}` };
}

/** The main-side services as every host wires them, over the given store and pool. */
export function testServices(store: StorePort, pools: Omit<Pools, 'close'>, ids: IdSource = sequentialIds(), more: Partial<Ports> = {}): Services {
  return createServices(
    { store, ...pools, samples: sampleSource(repoPath('resources/samples')), logger: silentLogger, ids, ...more },
    'cli',
    'test',
    4,
  );
}
