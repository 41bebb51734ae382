import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { HuleDb } from '../../../shared/db/schema';
import { createStore } from '../../../shared/db/store';
import { createServices, type Services } from '../../app/services';
import { sampleSource } from '../../app/fs-files';
import { createLogger, type Logger } from '../../core/logger';
import type { CjPort, SpellcheckPort } from '../../core/ports';
import { createCjPool } from '../../pools/cj-pool';
import { createExtractionPool } from '../../pools/extraction-pool';
import { createSpellcheckPool } from '../../pools/spellcheck-pool';

export const repoPath = (relative: string): string => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

/** Warnings and errors on stderr, where they stay out of the commands' output; everything with HULEDU_LOG=debug. */
export const cliLogger = (): Logger => createLogger((line) => process.stderr.write(line + '\n'), process.env.HULEDU_LOG === 'debug' ? 'debug' : 'warn');

/** Threads per worker pool: one per core. */
export const cliThreads = (): number => Math.max(1, availableParallelism());

/** The app's CJ pool, with workers run from source. */
export const createCliCjPool = (threads = cliThreads(), logger = cliLogger()): CjPort =>
  createCjPool(repoPath('src-workers/cj/worker.ts'), threads, logger);

/** The app's spellcheck pool, with workers run from source. */
export const createCliSpellcheckPool = (threads = cliThreads(), logger = cliLogger()): SpellcheckPort =>
  createSpellcheckPool(repoPath('src-workers/spellcheck/worker.ts'), threads, logger);

export interface CliHost {
  db: HuleDb;
  services: Services;
  close(): Promise<void>;
}

/**
 * The CLI's composition root: the same services as the app, with the store
 * in-process over an in-memory IndexedDB, and workers run from source.
 */
export function createCliHost(): CliHost {
  const db = new HuleDb(`huledu-cli-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const threads = cliThreads();
  const logger = cliLogger();
  const services = createServices(
    {
      store: createStore(db),
      extraction: createExtractionPool(repoPath('src-workers/extraction/worker.ts'), threads, logger),
      spellcheck: createCliSpellcheckPool(threads, logger),
      cj: createCliCjPool(threads, logger),
      samples: sampleSource(repoPath('resources/samples')),
      logger,
    },
    'cli',
    process.env.npm_package_version ?? '0.0.0',
    threads * 2,
  );
  return {
    db,
    services,
    async close() {
      await services.close();
      db.close();
    },
  };
}
