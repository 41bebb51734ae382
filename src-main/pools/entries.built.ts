import extraction from '../../src-workers/extraction/worker?modulePath';
import spellcheck from '../../src-workers/spellcheck/worker?modulePath';
import cj from '../../src-workers/cj/worker?modulePath';
import type { WorkerEntries } from './index';

/** The worker chunks electron-vite builds beside main: what the packaged app runs. */
export const builtWorkerEntries: WorkerEntries = { extraction, spellcheck, cj };
