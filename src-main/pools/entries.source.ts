import { repoPath } from '../app/repo-path';
import type { WorkerEntries } from './index';

/** The worker sources, run through tsx: the CLI and the tests. */
export const sourceWorkerEntries: WorkerEntries = {
  extraction: repoPath('src-workers/extraction/worker.ts'),
  spellcheck: repoPath('src-workers/spellcheck/worker.ts'),
  cj: repoPath('src-workers/cj/worker.ts'),
};
