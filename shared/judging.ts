import type { Essay, Phase } from './contracts/domain';
import type { CjSession, FitItem, Judgement, TextView } from './contracts/judging';
import { isSettled } from './lifecycle';

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

/** The text judges are shown in a session: the pupil's original unless the session's creator chose the corrected text. */
export function sessionTextView(session: Pick<CjSession, 'textView'>): TextView {
  return session.textView ?? 'original';
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * How far a batch is from being judged: essays ready (spellchecked) and
 * essays not ready yet (still in intake or spellcheck). Rejected essays,
 * failed spellchecks and unpacked archives are neither: they will never be.
 */
export function judgingReadiness(pipeline: readonly Phase[], essays: readonly Pick<Essay, 'state'>[]): { ready: number; notReady: number } {
  let ready = 0;
  let notReady = 0;
  for (const essay of essays) {
    if (essay.state === 'spellchecked') ready++;
    else if (essay.state !== 'expanded' && !isSettled(pipeline, essay)) notReady++;
  }
  return { ready, notReady };
}

/** The time per judgement a setup assumes for judges who have judged nothing on this laptop yet. */
export const ASSUMED_MS_PER_JUDGEMENT = 30_000;

export interface JudgingEstimate {
  /** The most judgements the session makes: the engine's comparison budget. The stopping rule may end it sooner. */
  judgements: number;
  /** Seconds per judgement, rounded to 5 s: the judges' median, or the assumption. */
  secondsPerJudgement: number;
  /** Whether the time per judgement is measured from these judges' earlier judgements, or assumed. */
  measured: boolean;
  /** Roughly how long each judge works when they share the judgements equally, in rounded minutes (at least 1). */
  minutesPerJudge: number;
}

/**
 * What a session will ask of its judges, before it starts. Rounded, because
 * it is an estimate: the stopping rule may end the session early, and
 * reading times vary from pair to pair.
 */
export function judgingEstimate(input: { budgetPerScript: number; essays: number; judges: number; medianMs: number | null }): JudgingEstimate {
  const judgements = comparisonBudget(input.budgetPerScript, input.essays);
  const ms = input.medianMs ?? ASSUMED_MS_PER_JUDGEMENT;
  const minutes = (judgements * ms) / 60_000 / Math.max(1, input.judges);
  return {
    judgements,
    secondsPerJudgement: Math.max(5, Math.round(ms / 5000) * 5),
    measured: input.medianMs !== null,
    minutesPerJudge: roughMinutes(minutes),
  };
}

/** Whole minutes up to 10, then to the nearest 5 up to an hour, then to the nearest 10: no more precise than an estimate is. */
function roughMinutes(minutes: number): number {
  if (minutes <= 10) return Math.max(1, Math.ceil(minutes));
  if (minutes <= 60) return Math.round(minutes / 5) * 5;
  return Math.round(minutes / 10) * 10;
}
