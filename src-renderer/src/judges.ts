import type { JudgeProfile } from '../../shared/contracts/judging';
import type { StringKey } from '../../shared/i18n';

/** The people on this laptop someone can judge or grade as: an AI judge judges on its own, never as a person. */
export function humanJudges(judges: readonly JudgeProfile[]): JudgeProfile[] {
  return judges.filter((j) => j.kind !== 'ai');
}

/** Who this laptop's user judges as: their saved choice if it is a person here, else the session's first person, else nobody yet. */
export function personJudging(judges: readonly JudgeProfile[], sessionJudgeIds: readonly string[], saved: string | null): string | null {
  const people = new Set(humanJudges(judges).map((j) => j.id));
  if (saved && people.has(saved)) return saved;
  return sessionJudgeIds.find((id) => people.has(id)) ?? null;
}

/** A judge's name as lists and tables show it: an AI judge is labelled as AI. An unknown id shows as itself. */
export function judgeLabel(judges: readonly JudgeProfile[], judgeId: string, t: (key: StringKey, params?: Record<string, string | number>) => string): string {
  const judge = judges.find((j) => j.id === judgeId);
  if (!judge) return judgeId;
  return judge.kind === 'ai' ? t('ai.judgeName', { name: judge.name }) : judge.name;
}
