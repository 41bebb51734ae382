import type { Judgement } from './contracts/judging';

/** Rules about judgements and grades that every view, export and engine applies alike. */

/** A session's judgements that count: the ones not taken back. */
export function activeJudgements<J extends Pick<Judgement, 'undone'>>(judgements: readonly J[]): J[] {
  return judgements.filter((j) => !j.undone);
}

/** How many judgements a session may make: `perScript` comparisons for each essay, two essays to a judgement. */
export function comparisonBudget(perScript: number, essays: number): number {
  return Math.round((perScript * essays) / 2);
}

/** The grade that stands: the teacher's where there is one, else the model's. */
export function standingGrade(modelGrade: string | null, teacherGrade: string | null | undefined): { grade: string | null; source: 'teacher' | 'model' | null } {
  if (teacherGrade != null) return { grade: teacherGrade, source: 'teacher' };
  return { grade: modelGrade, source: modelGrade === null ? null : 'model' };
}
