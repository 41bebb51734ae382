import type { Batch, Essay } from '../contracts/domain';
import type { CjSession, GradeOverride, JudgeProfile, Judgement, SessionFit, TextView } from '../contracts/judging';
import { activeJudgements, judgingReadiness, median } from '../judging';
import { correctedText, effectiveFindings, isAutomaticChange } from '../spelling';
import { maskBatchNames } from '../pupils/mask';
import { batchDetail, essaySpelling } from './queries';
import type { HuleDb } from './schema';

/** Read models for judging and results. They never write. */

export interface SessionSummary {
  session: CjSession;
  /** Judgements that count (not undone). */
  judgements: number;
}

export async function batchSessions(db: HuleDb, batchId: string): Promise<SessionSummary[]> {
  return db.transaction('r', [db.sessions, db.judgements], async () => {
    const sessions = await db.sessions.where('batchId').equals(batchId).sortBy('createdAt');
    return Promise.all(
      sessions.map(async (session) => ({
        session,
        judgements: activeJudgements(await db.judgements.where('sessionId').equals(session.id).toArray()).length,
      })),
    );
  });
}

/** The latest of a batch's sessions that has a fit, with the teacher's overrides: what results and exports show. */
export async function latestFittedSession(
  db: HuleDb,
  batchId: string,
): Promise<{ session: CjSession; fit: SessionFit; overrides: GradeOverride[] } | null> {
  return db.transaction('r', [db.sessions, db.sessionFits, db.gradeOverrides], async () => {
    const sessions = (await db.sessions.where('batchId').equals(batchId).sortBy('createdAt')).reverse();
    for (const session of sessions) {
      const fit = await db.sessionFits.get(session.id);
      if (fit) return { session, fit, overrides: await db.gradeOverrides.where('sessionId').equals(session.id).toArray() };
    }
    return null;
  });
}

export interface JudgingState {
  session: CjSession;
  /** Every judge profile on this laptop. */
  judges: JudgeProfile[];
  judgements: Judgement[];
  fit: SessionFit | null;
  /** The batch's essays that are ready (spellchecked) but not in the session: they became ready after it started. */
  readyToAdd: number;
}

/** What the judging screen shows around the pair: the session, its judges and judgements, the latest fit, and essays ready to add. */
export async function judgingState(db: HuleDb, sessionId: string): Promise<JudgingState | null> {
  return db.transaction('r', [db.sessions, db.judges, db.judgements, db.sessionFits, db.essays], async () => {
    const session = await db.sessions.get(sessionId);
    if (!session) return null;
    const inSession = new Set(session.essayIds);
    const batchEssays = await db.essays.where('batchId').equals(session.batchId).toArray();
    return {
      session,
      judges: await db.judges.orderBy('name').toArray(),
      judgements: await db.judgements.where('sessionId').equals(sessionId).toArray(),
      fit: (await db.sessionFits.get(sessionId)) ?? null,
      readyToAdd: batchEssays.filter((e) => e.state === 'spellchecked' && !inSession.has(e.id)).length,
    };
  });
}

export interface SetupEssay {
  essay: Essay;
  /** The text as the pupil wrote it, for the anchor preview. */
  text: string;
  /** Changes the corrected text would make that no teacher has reviewed. */
  unreviewedChanges: number;
}

export interface SessionSetupData {
  batch: Batch;
  /** The essays a session started now would rank, in the batch's order. */
  ready: SetupEssay[];
  /** Essays still in intake or spellcheck. */
  notReady: number;
}

/** What the session setup shows: the ready essays with their texts and unreviewed automatic changes, and how many are not ready yet. */
export async function sessionSetupData(db: HuleDb, batchId: string): Promise<SessionSetupData | null> {
  return db.transaction('r', [db.batches, db.essays, db.contents, db.spellchecks, db.findingDecisions], async () => {
    const batch = await db.batches.get(batchId);
    if (!batch) return null;
    const essays = await db.essays.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).toArray();
    const spellchecked = essays.filter((e) => e.state === 'spellchecked');
    const ids = spellchecked.map((e) => e.id);
    const texts = await db.contents.bulkGet(spellchecked.map((e) => e.contentHash ?? ''));
    const checks = await db.spellchecks.bulkGet(ids);
    const decisions = await db.findingDecisions.where('essayId').anyOf(ids).toArray();
    const allowed = [...batch.names, ...batch.addedWords];
    const ready = spellchecked.map((essay, i) => {
      const check = checks[i];
      const findings = check ? effectiveFindings(check.findings, decisions.filter((d) => d.essayId === essay.id), allowed) : [];
      return { essay, text: texts[i]?.text ?? '', unreviewedChanges: findings.filter(isAutomaticChange).length };
    });
    return { batch, ready, notReady: judgingReadiness(batch.pipeline, essays).notReady };
  });
}

/** The median time per judgement of these judges' judgements on this laptop (not undone), or null when they have none. */
export async function judgesMedianMs(db: HuleDb, judgeIds: readonly string[]): Promise<number | null> {
  const judges = new Set(judgeIds);
  const theirs = await db.judgements.filter((j) => judges.has(j.judgeId)).toArray();
  return median(activeJudgements(theirs).map((j) => j.ms));
}

export interface SessionView {
  session: CjSession;
  batch: Batch;
  /** The session's essays, in the session's order. */
  essays: Essay[];
  /** Every judge profile on this laptop. */
  judges: JudgeProfile[];
  fit: SessionFit | null;
  overrides: GradeOverride[];
  /** Every judgement of the session, undone ones too (the results figures pick those that count). */
  judgements: Judgement[];
  /** Spelling errors per 100 words by essay, after the teacher's decisions. */
  findingsPer100: Map<string, number>;
}

/** A session's results: the fit with the essays it ranks, overrides and spelling. */
export async function sessionView(db: HuleDb, sessionId: string): Promise<SessionView | null> {
  const session = await db.sessions.get(sessionId);
  if (!session) return null;
  const detail = await batchDetail(db, session.batchId);
  if (!detail) return null;
  const byId = new Map(detail.essays.map((e) => [e.id, e]));
  return db.transaction('r', [db.judges, db.sessionFits, db.gradeOverrides, db.judgements], async () => ({
    session,
    batch: detail.batch,
    essays: session.essayIds.flatMap((id) => byId.get(id) ?? []),
    judges: await db.judges.orderBy('name').toArray(),
    fit: (await db.sessionFits.get(sessionId)) ?? null,
    overrides: await db.gradeOverrides.where('sessionId').equals(sessionId).toArray(),
    judgements: await db.judgements.where('sessionId').equals(sessionId).toArray(),
    findingsPer100: detail.findingsPer100,
  }));
}

/**
 * An essay's text as a judge sees it: the original, or corrected with the
 * teacher's spelling decisions. The class list's names are masked, so the
 * judge does not see whose essay it is.
 */
export async function judgingText(db: HuleDb, essayId: string, view: TextView, mask: string): Promise<string | null> {
  const found = await essaySpelling(db, essayId);
  if (!found || found.text === null) return null;
  const { batch, text, spellcheck, decisions } = found;
  const shown =
    view === 'corrected' && spellcheck ? correctedText(text, effectiveFindings(spellcheck.findings, decisions, [...batch.names, ...batch.addedWords])) : text;
  return maskBatchNames(shown, batch.names, mask);
}
