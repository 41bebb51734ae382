import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { HuleDb } from '../../../shared/db/schema';
import { createStore } from '../../../shared/db/store';
import { sampleSource } from '../../app/fs-files';
import { repoPath } from '../../app/repo-path';
import { createServices, type Services } from '../../app/services';
import { createLogger, type Logger } from '../../core/logger';
import { createPools, type Pools, type WorkerEntries } from '../../pools';
import { sourceWorkerEntries } from '../../pools/entries.source';

/** Warnings and errors on stderr, where they stay out of the commands' output; everything with HULEDU_LOG=debug. */
export const cliLogger = (): Logger => createLogger((line) => process.stderr.write(line + '\n'), process.env.HULEDU_LOG === 'debug' ? 'debug' : 'warn');

/** Threads per worker pool: one per core. */
const cliThreads = (): number => Math.max(1, availableParallelism());

/**
 * Where the CLI's workers are: built beside the built CLI (out/cli/workers,
 * see build/cli.mjs), or their sources when the CLI's modules run as
 * TypeScript (tests that call a command directly).
 */
const cliWorkerEntries = (): WorkerEntries =>
  import.meta.url.endsWith('.mjs')
    ? {
        extraction: fileURLToPath(new URL('./workers/extraction.mjs', import.meta.url)),
        spellcheck: fileURLToPath(new URL('./workers/spellcheck.mjs', import.meta.url)),
        cj: fileURLToPath(new URL('./workers/cj.mjs', import.meta.url)),
      }
    : sourceWorkerEntries;

/** The app's worker pools; each starts on its first task. */
export const createCliPools = (logger = cliLogger()): Pools => createPools(cliWorkerEntries(), cliThreads(), logger);

export interface CliHost {
  db: HuleDb;
  services: Services;
  close(): Promise<void>;
}

/**
 * The CLI's composition root: the same services as the app, with the store
 * in-process over an in-memory IndexedDB.
 */
export function createCliHost(): CliHost {
  const db = new HuleDb(`huledu-cli-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const logger = cliLogger();
  const services = createServices(
    { store: createStore(db), ...createCliPools(logger), samples: sampleSource(repoPath('resources/samples')), logger },
    'cli',
    process.env.npm_package_version ?? '0.0.0',
    cliThreads() * 2,
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
