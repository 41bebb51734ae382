import type { CjSession, Judgement, JudgeStats, SessionFit } from '../contracts/judging';
import { activeJudgements } from '../judging';

/**
 * How far to trust an AI judge, from its own answers and from the teachers'
 * judgements of the same pairs. Pure: the results view and the CLI call
 * these; nothing restates them.
 */

/** Below this human–AI agreement the results say plainly that the AI's scale should not be trusted. */
export const TRUST_THRESHOLD = 0.7;

type AiJudgement = Judgement & { ai: NonNullable<Judgement['ai']> };

function isAi(j: Judgement): j is AiJudgement {
  return j.ai !== undefined;
}

/** Unordered: the same two essays whichever was shown first. */
function pairKey(x: string, y: string): string {
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}

/** A session's judgements that count, made by people. The "human only" fit is fitted on these. */
export function humanJudgements(judgements: readonly Judgement[]): Judgement[] {
  return activeJudgements(judgements).filter((j) => !isAi(j));
}

export interface OrderBias {
  judgements: number;
  /** How often the AI chose the text it was shown first; 0.5 is no bias. Null without judgements. */
  positionFirstShare: number | null;
  /** Pairs with a readable answer in both orders. */
  pairsBothOrders: number;
  /** The share of those it decided the same way in both orders. Null without such pairs. */
  orderConsistency: number | null;
}

/** Per AI judge: its preference for the text shown first, and whether it decides a pair the same way in both orders. */
export function orderBias(judgements: readonly Judgement[], aiJudgeId: string): OrderBias {
  const own = activeJudgements(judgements).filter((j): j is AiJudgement => isAi(j) && j.judgeId === aiJudgeId);
  const first = own.filter((j) => j.winner === j.left).length;
  const byPair = new Map<number, AiJudgement[]>();
  for (const j of own) byPair.set(j.ai.pair, [...(byPair.get(j.ai.pair) ?? []), j]);
  let both = 0;
  let same = 0;
  for (const answers of byPair.values()) {
    const ab = answers.find((j) => j.ai.order === 'ab');
    const ba = answers.find((j) => j.ai.order === 'ba');
    if (!ab || !ba) continue;
    both++;
    if (ab.winner === ba.winner) same++;
  }
  return {
    judgements: own.length,
    positionFirstShare: own.length ? first / own.length : null,
    pairsBothOrders: both,
    orderConsistency: both ? same / both : null,
  };
}

/** Wilson score interval for k successes in n trials; 95% by default. */
export function wilsonInterval(k: number, n: number, z = 1.959964): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export type AiTrust = 'unknown' | 'trusted' | 'untrusted';

export interface Agreement {
  /** Human decisions compared with AI decisions on the same two essays (each human judgement with each AI answer for that pair). */
  comparisons: number;
  agreements: number;
  /** The distinct pairs (two essays, either order) both a teacher and the AI judged. */
  pairs: number;
  share: number | null;
  /** 95% Wilson interval of the share; null without comparisons. */
  low: number | null;
  high: number | null;
  /** `untrusted` below 70% agreement: the results say the AI's scale should not be trusted. */
  trust: AiTrust;
}

function aiByPair(judgements: readonly Judgement[]): Map<string, AiJudgement[]> {
  const map = new Map<string, AiJudgement[]>();
  for (const j of activeJudgements(judgements)) {
    if (!isAi(j)) continue;
    const key = pairKey(j.left, j.right);
    map.set(key, [...(map.get(key) ?? []), j]);
  }
  return map;
}

/**
 * Human–AI agreement on the pairs both judged. Every human decision is
 * compared with each of the AI's answers for the pair (two, one per order),
 * so a pair the AI decided differently in the two orders counts as half
 * agreeing, as it counts half in the fit.
 */
export function humanAiAgreement(judgements: readonly Judgement[]): Agreement {
  const ai = aiByPair(judgements);
  let comparisons = 0;
  let agreements = 0;
  const shared = new Set<string>();
  for (const h of humanJudgements(judgements)) {
    const key = pairKey(h.left, h.right);
    for (const a of ai.get(key) ?? []) {
      comparisons++;
      shared.add(key);
      if (a.winner === h.winner) agreements++;
    }
  }
  const pairs = shared.size;
  if (!comparisons) return { comparisons, agreements, pairs, share: null, low: null, high: null, trust: 'unknown' };
  const share = agreements / comparisons;
  const { low, high } = wilsonInterval(agreements, comparisons);
  return { comparisons, agreements, pairs, share, low, high, trust: aiTrust(share) };
}

export function aiTrust(share: number | null): AiTrust {
  if (share === null) return 'unknown';
  return share < TRUST_THRESHOLD ? 'untrusted' : 'trusted';
}

export interface Disagreement {
  /** The human judgement. */
  human: Judgement;
  /** The AI's answers for the pair that chose the other essay, with their reasons. */
  ai: AiJudgement[];
  /** |θ of one essay − θ of the other| on the session's fit: a large gap is a disagreement the scale does not explain. */
  thetaGap: number;
}

/** Pairs where a teacher and the AI chose differently, the largest θ gap first. */
export function disagreements(judgements: readonly Judgement[], fit: Pick<SessionFit, 'items'> | null): Disagreement[] {
  const theta = new Map(fit?.items.map((item) => [item.essayId, item.theta]) ?? []);
  const ai = aiByPair(judgements);
  const found: Disagreement[] = [];
  for (const human of humanJudgements(judgements)) {
    const other = (ai.get(pairKey(human.left, human.right)) ?? []).filter((a) => a.winner !== human.winner);
    if (!other.length) continue;
    found.push({ human, ai: other, thetaGap: Math.abs((theta.get(human.left) ?? 0) - (theta.get(human.right) ?? 0)) });
  }
  return found.sort((x, y) => y.thetaGap - x.thetaGap || x.human.judgedAt.localeCompare(y.human.judgedAt));
}

/** The fit's judge statistics (infit, outfit) split into AI judges and people, to show side by side. */
export function judgeFitSideBySide(fit: Pick<SessionFit, 'judges'>, aiJudgeIds: readonly string[]): { ai: JudgeStats[]; human: JudgeStats[] } {
  const isAiJudge = (s: JudgeStats) => aiJudgeIds.includes(s.judgeId);
  return { ai: fit.judges.filter(isAiJudge), human: fit.judges.filter((s) => !isAiJudge(s)) };
}

export interface AiComparison {
  judgement: AiJudgement;
  /** The other essay of the pair. */
  other: string;
  shownFirst: boolean;
  won: boolean;
}

/** What the AI said in each comparison of one essay: the essay row's "what the AI said". */
export function aiComparisonsOf(judgements: readonly Judgement[], essayId: string): AiComparison[] {
  return activeJudgements(judgements)
    .filter((j): j is AiJudgement => isAi(j) && (j.left === essayId || j.right === essayId))
    .sort((x, y) => x.ai.pair - y.ai.pair || x.ai.order.localeCompare(y.ai.order))
    .map((judgement) => ({
      judgement,
      other: judgement.left === essayId ? judgement.right : judgement.left,
      shownFirst: judgement.left === essayId,
      won: judgement.winner === essayId,
    }));
}

/**
 * Whether the AI's pair number `pair` is one people are also shown: spread
 * evenly, so `share` of every run of pairs is checked (0.1: pairs 9, 19, 29 …).
 */
export function isHumanCheckPair(pair: number, share: number): boolean {
  return Math.floor((pair + 1) * share) > Math.floor(pair * share);
}

/**
 * The AI's pairs people should be shown to check it, that no person has
 * judged yet, first planned first. The judging service shows them to human
 * judges before the engine's own pairs.
 */
export function pendingHumanChecks(session: Pick<CjSession, 'ai'>, judgements: readonly Judgement[]): { left: string; right: string }[] {
  const share = session.ai?.humanCheckShare ?? 0;
  if (share <= 0) return [];
  const judgedByPeople = new Set(humanJudgements(judgements).map((j) => pairKey(j.left, j.right)));
  const pairs = new Map<number, { left: string; right: string }>();
  for (const j of activeJudgements(judgements)) {
    if (!isAi(j) || pairs.has(j.ai.pair) || !isHumanCheckPair(j.ai.pair, share)) continue;
    if (judgedByPeople.has(pairKey(j.left, j.right))) continue;
    // People see the pair in the order the AI was asked first (ab): a's text on the left.
    pairs.set(j.ai.pair, j.ai.order === 'ab' ? { left: j.left, right: j.right } : { left: j.right, right: j.left });
  }
  return [...pairs.entries()].sort(([x], [y]) => x - y).map(([, pair]) => pair);
}
