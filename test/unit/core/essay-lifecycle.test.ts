import { describe, expect, it } from 'vitest';
import { EssayState, type Essay } from '../../../shared/contracts/domain';
import { readiness } from '../../../shared/lifecycle';
import { assertTransition, IllegalTransitionError, phaseOutcome } from '../../../src-main/core/essay-lifecycle';

const essay = (state: EssayState): Essay => ({
  id: state,
  batchId: 'b',
  seq: 0,
  fileName: 'f.txt',
  size: 1,
  state,
  receivedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('essay lifecycle', () => {
  it('allows exactly the moves in its transition table', () => {
    const legal: [EssayState, EssayState][] = [
      ['received', 'extracting'],
      ['received', 'rejected'],
      ['extracting', 'accepted'],
      ['extracting', 'rejected'],
      ['extracting', 'expanded'],
      ['accepted', 'spellchecking'],
      ['spellchecking', 'spellchecked'],
      ['spellchecking', 'spellcheck_failed'],
      // A language change sends a checked essay back to spellcheck.
      ['spellchecked', 'accepted'],
      ['spellcheck_failed', 'accepted'],
    ];
    const states = EssayState.options;
    for (const from of states) {
      for (const to of states) {
        const isLegal = legal.some(([f, t]) => f === from && t === to);
        if (isLegal) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(() => assertTransition(from, to), `${from} → ${to}`).toThrow(IllegalTransitionError);
      }
    }
  });

  it('aggregates readiness by count per phase, counting only the essays the phase concerns', () => {
    const essays = (['received', 'extracting', 'accepted', 'spellchecking', 'spellchecked', 'spellcheck_failed', 'rejected', 'expanded'] as const).map(essay);
    // Intake: an unpacked archive is a container, not an essay; everything past intake succeeded it.
    expect(readiness('intake', essays)).toEqual({ total: 7, pending: 2, succeeded: 4, failed: 1 });
    // Spellcheck: only essays that passed intake.
    expect(readiness('spellcheck', essays)).toEqual({ total: 4, pending: 2, succeeded: 1, failed: 1 });
  });

  it('never fails a phase because one essay failed while others succeeded', () => {
    expect(phaseOutcome({ total: 3, pending: 0, succeeded: 3, failed: 0 })).toBe('completed');
    expect(phaseOutcome({ total: 3, pending: 0, succeeded: 2, failed: 1 })).toBe('completed_with_failures');
    expect(phaseOutcome({ total: 3, pending: 0, succeeded: 0, failed: 3 })).toBe('failed');
    expect(() => phaseOutcome({ total: 3, pending: 1, succeeded: 2, failed: 0 })).toThrow(/pending/);
  });
});
