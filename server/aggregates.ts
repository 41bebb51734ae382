import { MIN_GROUP } from '../shared/contracts/sync';
import type { GradeDistribution } from './contracts';

/**
 * Small-group suppression: a grade with fewer than MIN_GROUP pupils is told
 * as suppressed, without its count, and a course and term with fewer than
 * MIN_GROUP graded pupils in all tells nothing but that. The total is left out
 * whenever a cell is suppressed: with it, one hidden cell could be recovered
 * by subtraction.
 */
export function gradeDistribution(course: string, term: string, counts: { grade: string; pupils: number }[]): GradeDistribution {
  const total = counts.reduce((sum, c) => sum + c.pupils, 0);
  const base = { course, term, minGroup: MIN_GROUP } as const;
  if (total < MIN_GROUP) return { ...base, suppressed: true, pupils: null, grades: [] };
  const grades = counts.map(({ grade, pupils }) =>
    pupils < MIN_GROUP ? { grade, pupils: null, suppressed: true } : { grade, pupils, suppressed: false },
  );
  return { ...base, suppressed: false, pupils: grades.some((g) => g.suppressed) ? null : total, grades };
}
