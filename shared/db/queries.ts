import type { Batch, Essay, EssayState, PhaseOutcome, PhaseOutcomeRecord } from '../contracts/domain';
import type { HuleDb } from './schema';

/** Read models for views, the CLI and export. They never write. */

export type BatchStatus = 'idle' | 'running' | PhaseOutcome;

export interface BatchOverview {
  batch: Batch;
  counts: Record<EssayState, number>;
  status: BatchStatus;
}

const emptyCounts = (): Record<EssayState, number> => ({
  received: 0,
  extracting: 0,
  accepted: 0,
  rejected: 0,
  expanded: 0,
});

export function countStates(essays: Essay[]): Record<EssayState, number> {
  const counts = emptyCounts();
  for (const e of essays) counts[e.state]++;
  return counts;
}

/** A batch's status for display: running while any phase runs, else the last outcome of its last phase. */
export function batchStatus(batch: Batch, outcomes: PhaseOutcomeRecord[]): BatchStatus {
  const phases = Object.values(batch.phases);
  if (phases.some((p) => p?.status === 'running')) return 'running';
  const lastPhase = batch.pipeline.findLast((phase) => batch.phases[phase]);
  if (!lastPhase) return 'idle';
  const run = batch.phases[lastPhase]?.run;
  return outcomes.find((o) => o.phase === lastPhase && o.run === run)?.outcome ?? 'running';
}

export async function listBatches(db: HuleDb): Promise<BatchOverview[]> {
  return db.transaction('r', [db.batches, db.essays, db.phaseOutcomes], async () => {
    const batches = await db.batches.orderBy('createdAt').reverse().toArray();
    return Promise.all(
      batches.map(async (batch) => ({
        batch,
        counts: countStates(await db.essays.where('batchId').equals(batch.id).toArray()),
        status: batchStatus(batch, await db.phaseOutcomes.where('batchId').equals(batch.id).toArray()),
      })),
    );
  });
}

export interface BatchDetail {
  batch: Batch;
  essays: Essay[];
  status: BatchStatus;
}

export async function batchDetail(db: HuleDb, batchId: string): Promise<BatchDetail | null> {
  return db.transaction('r', [db.batches, db.essays, db.phaseOutcomes], async () => {
    const batch = await db.batches.get(batchId);
    if (!batch) return null;
    const essays = await db.essays.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).toArray();
    const outcomes = await db.phaseOutcomes.where('batchId').equals(batchId).toArray();
    return { batch, essays, status: batchStatus(batch, outcomes) };
  });
}

export async function essayWithText(
  db: HuleDb,
  essayId: string,
): Promise<{ essay: Essay; text: string | null } | null> {
  return db.transaction('r', [db.essays, db.contents], async () => {
    const essay = await db.essays.get(essayId);
    if (!essay) return null;
    const text = essay.contentHash ? ((await db.contents.get(essay.contentHash))?.text ?? null) : null;
    return { essay, text };
  });
}
