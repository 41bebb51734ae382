import type { BatchFootprint } from '../contracts/main/batches';
import { activeJudgements } from '../judging';
import { tableNames, type HuleDb } from './schema';

/** Everything a batch owns, by table: the keys to delete. */
interface Owned {
  footprint: BatchFootprint;
  essayIds: string[];
  sessionIds: string[];
  outboxIds: string[];
  /** Texts and raw files no other batch's essay refers to. */
  contentHashes: string[];
  blobHashes: string[];
}

async function owned(db: HuleDb, batchId: string): Promise<Owned> {
  const essays = await db.essays.where('batchId').equals(batchId).toArray();
  const essayIds = essays.map((e) => e.id);
  const sessions = await db.sessions.where('batchId').equals(batchId).toArray();
  const sessionIds = sessions.map((s) => s.id);
  const judgements = await db.judgements.where('sessionId').anyOf(sessionIds).toArray();
  const outbox = await db.outbox.where('batchId').equals(batchId).toArray();
  const onlyHere = async (index: 'contentHash' | 'blobHash', hashes: (string | undefined)[]): Promise<string[]> => {
    const candidates = [...new Set(hashes.filter((h): h is string => h !== undefined))];
    const users = await db.essays.where(index).anyOf(candidates).toArray();
    const elsewhere = new Set(users.filter((e) => e.batchId !== batchId).map((e) => e[index]));
    return candidates.filter((h) => !elsewhere.has(h));
  };
  return {
    footprint: {
      essays: essays.filter((e) => e.state !== 'expanded').length,
      sessions: sessions.length,
      judgements: activeJudgements(judgements).length,
      unsentSync: outbox.filter((o) => o.status === 'pending').length,
    },
    essayIds,
    sessionIds,
    outboxIds: outbox.map((o) => o.id),
    contentHashes: await onlyHere('contentHash', essays.map((e) => e.contentHash)),
    blobHashes: await onlyHere('blobHash', essays.map((e) => e.blobHash)),
  };
}

/** The counts the delete confirmation names; null for no such batch. */
export async function batchFootprint(db: HuleDb, batchId: string): Promise<BatchFootprint | null> {
  return db.transaction('r', [db.batches, db.essays, db.sessions, db.judgements, db.outbox], async () =>
    (await db.batches.get(batchId)) ? (await owned(db, batchId)).footprint : null,
  );
}

/**
 * Deletes a batch and everything it owns, in one transaction: its essays,
 * the texts and raw files no other batch uses, spellchecks, decisions,
 * phase outcomes, CJ sessions with their judgements, fits, overrides and AI runs and pairs,
 * outbox items, and the applied-event log rows about any of them. Judge
 * profiles and the school's settings belong to no batch and stay. Main calls
 * it only once the batch has stopped moving.
 */
export async function deleteBatch(db: HuleDb, batchId: string): Promise<BatchFootprint | null> {
  return db.transaction('rw', tableNames.map((t) => db.table(t)), async () => {
    if (!(await db.batches.get(batchId))) return null;
    const o = await owned(db, batchId);
    const subjects = [batchId, ...o.essayIds, ...o.sessionIds, ...o.outboxIds];
    await db.events.where('subject').anyOf(subjects).delete();
    await db.findingDecisions.where('essayId').anyOf(o.essayIds).delete();
    await db.spellchecks.bulkDelete(o.essayIds);
    await db.gradeOverrides.where('sessionId').anyOf(o.sessionIds).delete();
    await db.sessionFits.bulkDelete(o.sessionIds);
    await db.judgements.where('sessionId').anyOf(o.sessionIds).delete();
    await db.aiPairs.where('sessionId').anyOf(o.sessionIds).delete();
    await db.aiRuns.bulkDelete(o.sessionIds);
    await db.sessions.bulkDelete(o.sessionIds);
    await db.outbox.bulkDelete(o.outboxIds);
    await db.phaseOutcomes.where('batchId').equals(batchId).delete();
    await db.contents.bulkDelete(o.contentHashes);
    await db.blobs.bulkDelete(o.blobHashes);
    await db.essays.bulkDelete(o.essayIds);
    await db.batches.delete(batchId);
    return o.footprint;
  });
}
