import { CjResult, type CjTask } from '../../shared/contracts/cj';
import type { Logger } from '../core/logger';
import type { CjPort } from '../core/ports';
import { createWorkerPool, type Warmable } from './worker-pool';

/** The smallest session: one judgement between two scripts, which loads every part of the fit. */
const probe: CjTask = {
  kind: 'fit',
  judgements: { scripts: ['a', 'b'], judges: ['j'], winner: Int32Array.of(0), loser: Int32Array.of(1), judge: Int32Array.of(0) },
};

/** The CJ pool: one worker entry for all the engine's tasks; each result is parsed in main and narrowed to its kind. */
export function createCjPool(workerFile: string, threads: number, logger: Logger): CjPort & Warmable {
  const pool = createWorkerPool<CjTask, CjResult>({ workerFile, threads, logger, result: CjResult, probe: () => probe, name: 'cj' });
  const run = async <Kind extends CjResult['kind']>(task: CjTask & { kind: Kind }): Promise<Extract<CjResult, { kind: Kind }>> => {
    const result = await pool.run(task);
    if (result.kind !== task.kind) throw new Error(`The cj worker answered a ${task.kind} task with ${result.kind}`);
    return result as Extract<CjResult, { kind: Kind }>;
  };
  return {
    fit: (task) => run({ ...task, kind: 'fit' }),
    nextPair: (task) => run({ ...task, kind: 'next-pair' }),
    stopCheck: (task) => run({ ...task, kind: 'stop-check' }),
    grades: (task) => run({ ...task, kind: 'grades' }),
    simulate: (task) => run({ ...task, kind: 'simulate' }),
    calibrateGrades: (task) => run({ ...task, kind: 'grade-calibration' }),
    warm: () => pool.warm(probe),
    close: () => pool.close(),
  };
}
