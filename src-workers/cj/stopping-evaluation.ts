import type { CjSimulateTask, CjSimulation, SelectorMethod } from '../../shared/contracts/cj';
import { seededRandom } from './random';
import { mean } from './statistics';

/**
 * How the stopping rule does in simulated sessions: does the true r² at the
 * stop reach the target the rule claims? Used by a unit test (a few classes)
 * and by the bench (many); the runner is the caller's, so the bench can use
 * the worker pool.
 */
export interface StoppingScenario {
  /** Essays in each session, drawn from the population. */
  scripts: number;
  judges: number;
  /** How much the simulated judges differ (see CjSimulateTask.judgeSpread). */
  judgeSpread: number;
  method: SelectorMethod;
  sessions: number;
  /** Budget per script; the rule's target and other settings are its defaults. */
  budgetPerScript: number;
  seed: number;
}

/** The simulate tasks (without their kind): one session per class, each class drawn without replacement from the population of true values (logits). */
export function scenarioTasks(scenario: StoppingScenario, population: ArrayLike<number>): Omit<CjSimulateTask, 'kind'>[] {
  return Array.from({ length: scenario.sessions }, (_, k) => {
    const seed = scenario.seed + k;
    const theta = drawClass(population, scenario.scripts, seed);
    return {
      truth: { scripts: Array.from({ length: theta.length }, (_, i) => `essay-${i}`), theta },
      perScript: scenario.budgetPerScript,
      judges: scenario.judges,
      judgeSpread: scenario.judgeSpread,
      method: scenario.method,
      stopWithRule: true,
      splitHalf: { splits: 1 },
      seed,
    };
  });
}

function drawClass(population: ArrayLike<number>, size: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const order = Int32Array.from({ length: population.length }, (_, i) => i);
  const drawn = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const j = k + Math.floor(random() * (order.length - k));
    [order[k], order[j]] = [order[j], order[k]];
    drawn[k] = population[order[k]];
  }
  return drawn;
}

export interface StoppingSummary {
  sessions: number;
  /** Comparisons per script at the stop, mean over all sessions. */
  perScript: number;
  reached: number;
  budgetSpent: number;
  /** Means over the sessions that stopped with reliability-reached: what the rule claims, and what is true. */
  reported: number;
  lowerBound: number;
  trueR2: number;
  /** Share of those sessions whose true r² is below `floor`. */
  belowFloor: number;
  /** The true r² and the share below the floor over all sessions, however they stopped. */
  trueR2All: number;
  belowFloorAll: number;
}

export function summariseStops(results: CjSimulation[], floor = 0.75): StoppingSummary {
  const reached = results.filter((r) => r.stoppedBecause === 'reliability-reached');
  const share = (of: CjSimulation[]) => of.filter((r) => r.trueR2 < floor).length / of.length;
  return {
    sessions: results.length,
    perScript: mean(results.map((r) => r.perScript)),
    reached: reached.length,
    budgetSpent: results.filter((r) => r.stoppedBecause === 'budget-spent').length,
    reported: mean(reached.map((r) => r.reliability.reported ?? NaN)),
    lowerBound: mean(reached.map((r) => r.reliability.lowerBound ?? NaN)),
    trueR2: mean(reached.map((r) => r.trueR2)),
    belowFloor: share(reached),
    trueR2All: mean(results.map((r) => r.trueR2)),
    belowFloorAll: share(results),
  };
}
