import { practiceEssay, sampleSource } from '../../../src-main/app/fs-files';
import { repoPath } from '../../../src-main/app/repo-path';
import { serveRenderer, type RendererConnection } from '../../../src-main/app/renderer-connection';
import { createServices, type Services } from '../../../src-main/app/services';
import { StoreLink } from '../../../src-main/app/store-link';
import { createLogger } from '../../../src-main/core/logger';
import type { Ports } from '../../../src-main/core/ports';
import { createPools } from '../../../src-main/pools';
import { sourceWorkerEntries } from '../../../src-main/pools/entries.source';

export interface MainHost {
  services: Services;
  /** Structured log lines, to check that nothing personal is logged. */
  logs: string[];
  connect(connection: RendererConnection): void;
  close(): Promise<void>;
}

/** Work a test holds back: each essay's spellcheck waits for `spellcheck()` first, so a test can keep a batch's import running. */
export interface HostHolds {
  spellcheck?: () => Promise<void>;
}

/**
 * The end-to-end host's composition root: the real main-side services, with
 * the store reached over the test bridge instead of Electron IPC.
 */
export function startMainHost(threads = 2, sync: Pick<Ports, 'secrets' | 'syncTiming' | 'aiTiming'> = {}, holds: HostHolds = {}): MainHost {
  const logs: string[] = [];
  const logger = createLogger((line) => logs.push(line), 'debug');
  const storeLink = new StoreLink();
  const pools = createPools(sourceWorkerEntries, threads, logger);
  // As the app does at start.
  void pools.warm(practiceEssay(repoPath('resources/samples')));
  const hold = holds.spellcheck;
  const services = createServices(
    {
      store: storeLink.api,
      ...pools,
      ...(hold && { spellcheck: { check: async (task) => (await hold(), pools.spellcheck.check(task)), close: () => pools.spellcheck.close() } }),
      samples: sampleSource(repoPath('resources/samples')),
      logger,
      // The sync tests' secret store (memory, or a temp file that outlives a killed main), and faster retries for sync and the AI judge.
      ...sync,
    },
    'e2e',
    'e2e',
    4,
  );
  return {
    services,
    logs,
    connect: (connection) => serveRenderer(services.api, storeLink, connection),
    close: () => services.close(),
  };
}
