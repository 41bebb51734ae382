import type { Batch, Essay } from '../contracts/domain';
import type { CjSession, GradeOverride, JudgeProfile, Judgement, SessionFit, TextView } from '../contracts/judging';
import { correctedText, effectiveFindings } from '../spelling';
import { maskNames } from '../text/personal-data';
import { batchDetail } from './queries';
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
        judgements: await db.judgements.where('sessionId').equals(session.id).filter((j) => !j.undone).count(),
      })),
    );
  });
}

export interface SessionView {
  session: CjSession;
  batch: Batch;
  /** The session's essays, in the session's order. */
  essays: Essay[];
  /** Every judge profile on this laptop. */
  judges: JudgeProfile[];
  judgements: Judgement[];
  fit: SessionFit | null;
  overrides: GradeOverride[];
  /** Spelling errors per 100 words by essay, after the teacher's decisions. */
  findingsPer100: Map<string, number>;
}

export async function sessionView(db: HuleDb, sessionId: string): Promise<SessionView | null> {
  const session = await db.sessions.get(sessionId);
  if (!session) return null;
  const detail = await batchDetail(db, session.batchId);
  if (!detail) return null;
  return db.transaction('r', [db.essays, db.judges, db.judgements, db.sessionFits, db.gradeOverrides], async () => {
    const essays = (await db.essays.bulkGet(session.essayIds)).filter((e): e is Essay => e !== undefined);
    return {
      session,
      batch: detail.batch,
      essays,
      judges: await db.judges.orderBy('name').toArray(),
      judgements: await db.judgements.where('sessionId').equals(sessionId).toArray(),
      fit: (await db.sessionFits.get(sessionId)) ?? null,
      overrides: await db.gradeOverrides.where('sessionId').equals(sessionId).toArray(),
      findingsPer100: detail.findingsPer100,
    };
  });
}

/**
 * An essay's text as a judge sees it: the original, or corrected with the
 * teacher's spelling decisions. The class list's names are masked, so the
 * judge does not see whose essay it is.
 */
export async function judgingText(db: HuleDb, essayId: string, view: TextView, mask: string): Promise<string | null> {
  return db.transaction('r', [db.essays, db.batches, db.contents, db.spellchecks, db.findingDecisions], async () => {
    const essay = await db.essays.get(essayId);
    const batch = essay && (await db.batches.get(essay.batchId));
    const original = essay?.contentHash ? (await db.contents.get(essay.contentHash))?.text : undefined;
    if (!essay || !batch || original === undefined) return null;
    const spellcheck = await db.spellchecks.get(essayId);
    const decisions = await db.findingDecisions.where('essayId').equals(essayId).toArray();
    const text =
      view === 'corrected' && spellcheck
        ? correctedText(original, effectiveFindings(spellcheck.findings, decisions, [...batch.names, ...batch.addedWords]))
        : original;
    return maskNames(text, batch.names, mask);
  });
}
