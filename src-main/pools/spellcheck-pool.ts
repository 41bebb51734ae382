import { SpellcheckResult, type SpellcheckTask } from '../../shared/contracts/spellcheck';
import type { Logger } from '../core/logger';
import type { SpellcheckPort } from '../core/ports';
import { createWorkerPool, type Warmable } from './worker-pool';

/** An essay of the longest size intake accepts checks in well under this; a task that runs longer is stuck. */
const SPELLCHECK_TIMEOUT_MS = 120_000;

/**
 * The spellcheck pool. Each worker loads a language's dictionaries on its
 * first task in that language and keeps them, with the memo of words it has
 * judged, for every essay after.
 */
export function createSpellcheckPool(workerFile: string, threads: number, logger: Logger): SpellcheckPort & Warmable {
  const pool = createWorkerPool<SpellcheckTask, SpellcheckResult>({
    workerFile,
    threads,
    logger,
    result: SpellcheckResult,
    // An empty essay in the first task's language loads Hunspell, that language's dictionary and the learner lists.
    probe: ({ language, variant }) => ({ text: '', language, ...(variant ? { variant } : {}), allowedWords: [] }),
    name: 'spellcheck',
  });
  return {
    check: (task) => pool.run(task, { timeoutMs: SPELLCHECK_TIMEOUT_MS }),
    // Swedish, the language a new batch starts in, with everything its suggestions need.
    warm: () => pool.warm({ text: '', language: 'sv', allowedWords: [], prepare: true }),
    close: () => pool.close(),
  };
}
