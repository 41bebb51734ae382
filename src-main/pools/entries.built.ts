import extraction from '../../src-workers/extraction/worker?modulePath';
import spellcheck from '../../src-workers/spellcheck/worker?modulePath';
import cj from '../../src-workers/cj/worker?modulePath';
import type { WorkerEntries } from './index';
import { unpackedPath } from './unpacked-path';

/** The worker chunks electron-vite builds beside main: what the packaged app runs, from outside its asar. */
export const builtWorkerEntries: WorkerEntries = { extraction: unpackedPath(extraction), spellcheck: unpackedPath(spellcheck), cj: unpackedPath(cj) };
