import { z } from 'zod';

/**
 * The comparative-judgement engine's contract: the tasks its worker pool
 * takes and the results it returns.
 *
 * One unit only: θ, SE and grade boundaries are logits on a Bradley–Terry
 * scale. Nothing here is a 0–1 rank position. The fit's θ is sirt's estimate;
 * the grades task's θ is its posterior mean (the scale its boundaries are on).
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

/** Draws of the anchors' θ behind grade probabilities: about 17 ms for a class of 30, and seeds differ by about 0.01 in a probability. */
const GradeDraws = z.number().int().min(100).max(100_000).default(2000);
/** A grade less likely than this is preliminary. */
const PreliminaryBelow = Probability.default(0.9);

export const CjGradeTask = z
  .object({
    kind: z.literal('grades'),
    /** The session's judgements: the grade posterior is fitted from them, not from a fit's θ and SE. */
    judgements: CjJudgements,
    /** Anchor essays with known grades: judged like any other script in the session. */
    anchors: z.array(z.object({ script: ScriptId, grade: z.string().min(1) })).min(2),
    scale: GradeScale,
    preliminaryBelow: PreliminaryBelow,
    draws: GradeDraws,
    seed: Seed,
  })
  .superRefine((v, ctx) => {
    const scripts = new Set(v.judgements.scripts);
    const anchored = new Set<string>();
    v.anchors.forEach((anchor, k) => {
      if (!scripts.has(anchor.script)) ctx.addIssue({ code: 'custom', path: ['anchors', k, 'script'], message: 'not a script of the session' });
      if (anchored.has(anchor.script)) ctx.addIssue({ code: 'custom', path: ['anchors', k, 'script'], message: 'an essay is an anchor once' });
      if (!v.scale.includes(anchor.grade)) ctx.addIssue({ code: 'custom', path: ['anchors', k, 'grade'], message: 'not a grade of the scale' });
      anchored.add(anchor.script);
    });
  });
export type CjGradeTask = z.input<typeof CjGradeTask>;

export const GradesUnavailableReason = z.enum(['TOO_FEW_ANCHORED_GRADES', 'ANCHORS_DO_NOT_SEPARATE']);

/**
 * Grades with the probability that they are right (docs/cj.md, "Grades from anchors"). θ here is the
 * grade posterior's, not the fit's: boundaries and essays' `theta` are on one scale, so a plot of
 * boundaries must show these θ.
 */
export const CjGradeProjection = z.discriminatedUnion('outcome', [
  z
    .object({
      kind: z.literal('grades'),
      outcome: z.literal('projected'),
      /** Boundary k separates scale[k] from scale[k + 1]: its posterior median (`theta`) and 90% interval, in logits. */
      boundaries: z.array(
        z.object({
          below: z.string(),
          above: z.string(),
          theta: z.number(),
          low: z.number(),
          high: z.number(),
          source: z.enum(['anchors', 'interpolated', 'extrapolated']),
        }),
      ),
      essays: z.array(
        z.object({
          script: ScriptId,
          /** The most likely grade; an anchor's is its known grade. */
          grade: z.string(),
          /**
           * P(each grade), in scale order, summing to 1. Computed, not counted from draws, so never
           * exactly 0 or 1 by a draw-count artefact; show 0.99 and above as "> 99 %". An anchor has its
           * known grade with probability 1.
           */
          probabilities: z.array(Probability),
          /** The grade's probability is below preliminaryBelow, or the essay has no comparisons yet. Never for an anchor. */
          preliminary: z.boolean(),
          /** The known grade, for an anchor. */
          anchorGrade: z.string().nullable(),
          /** Posterior mean and SD of θ (logits), on the boundaries' scale. */
          theta: z.number(),
          sd: z.number().nonnegative(),
          comparisons: z.number().int().nonnegative(),
        }),
      ),
      /** Posterior mean of the prior SD of θ: how spread out the session is, in logits. */
      spread: z.number().positive(),
      /** Draws the probabilities were averaged over. */
      draws: z.number().int().positive(),
      /** Time of the grade posterior alone, measured in the worker. */
      ms: z.number().nonnegative(),
    })
    .superRefine((v, ctx) => {
      v.essays.forEach((essay, k) => {
        const total = essay.probabilities.reduce((sum, p) => sum + p, 0);
        if (essay.probabilities.length !== v.boundaries.length + 1 || Math.abs(total - 1) > 1e-9) {
          ctx.addIssue({ code: 'custom', path: ['essays', k, 'probabilities'], message: 'one probability per grade, summing to 1' });
        }
      });
    }),
  z.object({ kind: z.literal('grades'), outcome: z.literal('unavailable'), reason: GradesUnavailableReason }),
]);
export type CjGradeProjection = z.infer<typeof CjGradeProjection>;

/**
 * Are grade probabilities right? Simulated sessions with a known truth (docs/cj.md): pupils drawn
 * from a normal population whose SD is drawn log-uniformly from trueSpread for each session, anchors
 * at their grades' quantiles, judges choosing by σ(θ_i − θ_j).
 */
export const CjGradeCalibrationTask = z
  .object({
    kind: z.literal('grade-calibration'),
    pupils: z.number().int().min(2).max(500).default(24),
    /** Grades on the scale; the labels do not matter here. */
    grades: z.number().int().min(2).max(20).default(6),
    anchorsPerGrade: z.number().int().min(1).max(10).default(1),
    /** round(perScript × (pupils + anchors) / 2) judgements per session. */
    perScript: z.number().positive().max(100),
    replicates: z.number().int().min(1).max(100_000).default(200),
    method: SelectorMethod.default('random'),
    trueSpread: z
      .object({ min: z.number().positive(), max: z.number().positive() })
      .refine((v) => v.min <= v.max, { message: 'min must not exceed max' })
      .default({ min: 0.6, max: 3 }),
    /** A fixed prior SD for the grade posterior instead of its hierarchical one; null for the app's method. */
    priorSd: z.number().positive().nullable().default(null),
    preliminaryBelow: PreliminaryBelow,
    draws: GradeDraws,
    seed: Seed,
  });
export type CjGradeCalibrationTask = z.input<typeof CjGradeCalibrationTask>;

const ShareRight = z.object({ share: Probability, accuracy: Probability.nullable() });

export const GradeCalibrationMetrics = z.object({
  /** Pupil grades scored. */
  grades: z.number().int().nonnegative(),
  /** Sessions in which the method gave no grades; their pupils are scored as an even guess. */
  withoutGrades: z.number().int().nonnegative(),
  /** The most likely grade is the true one. */
  accuracy: Probability,
  /** Mean probability of the most likely grade. */
  meanStated: Probability,
  /** Expected calibration error over 10 equal-width bins of the most likely grade's probability. */
  ece: z.number().nonnegative(),
  /** Mean −ln P(true grade), P floored at 1e-6; an even guess scores ln(grades). */
  logLoss: z.number().nonnegative(),
  /** Grades stated with probability ≥ preliminaryBelow (shown as final): their share, and the share of them that are right. */
  final: ShareRight,
  /** The same at 0.7, where the earlier method stopped flagging a grade. */
  likely: ShareRight,
});
export type GradeCalibrationMetrics = z.infer<typeof GradeCalibrationMetrics>;

export const CjGradeCalibration = z.object({
  kind: z.literal('grade-calibration'),
  perScript: z.number().positive(),
  method: SelectorMethod,
  replicates: z.number().int().positive(),
  /** The grade posterior (the grades task). */
  posterior: GradeCalibrationMetrics,
  /** The method before it, on the same sessions: boundaries from the sirt fit's anchor θ, each essay normal around its θ with its SE. */
  earlier: GradeCalibrationMetrics,
});
export type CjGradeCalibration = z.infer<typeof CjGradeCalibration>;

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

export const CjTask = z.discriminatedUnion('kind', [CjFitTask, CjNextPairTask, CjStopTask, CjGradeTask, CjSimulateTask, CjGradeCalibrationTask]);
export type CjTask = z.input<typeof CjTask>;

export const CjResult = z.discriminatedUnion('kind', [CjFit, CjNextPair, CjStopVerdict, CjGradeProjection, CjSimulation, CjGradeCalibration]);
export type CjResult = z.infer<typeof CjResult>;
