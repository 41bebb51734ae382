import { z } from 'zod';

/**
 * The comparative-judgement engine's contract: the tasks its worker pool
 * takes and the results it returns.
 *
 * One unit only: θ, SE and grade boundaries are logits on the Bradley–Terry
 * scale the fit produced. Nothing here is a 0–1 rank position.
 *
 * Judgements travel by index, in typed arrays, so a session of 100,000
 * judgements crosses to a worker as a few buffers rather than 100,000 objects:
 * in judgement j, scripts[winner[j]] beat scripts[loser[j]], and
 * judges[judge[j]] judged it.
 */
const ScriptId = z.string().min(1);
const JudgeId = z.string().min(1);
const Indices = z.custom<Int32Array>((v) => v instanceof Int32Array, 'expected an Int32Array');
const Numbers = z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array');
const Logits = Numbers;
const Probability = z.number().min(0).max(1);
const Seed = z.number().int().nonnegative().default(1);

function checkIndices(ctx: z.RefinementCtx, path: string, indices: Int32Array, size: number): void {
  for (let j = 0; j < indices.length; j++) {
    if (indices[j] < 0 || indices[j] >= size) {
      ctx.addIssue({ code: 'custom', path: [path, j], message: `index ${indices[j]} is outside 0..${size - 1}` });
      return;
    }
  }
}

function checkUnique(ctx: z.RefinementCtx, path: string, ids: string[]): void {
  if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: [path], message: 'ids must be unique' });
}

export const CjJudgements = z
  .object({
    scripts: z.array(ScriptId).min(2),
    judges: z.array(JudgeId).min(1),
    winner: Indices,
    loser: Indices,
    judge: Indices,
  })
  .superRefine((v, ctx) => {
    checkUnique(ctx, 'scripts', v.scripts);
    checkUnique(ctx, 'judges', v.judges);
    if (v.loser.length !== v.winner.length || v.judge.length !== v.winner.length) {
      ctx.addIssue({ code: 'custom', path: ['winner'], message: 'winner, loser and judge must have one entry per judgement' });
      return;
    }
    checkIndices(ctx, 'winner', v.winner, v.scripts.length);
    checkIndices(ctx, 'loser', v.loser, v.scripts.length);
    checkIndices(ctx, 'judge', v.judge, v.judges.length);
    for (let j = 0; j < v.winner.length; j++) {
      if (v.winner[j] === v.loser[j]) {
        ctx.addIssue({ code: 'custom', path: ['loser', j], message: 'a script cannot be compared with itself' });
        return;
      }
    }
  });
export type CjJudgements = z.infer<typeof CjJudgements>;

/** sirt::btm's ε: each script's score is shrunk by this toward the middle, so all-win and all-lose scripts get a finite θ. */
export const Eps = z.number().min(0).max(0.5).default(0.3);

/** A previous fit to start from: θ by script id. Scripts it does not know start at 0. */
export const WarmStart = z
  .object({ scripts: z.array(ScriptId), theta: Logits })
  .refine((v) => v.theta.length === v.scripts.length, { message: 'one θ per script' });
export type WarmStart = z.infer<typeof WarmStart>;

export const CjFitTask = z.object({
  kind: z.literal('fit'),
  judgements: CjJudgements,
  eps: Eps,
  warmStart: WarmStart.nullable().default(null),
  /** Split-half reliability over this many random splits of the judges; null to skip it (it costs 2 fits per split). */
  splitHalf: z.object({ splits: z.number().int().min(1).max(1000).default(100), seed: Seed }).nullable().default(null),
});
export type CjFitTask = z.input<typeof CjFitTask>;

/** The fitted scale. Per-script arrays follow `scripts`, per-judge arrays follow `judges`. */
export const CjFit = z.object({
  kind: z.literal('fit'),
  scripts: z.array(ScriptId),
  judges: z.array(JudgeId),
  theta: Logits,
  /** 1/√(Fisher information of θ_i), as sirt reports it; ∞ for a script with no comparisons. */
  se: Logits,
  infit: Numbers,
  outfit: Numbers,
  wins: Numbers,
  comparisons: Numbers,
  judgeInfit: Numbers,
  judgeOutfit: Numbers,
  judgeJudgements: Numbers,
  /** Scale separation reliability 1 − mean(SE²)/var(θ). Inflated by adaptive pairing: use the stop verdict's reported reliability. */
  ssr: z.number().nullable(),
  sepG: z.number().nullable(),
  /** Median split-half correlation over judge splits (not Spearman–Brown corrected); null if not asked for or fewer than two judges. */
  splitHalf: z.number().nullable(),
  iterations: z.number().int().nonnegative(),
  converged: z.boolean(),
  /** Some group of scripts won or lost every comparison with the rest; θ needed a weak prior to stay finite. */
  separated: z.boolean(),
  /** Connected parts of the comparison graph. θ is centred within each and comparable only within one. */
  components: z.number().int().positive(),
  /** Time of the fit alone, measured in the worker (not split-half, not the transfer). */
  ms: z.number().nonnegative(),
});
export type CjFit = z.infer<typeof CjFit>;

export const SelectorMethod = z.enum(['adaptive', 'random']);
export type SelectorMethod = z.infer<typeof SelectorMethod>;

export const SelectorSettings = z.object({
  method: SelectorMethod.default('adaptive'),
  /** Comparisons per script the session may spend; adaptive choice is fully adaptive when it is spent. */
  budgetPerScript: z.number().positive().default(20),
  /** Grade boundaries (logits, from a grade projection) to spend judgements near; empty for none. */
  boundaries: z.array(z.number()).default([]),
});
export type SelectorSettings = z.input<typeof SelectorSettings>;

/** Pairs shown so far, in order, including pairs shown but not judged yet. */
const CjShownPairs = z.object({ left: Indices, right: Indices, judge: Indices });

export const CjNextPairTask = z
  .object({
    kind: z.literal('next-pair'),
    judgements: CjJudgements,
    shown: CjShownPairs,
    /** The last fit (θ, SE): the warm start, and the scale boundary focus needs. Null before the first. */
    lastFit: z.object({ theta: Logits, se: Logits }).nullable().default(null),
    /** The judge (index into judges) who asks. */
    judge: z.number().int().nonnegative(),
    /** Most pairs each judge may be shown, by judge index; null entries and a null list mean no limit. */
    quotas: z.array(z.number().int().nonnegative().nullable()).nullable().default(null),
    selector: SelectorSettings.prefault({}),
    eps: Eps,
    seed: Seed,
  })
  .superRefine((v, ctx) => {
    const { scripts, judges } = v.judgements;
    if (v.shown.right.length !== v.shown.left.length || v.shown.judge.length !== v.shown.left.length) {
      ctx.addIssue({ code: 'custom', path: ['shown'], message: 'left, right and judge must have one entry per pair' });
    }
    checkIndices(ctx, 'shown', v.shown.left, scripts.length);
    checkIndices(ctx, 'shown', v.shown.right, scripts.length);
    checkIndices(ctx, 'shown', v.shown.judge, judges.length);
    if (v.judge >= judges.length) ctx.addIssue({ code: 'custom', path: ['judge'], message: 'no such judge' });
    if (v.lastFit && (v.lastFit.theta.length !== scripts.length || v.lastFit.se.length !== scripts.length)) {
      ctx.addIssue({ code: 'custom', path: ['lastFit'], message: 'one θ and SE per script' });
    }
    if (v.quotas && v.quotas.length !== judges.length) ctx.addIssue({ code: 'custom', path: ['quotas'], message: 'one quota per judge' });
  });
export type CjNextPairTask = z.input<typeof CjNextPairTask>;

export const CjNextPair = z.discriminatedUnion('outcome', [
  z.object({ kind: z.literal('next-pair'), outcome: z.literal('pair'), left: ScriptId, right: ScriptId }),
  z.object({ kind: z.literal('next-pair'), outcome: z.literal('none'), reason: z.enum(['quota-reached', 'budget-spent']) }),
]);
export type CjNextPair = z.infer<typeof CjNextPair>;

export const StoppingSettings = z.object({
  /** The session stops when the reliability's lower bound (not the estimate) reaches this. */
  targetReliability: z.number().gt(0).lt(1).default(0.8),
  budgetPerScript: z.number().positive().default(20),
  /** Spearman between this fit and the one a round earlier that counts as settled. */
  stability: z.number().min(0).max(1).default(0.97),
  minimumPerScript: z.number().nonnegative().default(3),
  /** Simulated sessions per calibration pass for the reported reliability (two passes). */
  replicates: z.number().int().min(1).max(50).default(4),
});
export type StoppingSettings = z.input<typeof StoppingSettings>;

export const ReliabilityMethod = z.literal('simulated-true-r2');

/** reliability-reached: the reliability's lower bound reached the target and the order has settled; budget-spent: the budget ran out first. */
export const StopReason = z.enum(['reliability-reached', 'budget-spent']);
/**
 * below-target: the estimate is below the target; target-uncertain: the estimate is at the target but
 * its lower bound is not; not-stable: the lower bound is, but the order of the scripts is still moving.
 */
export const ContinueReason = z.enum(['too-few-comparisons', 'below-target', 'target-uncertain', 'not-stable']);

/** The reliability to show: measured by simulation so that adaptive pairing cannot inflate it; null below the minimum comparisons. */
const ReportedReliability = z.object({
  reported: Probability.nullable(),
  /** What the true r² is, with confidence, at least (about 5 sessions in 6 are above it); the stopping rule stops on this. */
  lowerBound: Probability.nullable(),
  method: ReliabilityMethod,
});

export const CjStopTask = z.object({
  kind: z.literal('stop-check'),
  judgements: CjJudgements,
  /** θ by script index from about one round (scripts/2 judgements) ago, for the stability check; null if none. */
  previousTheta: Logits.nullable().default(null),
  selector: SelectorSettings.prefault({}),
  stopping: StoppingSettings.prefault({}),
  eps: Eps,
  seed: Seed,
});
export type CjStopTask = z.input<typeof CjStopTask>;

export const CjStopVerdict = z.object({
  kind: z.literal('stop-check'),
  stop: z.boolean(),
  /** Why the session stops, or why it should go on. */
  reason: z.union([StopReason, ContinueReason]),
  perScript: z.number().nonnegative(),
  reliability: ReportedReliability.extend({ ssr: z.number().nullable() }),
  /** The lower bound has reached the target; also reported when the budget ends the session or the order is still moving. */
  targetReached: z.boolean(),
  /** Spearman's ρ between this fit and previousTheta; null without one. */
  stability: z.number().nullable(),
  /** The fit the verdict was made on, by script index: θ, for the next stability check. */
  theta: Logits,
});
export type CjStopVerdict = z.infer<typeof CjStopVerdict>;

/** Grade labels, lowest first: Swedish F–A, or a custom scale such as 1–9. */
export const GradeScale = z
  .array(z.string().min(1))
  .min(2)
  .refine((grades) => new Set(grades).size === grades.length, { message: 'grades must be unique' });
export type GradeScale = z.infer<typeof GradeScale>;

export const swedishGrades: GradeScale = ['F', 'E', 'D', 'C', 'B', 'A'];

export const CjGradeTask = z
  .object({
    kind: z.literal('grades'),
    scripts: z.array(ScriptId).min(1),
    theta: Logits,
    se: Logits,
    /** Anchor essays with known grades: judged like any other script in the session. */
    anchors: z.array(z.object({ script: ScriptId, grade: z.string().min(1) })).min(2),
    scale: GradeScale,
    /** Flag an essay whose most likely grade is less likely than this. */
    flagBelow: Probability.default(0.7),
  })
  .superRefine((v, ctx) => {
    if (v.theta.length !== v.scripts.length || v.se.length !== v.scripts.length) {
      ctx.addIssue({ code: 'custom', path: ['theta'], message: 'one θ and SE per script' });
    }
    const scripts = new Set(v.scripts);
    v.anchors.forEach((anchor, k) => {
      if (!scripts.has(anchor.script)) ctx.addIssue({ code: 'custom', path: ['anchors', k, 'script'], message: 'not a script of the session' });
      if (!v.scale.includes(anchor.grade)) ctx.addIssue({ code: 'custom', path: ['anchors', k, 'grade'], message: 'not a grade of the scale' });
    });
  });
export type CjGradeTask = z.input<typeof CjGradeTask>;

export const CjGradeProjection = z.discriminatedUnion('outcome', [
  z.object({
    kind: z.literal('grades'),
    outcome: z.literal('projected'),
    /** Boundary k separates scale[k] from scale[k + 1], in logits; non-decreasing. */
    boundaries: z.array(z.object({ below: z.string(), above: z.string(), theta: z.number(), source: z.enum(['anchors', 'interpolated', 'extrapolated']) })),
    essays: z.array(
      z.object({
        script: ScriptId,
        /** The most likely grade; null for an essay with no comparisons yet. */
        grade: z.string().nullable(),
        /** P(grade), in scale order; empty when grade is null. */
        probabilities: z.array(Probability),
        /** The most likely grade is less likely than flagBelow (or there is none). */
        flagged: z.boolean(),
        /** The known grade, for an anchor. */
        anchorGrade: z.string().nullable(),
      }),
    ),
  }),
  z.object({ kind: z.literal('grades'), outcome: z.literal('unavailable'), reason: z.enum(['TOO_FEW_ANCHORED_GRADES', 'ANCHORS_DO_NOT_SEPARATE']) }),
]);
export type CjGradeProjection = z.infer<typeof CjGradeProjection>;

export const CjSimulateTask = z
  .object({
    kind: z.literal('simulate'),
    /** The true values the simulated judges choose by, in logits. */
    truth: z.object({ scripts: z.array(ScriptId).min(2), theta: Logits }),
    /** Exactly round(perScript × scripts / 2) judgements; with stopWithRule, the budget instead. */
    perScript: z.number().positive(),
    judges: z.number().int().min(1),
    /**
     * How much the simulated judges differ: judge k picks by σ(a_k·(θ_left − θ_right)) with log a_k drawn
     * from N(0, judgeSpread²) by the seed. 0: every judge follows the model exactly.
     */
    judgeSpread: z.number().min(0).max(2).default(0),
    method: SelectorMethod.default('adaptive'),
    /** Let the stopping rule end the session (checked every round). */
    stopWithRule: z.boolean().default(false),
    stopping: StoppingSettings.prefault({}),
    splitHalf: z.object({ splits: z.number().int().min(1).max(1000).default(100) }).prefault({}),
    eps: Eps,
    seed: Seed,
  })
  .refine((v) => v.truth.theta.length === v.truth.scripts.length, { message: 'one θ per script' });
export type CjSimulateTask = z.input<typeof CjSimulateTask>;

export const CjSimulation = z.object({
  kind: z.literal('simulate'),
  comparisons: z.number().int().nonnegative(),
  perScript: z.number().nonnegative(),
  ssr: z.number().nullable(),
  splitHalf: z.number().nullable(),
  reliability: ReportedReliability,
  /** The stopping rule's verdict on the finished session: its stop reason, or null if it would go on. */
  stoppedBecause: StopReason.nullable(),
  verdict: z.union([StopReason, ContinueReason]),
  scripts: z.array(ScriptId),
  theta: Logits,
  se: Logits,
  /** Against the truth: Spearman's ρ, and r² (the squared Pearson correlation), which no real session can know. */
  truthSpearman: z.number(),
  trueR2: z.number(),
});
export type CjSimulation = z.infer<typeof CjSimulation>;

export const CjTask = z.discriminatedUnion('kind', [CjFitTask, CjNextPairTask, CjStopTask, CjGradeTask, CjSimulateTask]);
export type CjTask = z.input<typeof CjTask>;

export const CjResult = z.discriminatedUnion('kind', [CjFit, CjNextPair, CjStopVerdict, CjGradeProjection, CjSimulation]);
export type CjResult = z.infer<typeof CjResult>;
