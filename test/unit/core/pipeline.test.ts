import { describe, expect, it } from 'vitest';
import { nextPhase, resolvePipeline, type PhaseProgress } from '../../../src-main/core/pipeline';

// The phase graph the design brief describes; the app registers phases as they land.
const graph = {
  intake: { dependsOn: [] },
  spellcheck: { dependsOn: ['intake'] },
  cj: { dependsOn: ['spellcheck'] },
} as const;
type P = keyof typeof graph;

describe('pipeline resolution', () => {
  it('adds dependencies before the phases that need them', () => {
    expect(resolvePipeline<P>(['cj'], graph)).toEqual(['intake', 'spellcheck', 'cj']);
    expect(resolvePipeline<P>(['spellcheck', 'intake'], graph)).toEqual(['intake', 'spellcheck']);
  });

  it('refuses unknown phases and cycles', () => {
    expect(() => resolvePipeline(['export'], graph as never)).toThrow(/Unknown phase "export"/);
    const cyclic = { a: { dependsOn: ['b'] }, b: { dependsOn: ['a'] } } as const;
    expect(() => resolvePipeline<'a' | 'b'>(['a'], cyclic)).toThrow(/cycle: a → b → a/);
  });
});

describe('next phase', () => {
  const resolved = resolvePipeline<P>(['cj'], graph);
  const progress =
    (table: Partial<Record<P, Partial<PhaseProgress>>>) =>
    (phase: P): PhaseProgress => ({ pending: 0, running: false, ...table[phase] });

  it('skips completed phases and picks the first with work', () => {
    expect(
      nextPhase(resolved, progress({ intake: { lastOutcome: 'completed' }, spellcheck: { pending: 4 } })),
    ).toBe('spellcheck');
    expect(
      nextPhase(resolved, progress({ intake: { lastOutcome: 'completed_with_failures' }, spellcheck: { lastOutcome: 'completed' }, cj: { pending: 1 } })),
    ).toBe('cj');
  });

  it('goes back to an earlier phase when new essays arrive', () => {
    expect(
      nextPhase(resolved, progress({ intake: { pending: 2, lastOutcome: 'completed' }, spellcheck: { pending: 3 } })),
    ).toBe('intake');
  });

  it('finishes a run that was interrupted, even when no essay is left', () => {
    expect(nextPhase(resolved, progress({ intake: { running: true } }))).toBe('intake');
  });

  it('stops after a failed phase, and when nothing has work', () => {
    expect(nextPhase(resolved, progress({ intake: { lastOutcome: 'failed' }, spellcheck: { pending: 0 } }))).toBeNull();
    expect(nextPhase(resolved, progress({}))).toBeNull();
    expect(
      nextPhase(resolved, progress({ intake: { lastOutcome: 'completed' }, spellcheck: { lastOutcome: 'completed' }, cj: { lastOutcome: 'completed' } })),
    ).toBeNull();
  });
});
