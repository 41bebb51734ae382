import { describe, expect, it } from 'vitest';
import type { EssayState } from '../../shared/contracts/domain';
import { ASSUMED_MS_PER_JUDGEMENT, comparisonBudget, judgingEstimate, judgingReadiness } from '../../shared/judging';

const essays = (...states: EssayState[]) => states.map((state) => ({ state }));

describe('how far a batch is from being judged', () => {
  it('counts spellchecked essays as ready and essays still in intake or spellcheck as not ready; rejected ones are neither', () => {
    const batch = essays('spellchecked', 'spellchecked', 'received', 'extracting', 'accepted', 'spellchecking', 'rejected', 'spellcheck_failed', 'expanded');
    expect(judgingReadiness(['intake', 'spellcheck'], batch)).toEqual({ ready: 2, notReady: 4 });
  });
});

describe('the estimate before a session starts', () => {
  it('needs as many judgements as the engine budgets, and shares the time between the judges', () => {
    const estimate = judgingEstimate({ budgetPerScript: 20, essays: 22, judges: 2, medianMs: null });
    expect(estimate.judgements).toBe(comparisonBudget(20, 22));
    expect(estimate.judgements).toBe(220);
    // 220 × 30 s = 110 min, shared by two: 55 min.
    expect(ASSUMED_MS_PER_JUDGEMENT).toBe(30_000);
    expect(estimate).toMatchObject({ measured: false, secondsPerJudgement: 30, minutesPerJudge: 55 });
  });

  it("uses the judges' own median when they have one, and never claims more precision than it has", () => {
    const estimate = judgingEstimate({ budgetPerScript: 8, essays: 6, judges: 1, medianMs: 23_400 });
    // 24 × 23.4 s = 9.36 min: whole minutes, rounded up.
    expect(estimate).toMatchObject({ judgements: 24, measured: true, secondsPerJudgement: 25, minutesPerJudge: 10 });
    // 37 min rounds to the nearest 5; over an hour to the nearest 10; a quick session is still at least a minute.
    expect(judgingEstimate({ budgetPerScript: 10, essays: 15, judges: 1, medianMs: 29_600 }).minutesPerJudge).toBe(35);
    expect(judgingEstimate({ budgetPerScript: 20, essays: 30, judges: 1, medianMs: 30_000 }).minutesPerJudge).toBe(150);
    expect(judgingEstimate({ budgetPerScript: 3, essays: 2, judges: 3, medianMs: 2_000 })).toMatchObject({ minutesPerJudge: 1, secondsPerJudgement: 5 });
  });
});
