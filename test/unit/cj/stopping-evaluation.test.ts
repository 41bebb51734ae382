import { describe, expect, it } from 'vitest';
import { CjSimulateTask } from '../../../shared/contracts/cj';
import { seededRandom, standardNormal } from '../../../src-workers/cj/random';
import { scenarioTasks, summariseStops, type StoppingScenario } from '../../../src-workers/cj/stopping-evaluation';
import { runSimulation } from '../../../src-workers/cj/tasks';

/** True values of 1,000 essays, normal with SD 3 logits: wide enough that a class of 16 reaches 0.8 well within the budget. */
const random = seededRandom(42);
const population = Float64Array.from({ length: 1000 }, () => 3 * standardNormal(random));

const evaluate = (scenario: StoppingScenario) => summariseStops(scenarioTasks(scenario, population).map((task) => runSimulation(CjSimulateTask.parse({ kind: 'simulate', ...task }))));

describe('the stopping rule in simulated classes', () => {
  it('stops for reliability only when the true r² has, on average, reached the target', () => {
    const summary = evaluate({ scripts: 16, judges: 1, judgeSpread: 0, method: 'adaptive', sessions: 10, budgetPerScript: 20, seed: 1 });
    expect(summary.reached).toBeGreaterThanOrEqual(5);
    // The rule stops on the lower bound, so the estimate it shows lies above it.
    expect(summary.lowerBound).toBeGreaterThanOrEqual(0.8);
    expect(summary.reported).toBeGreaterThan(summary.lowerBound);
    expect(summary.trueR2).toBeGreaterThanOrEqual(0.8);
  }, 20_000);

  it('summarises a scenario: comparisons at the stop, how the sessions stopped, and what was true', () => {
    const tasks = scenarioTasks({ scripts: 12, judges: 3, judgeSpread: 0.3, method: 'random', sessions: 3, budgetPerScript: 4, seed: 5 }, population);
    // Each class is drawn without replacement.
    expect(tasks.map((task) => new Set(task.truth.theta).size)).toEqual([12, 12, 12]);
    const results = tasks.map((task) => runSimulation(CjSimulateTask.parse({ kind: 'simulate', ...task })));
    const summary = summariseStops(results);
    expect(summary).toMatchObject({ sessions: 3, perScript: 4, reached: 0, budgetSpent: 3 });
    expect(summary.trueR2).toBeNaN();
    expect(summary.trueR2All).toBeCloseTo((results[0].trueR2 + results[1].trueR2 + results[2].trueR2) / 3, 12);
    expect(summary.belowFloorAll).toBe(results.filter((r) => r.trueR2 < 0.75).length / 3);
  });
});
