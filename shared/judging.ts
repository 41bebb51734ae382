import type { FitItem, Judgement } from './contracts/judging';

/** Rules about judgements and grades that every view, export and engine applies alike. */

/** A session's judgements that count: the ones not taken back. */
export function activeJudgements<J extends Pick<Judgement, 'undone'>>(judgements: readonly J[]): J[] {
  return judgements.filter((j) => !j.undone);
}

/** How many judgements a session may make: `perScript` comparisons for each essay, two essays to a judgement. */
export function comparisonBudget(perScript: number, essays: number): number {
  return Math.round((perScript * essays) / 2);
}

export interface StandingGrade {
  grade: string | null;
  /** An anchor's grade is known; a teacher's override stands over the model's grade. */
  source: 'anchor' | 'teacher' | 'model' | null;
  /** The model's probability of this grade; null unless the grade is the model's. */
  probability: number | null;
  /** The model's grade while it is less sure than the threshold: every view, export and sync payload marks it. */
  preliminary: boolean;
}

/**
 * The grade that stands for an essay: an anchor's known grade, else the
 * teacher's override, else the model's most likely grade with its
 * probability and whether it is still preliminary.
 */
export function standingGrade(
  item: Pick<FitItem, 'grade' | 'probabilities' | 'preliminary'> | undefined,
  scale: readonly string[],
  known: { anchor?: string | null; teacher?: string | null },
): StandingGrade {
  if (known.anchor != null) return { grade: known.anchor, source: 'anchor', probability: null, preliminary: false };
  if (known.teacher != null) return { grade: known.teacher, source: 'teacher', probability: null, preliminary: false };
  if (!item || item.grade === null) return { grade: null, source: null, probability: null, preliminary: false };
  return { grade: item.grade, source: 'model', probability: item.probabilities[scale.indexOf(item.grade)] ?? null, preliminary: item.preliminary };
}
