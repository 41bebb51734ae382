import { z } from 'zod';
import { ContinueReason, GradeScale, StopReason, swedishGrades } from './cj';
import { SessionAiSettings, AiJudgementDetails } from './ai-judge';
import { Batch, BatchStallCode, Essay, Id, IsoTime, JudgeName } from './domain';

export { JudgeName };

/**
 * Judging: local judge profiles, comparative-judgement sessions over a
 * spellchecked batch, the judgements themselves, and the fit the app shows.
 * θ, SE and boundaries are logits (see shared/contracts/cj.ts).
 */

/**
 * A person who judges on this laptop, such as "Anna", or an AI judge (its id
 * is its AI profile's). Not an account: a name to attribute judgements to.
 */
export const JudgeProfile = z.object({ id: Id, name: JudgeName, createdAt: IsoTime, kind: z.enum(['human', 'ai']).default('human') });
export type JudgeProfile = z.infer<typeof JudgeProfile>;

export const TextView = z.enum(['corrected', 'original']);
export type TextView = z.infer<typeof TextView>;

/** One grade of a scale, as anchors and overrides name it. */
export const Grade = z.string().min(1).max(20);

/** The longest time one judgement is recorded with: a day (a pair left on screen over a weekend counts as one). */
export const MAX_JUDGEMENT_MS = 86_400_000;
export const JudgementMs = z.number().int().nonnegative().max(MAX_JUDGEMENT_MS);

export const Anchor = z.object({ essayId: Id, grade: Grade });
export type Anchor = z.infer<typeof Anchor>;

export const SessionSettings = z
  .object({
    batchId: Id,
    title: z.string().trim().min(1).max(200),
    /** The human judges; an AI judge comes with `ai`, beside them or instead of them. */
    judgeIds: z.array(Id).max(20),
    /** Essays with known grades, judged like the rest; their grades set the boundaries. */
    anchors: z.array(Anchor).max(500).default([]),
    scale: GradeScale.default(swedishGrades),
    targetReliability: z.number().min(0.5).max(0.95).default(0.8),
    budgetPerScript: z.number().int().min(3).max(40).default(20),
    /** What judges are shown: the pupil's text, unless the creator chooses the corrected one. */
    textView: TextView.default('original'),
    /** The AI judge, when the teacher adds one. Nothing is sent until the teacher starts it. */
    ai: SessionAiSettings.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.judgeIds.length === 0 && !v.ai) ctx.addIssue({ code: 'custom', path: ['judgeIds'], message: 'a session needs a judge' });
    if (new Set(v.judgeIds).size !== v.judgeIds.length) ctx.addIssue({ code: 'custom', path: ['judgeIds'], message: 'judges must be unique' });
    if (new Set(v.anchors.map((a) => a.essayId)).size !== v.anchors.length) {
      ctx.addIssue({ code: 'custom', path: ['anchors'], message: 'an essay can be an anchor once' });
    }
    v.anchors.forEach((a, k) => {
      if (!v.scale.includes(a.grade)) ctx.addIssue({ code: 'custom', path: ['anchors', k, 'grade'], message: 'not a grade of the scale' });
    });
  });
export type SessionSettings = z.infer<typeof SessionSettings>;
export type SessionSettingsInput = z.input<typeof SessionSettings>;

const SessionStop = z.object({ reason: StopReason, judgements: z.number().int().nonnegative(), at: IsoTime });

/** The last refit that failed: the results then show an older fit, and say so, until a fit computed after `at`. */
const SessionFitFailure = z.object({ code: BatchStallCode, at: IsoTime });

export const CjSession = z.object({
  id: Id,
  batchId: Id,
  title: z.string().min(1).max(200),
  /** The human judges chosen at set-up (judges who joined later are known from their judgements). */
  judgeIds: z.array(Id),
  anchors: z.array(Anchor),
  scale: GradeScale,
  targetReliability: z.number(),
  budgetPerScript: z.number(),
  /** What judges are shown; absent in sessions from before the choice, which show the original (`sessionTextView`). */
  textView: TextView.optional(),
  /** The essays being ranked: the batch's spellchecked essays when the session was created, and those added later. */
  essayIds: z.array(Id).min(2),
  createdAt: IsoTime,
  /** The AI judge; absent in sessions without one. */
  ai: SessionAiSettings.optional(),
  /** Set once, when the stopping rule ends the session. */
  stop: SessionStop.nullable(),
  fitFailed: SessionFitFailure.optional(),
});
export type CjSession = z.infer<typeof CjSession>;

/** One decision: `winner` was better than the other of `left` and `right`. Ids are UUIDs, so sets from two laptops merge by id. */
export const Judgement = z
  .object({
    id: z.uuid(),
    sessionId: Id,
    judgeId: Id,
    left: Id,
    right: Id,
    winner: Id,
    /** How long the judge looked at the pair, in milliseconds. */
    ms: JudgementMs,
    judgedAt: IsoTime,
    /** Taken back by the judge; kept, so an undo survives a merge. */
    undone: z.boolean(),
    /** An AI judge's answer: its reason and confidence; `left` is the text it was shown first. Absent for people. */
    ai: AiJudgementDetails.optional(),
  })
  .refine((j) => j.left !== j.right && (j.winner === j.left || j.winner === j.right), { message: 'the winner must be one of the two essays' });
export type Judgement = z.infer<typeof Judgement>;

/** The teacher's grade for an essay, recorded beside the model's. */
export const GradeOverride = z.object({
  sessionId: Id,
  essayId: Id,
  grade: Grade,
  judgeId: Id,
  at: IsoTime,
});
export type GradeOverride = z.infer<typeof GradeOverride>;

export const FitItem = z.object({
  essayId: Id,
  theta: z.number(),
  /** Null, as are the fit statistics, for an essay with no comparisons yet. */
  se: z.number().nullable(),
  infit: z.number().nullable(),
  outfit: z.number().nullable(),
  wins: z.number().int().nonnegative(),
  comparisons: z.number().int().nonnegative(),
  /** The most likely grade from the anchors (an anchor's is its known grade); null without grades. */
  grade: z.string().nullable(),
  /** P(each grade) in scale order, from the grade posterior; empty without a grade. */
  probabilities: z.array(z.number().min(0).max(1)),
  /**
   * The grade is less likely than 0.9, or the essay has no comparisons yet: it is shown marked
   * preliminary. A fit stored before the mark existed counts as preliminary until the next refit.
   */
  preliminary: z.boolean().default(true),
  /** Infit more than two SDs above the mean infit: judges disagree about this essay more than the model expects. */
  misfit: z.boolean(),
});
export type FitItem = z.infer<typeof FitItem>;

export const JudgeStats = z.object({
  judgeId: Id,
  judgements: z.number().int().nonnegative(),
  infit: z.number().nullable(),
  outfit: z.number().nullable(),
  medianMs: z.number().nullable(),
  /** Share of judgements where the left essay won. */
  leftShare: z.number().min(0).max(1).nullable(),
});
export type JudgeStats = z.infer<typeof JudgeStats>;

const ThetaSnapshot = z.object({ judgements: z.number().int().nonnegative(), theta: z.record(Id, z.number()) });

/** The latest fit of a session, stored so every view (and a reload) shows it at once. Derived: refitted from the judgements. */
export const SessionFit = z.object({
  sessionId: Id,
  /** The judgements (not undone) the fit is based on. */
  judgements: z.number().int().nonnegative(),
  computedAt: IsoTime,
  items: z.array(FitItem),
  judges: z.array(JudgeStats),
  ssr: z.number().nullable(),
  /** The reliability shown to the teacher: measured so adaptive pairing cannot inflate it (docs/cj.md). */
  reliability: z.object({ reported: z.number().nullable(), lowerBound: z.number().nullable() }),
  verdict: z.object({ stop: z.boolean(), reason: z.union([StopReason, ContinueReason]), perScript: z.number() }),
  boundaries: z.array(z.object({ below: z.string(), above: z.string(), theta: z.number(), source: z.enum(['anchors', 'interpolated', 'extrapolated']) })),
  /** Why there are no grades: too few anchored grades, or anchors the judgements do not tell apart. */
  gradesUnavailable: z.enum(['TOO_FEW_ANCHORED_GRADES', 'ANCHORS_DO_NOT_SEPARATE']).nullable(),
  /**
   * θ by essay id at the first fit of this round (essays/2 judgements) and of the one before: the stopping rule's
   * stability check compares with `previous`, about a round earlier.
   */
  checkpoints: z.object({ previous: ThetaSnapshot.nullable(), current: ThetaSnapshot.nullable() }),
});
export type SessionFit = z.infer<typeof SessionFit>;

/** What a judge sees next. */
export const NextPair = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('pair'), left: Id, right: Id }),
  z.object({ outcome: z.literal('none'), reason: z.enum(['stopped', 'quota-reached', 'budget-spent']) }),
]);
export type NextPair = z.infer<typeof NextPair>;

/**
 * An essay as a moderation file carries it: known by its id and its text's
 * hash, never by its file name or path (often the pupil's name), nor by its
 * raw file or the archive it came in.
 */
/**
 * What a moderation file says of an essay: only what rebuilding it needs. An
 * allow-list, so a field added to Essay later (a pupil match, with the lines
 * that name the pupil) never leaves the laptop by default; file names are
 * often pupils' names.
 */
export const PortableEssay = Essay.pick({
  id: true,
  batchId: true,
  seq: true,
  size: true,
  state: true,
  format: true,
  encoding: true,
  contentHash: true,
  normalisedHash: true,
  words: true,
  receivedAt: true,
  updatedAt: true,
});
export type PortableEssay = z.infer<typeof PortableEssay>;

/**
 * A session's judgements as a file for moderation between laptops: enough to
 * rebuild the session on a laptop that has never seen the batch (the essays'
 * texts, not their files, their names or the class list).
 */
export const JudgementsFile = z.object({
  format: z.literal('huledu-judgements'),
  version: z.literal(2),
  exportedAt: IsoTime,
  batch: Batch.pick({ id: true, title: true, className: true, course: true, language: true, createdAt: true }),
  session: CjSession,
  judges: z.array(JudgeProfile),
  essays: z.array(z.object({ essay: PortableEssay, text: z.string() })),
  judgements: z.array(Judgement),
});
export type JudgementsFile = z.infer<typeof JudgementsFile>;

/**
 * What an import accepts: this version, or version 1, whose essays also
 * carried their file names. Parsing drops those (zod strips keys the schema
 * does not name), so a name in an older file never reaches this laptop.
 */
export const ImportedJudgementsFile = JudgementsFile.extend({ version: z.union([z.literal(1), z.literal(2)]) });
export type ImportedJudgementsFile = z.infer<typeof ImportedJudgementsFile>;
