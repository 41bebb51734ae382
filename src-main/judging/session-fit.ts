import type { CjJudgements, CjNextPairTask } from '../../shared/contracts/cj';
import type { CjSession, Judgement, JudgeStats, SessionFit } from '../../shared/contracts/judging';
import { activeJudgements, median } from '../../shared/judging';
import type { CjPort } from '../core/ports';

/** The session's essays and every judge who has judged in it, as the engine's indexed judgements. */
export function indexJudgements(session: CjSession, judgements: readonly Judgement[]): CjJudgements {
  const judges = [...new Set([...session.judgeIds, ...judgements.map((j) => j.judgeId)])];
  const script = new Map(session.essayIds.map((id, i) => [id, i]));
  const judgeIndex = new Map(judges.map((id, i) => [id, i]));
  const at = (map: Map<string, number>, id: string): number => {
    const index = map.get(id);
    if (index === undefined) throw new Error(`Judgement refers to ${id}, which is not in session ${session.id}`);
    return index;
  };
  return {
    scripts: session.essayIds,
    judges,
    winner: Int32Array.from(judgements, (j) => at(script, j.winner)),
    loser: Int32Array.from(judgements, (j) => at(script, j.winner === j.left ? j.right : j.left)),
    judge: Int32Array.from(judgements, (j) => at(judgeIndex, j.judgeId)),
  };
}

/** A pair a judge has been shown (or is counted as shown) that the selector must not offer again as if new. */
export interface ShownPair {
  judgeId: string;
  left: string;
  right: string;
}

/**
 * The engine's next-pair request for `judgeId`, from the session's active
 * judgements and last fit, counting `shown` as shown: people's desks and the
 * AI judge ask for pairs the same way.
 */
export function nextPairTask(
  session: CjSession,
  fit: SessionFit | null,
  judgements: readonly Judgement[],
  judgeId: string,
  shown: readonly ShownPair[],
): Omit<CjNextPairTask, 'kind'> {
  const indexed = indexJudgements(session, judgements);
  const judges = indexed.judges.includes(judgeId) ? indexed.judges : [...indexed.judges, judgeId];
  const script = new Map(session.essayIds.map((id, i) => [id, i]));
  const thetaById = new Map(fit?.items.map((item) => [item.essayId, item]) ?? []);
  return {
    judgements: { ...indexed, judges },
    shown: {
      left: Int32Array.from(shown, (p) => script.get(p.left) ?? 0),
      right: Int32Array.from(shown, (p) => script.get(p.right) ?? 0),
      judge: Int32Array.from(shown, (p) => Math.max(0, judges.indexOf(p.judgeId))),
    },
    lastFit: fit
      ? {
          theta: Float64Array.from(session.essayIds, (id) => thetaById.get(id)?.theta ?? 0),
          se: Float64Array.from(session.essayIds, (id) => thetaById.get(id)?.se ?? Infinity),
        }
      : null,
    judge: judges.indexOf(judgeId),
    selector: { method: 'adaptive', budgetPerScript: session.budgetPerScript, boundaries: fit?.boundaries.map((b) => b.theta) ?? [] },
    seed: shown.length + 1,
  };
}

/** A fit's θ by essay id, in the session's essay order. */
function thetaOf(fit: SessionFit | null, essayIds: readonly string[]): Float64Array | null {
  if (!fit) return null;
  const byId = new Map(fit.items.map((item) => [item.essayId, item.theta]));
  return Float64Array.from(essayIds, (id) => byId.get(id) ?? 0);
}

/** Infinite or undefined statistics (no comparisons yet) are stored as null. */
function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * Refits a session: the scale, the grades from its anchors, and the stopping
 * rule's verdict, each in the CJ worker. The stability check compares with
 * the θ of about a round (essays/2 judgements) earlier, carried from fit to
 * fit in `checkpoints`.
 */
export async function fitSession(
  cj: CjPort,
  session: CjSession,
  all: readonly Judgement[],
  previous: SessionFit | null,
  now: string,
): Promise<SessionFit | null> {
  const judgements = activeJudgements(all);
  if (!judgements.length) return null;
  const indexed = indexJudgements(session, judgements);
  const warm = thetaOf(previous, session.essayIds);
  const fit = await cj.fit({ judgements: indexed, warmStart: warm ? { scripts: session.essayIds, theta: warm } : null });

  const roundSize = Math.max(1, Math.round(session.essayIds.length / 2));
  const round = Math.floor(judgements.length / roundSize);
  const snapshot = { judgements: judgements.length, theta: Object.fromEntries(session.essayIds.map((id, i) => [id, fit.theta[i]])) };
  const kept = previous?.checkpoints;
  // A new round begins: the checkpoint of the last one becomes the reference for stability.
  const checkpoints =
    kept?.current && Math.floor(kept.current.judgements / roundSize) === round
      ? kept
      : { previous: kept?.current ?? null, current: snapshot };
  const previousTheta = checkpoints.previous
    ? Float64Array.from(session.essayIds, (id) => checkpoints.previous?.theta[id] ?? 0)
    : null;

  const anchors = session.anchors.map((a) => ({ script: a.essayId, grade: a.grade }));
  const gradeable = new Set(anchors.map((a) => a.grade)).size >= 2;
  const [grades, verdict] = await Promise.all([
    gradeable ? cj.grades({ judgements: indexed, anchors, scale: session.scale }) : null,
    cj.stopCheck({
      judgements: indexed,
      previousTheta,
      selector: { method: 'adaptive', budgetPerScript: session.budgetPerScript, boundaries: [] },
      stopping: { targetReliability: session.targetReliability, budgetPerScript: session.budgetPerScript },
      seed: judgements.length,
    }),
  ]);
  const projected = grades?.outcome === 'projected' ? grades : null;
  const gradeOf = new Map(projected?.essays.map((e) => [e.script, e]) ?? []);

  // Misfit as CJ reports it: infit more than two standard deviations above the mean infit.
  const compared = Array.from(fit.infit).filter((_, i) => fit.comparisons[i] > 0);
  const meanInfit = compared.reduce((s, v) => s + v, 0) / Math.max(1, compared.length);
  const sdInfit = Math.sqrt(compared.reduce((s, v) => s + (v - meanInfit) ** 2, 0) / Math.max(1, compared.length - 1));

  const judges: JudgeStats[] = fit.judges.map((judgeId, k) => {
    const own = judgements.filter((j) => j.judgeId === judgeId);
    return {
      judgeId,
      judgements: own.length,
      infit: own.length ? finite(fit.judgeInfit[k]) : null,
      outfit: own.length ? finite(fit.judgeOutfit[k]) : null,
      medianMs: median(own.map((j) => j.ms)),
      leftShare: own.length ? own.filter((j) => j.winner === j.left).length / own.length : null,
    };
  });

  return {
    sessionId: session.id,
    judgements: judgements.length,
    computedAt: now,
    items: session.essayIds.map((essayId, i) => {
      const graded = gradeOf.get(essayId);
      return {
        essayId,
        // With grades, θ and its SD are the grade posterior's: the scale its boundaries are on.
        theta: graded?.theta ?? fit.theta[i],
        se: graded ? graded.sd : finite(fit.se[i]),
        infit: finite(fit.infit[i]),
        outfit: finite(fit.outfit[i]),
        wins: Math.round(fit.wins[i]),
        comparisons: Math.round(fit.comparisons[i]),
        grade: graded?.grade ?? null,
        probabilities: graded?.probabilities ?? [],
        preliminary: graded?.preliminary ?? true,
        misfit: fit.comparisons[i] > 0 && compared.length > 2 && fit.infit[i] > meanInfit + 2 * sdInfit,
      };
    }),
    judges,
    ssr: fit.ssr,
    reliability: { reported: verdict.reliability.reported, lowerBound: verdict.reliability.lowerBound },
    verdict: { stop: verdict.stop, reason: verdict.reason, perScript: verdict.perScript },
    boundaries: projected?.boundaries ?? [],
    gradesUnavailable: grades?.outcome === 'unavailable' ? grades.reason : gradeable ? null : 'TOO_FEW_ANCHORED_GRADES',
    checkpoints,
  };
}
