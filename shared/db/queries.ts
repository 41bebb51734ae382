import { EssayState, type Batch, type Essay, type FindingDecision, type Language, type PhaseOutcome, type PhaseOutcomeRecord } from '../contracts/domain';
import { languageFlag, type LanguageFlag } from '../essay-language';
import type { SpellcheckRecord } from '../contracts/spellcheck-record';
import { effectiveFindings, findingsPer100Words } from '../spelling';
import type { HuleDb } from './schema';

/** Read models for views, the CLI and export. They never write. */

export type BatchStatus = 'idle' | 'running' | 'stalled' | PhaseOutcome;

export interface BatchOverview {
  batch: Batch;
  counts: Record<EssayState, number>;
  status: BatchStatus;
}

const emptyCounts = (): Record<EssayState, number> =>
  Object.fromEntries(EssayState.options.map((state) => [state, 0])) as Record<EssayState, number>;

export function countStates(essays: Essay[]): Record<EssayState, number> {
  const counts = emptyCounts();
  for (const e of essays) counts[e.state]++;
  return counts;
}

/** A batch's status for display: stalled when its work stopped, running while any phase runs, else the last outcome of its last phase. */
export function batchStatus(batch: Batch, outcomes: PhaseOutcomeRecord[]): BatchStatus {
  if (batch.stalled) return 'stalled';
  const phases = Object.values(batch.phases);
  if (phases.some((p) => p?.status === 'running')) return 'running';
  const lastPhase = batch.pipeline.findLast((phase) => batch.phases[phase]);
  if (!lastPhase) return 'idle';
  const run = batch.phases[lastPhase]?.run;
  return outcomes.find((o) => o.phase === lastPhase && o.run === run)?.outcome ?? 'running';
}

/** The tables listBatches reads. */
export const listBatchesTables = ['batches', 'essays', 'phaseOutcomes'] as const;

export async function listBatches(db: HuleDb): Promise<BatchOverview[]> {
  return db.transaction('r', [...listBatchesTables], async () => {
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
  /** Spelling errors per 100 words by essay, after the teacher's decisions and the batch's word list. */
  findingsPer100: Map<string, number>;
  /** The language each checked essay was spellchecked in. */
  checkedLanguage: Map<string, Language>;
  /** What the teacher must be told about each essay's language (shared/essay-language.ts); absent when nothing. */
  languageFlags: Map<string, Exclude<LanguageFlag, null>>;
  /** Each checked essay's stored spellcheck, for the next read to reuse. */
  spellchecks: Map<string, SpellcheckRecord>;
}

/** The tables batchDetail reads: a change to any other cannot change it. */
export const batchDetailTables = ['batches', 'essays', 'phaseOutcomes', 'spellchecks', 'findingDecisions'] as const;

/**
 * With `previous`, the last detail of the same batch, only the spellchecks of
 * essays changed since are read: a view that follows a running batch reads a
 * few records per event, not the whole batch's. A spellcheck is stored before
 * the essay's transition that follows it, so an essay with the same
 * `updatedAt` and state has the same spellcheck.
 */
export async function batchDetail(db: HuleDb, batchId: string, previous?: BatchDetail | null): Promise<BatchDetail | null> {
  return db.transaction('r', [...batchDetailTables], async () => {
    const batch = await db.batches.get(batchId);
    if (!batch) return null;
    const essays = await db.essays.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).toArray();
    const outcomes = await db.phaseOutcomes.where('batchId').equals(batchId).toArray();
    const ids = essays.map((e) => e.id);
    const before = new Map(previous?.batch.id === batchId ? previous.essays.map((e) => [e.id, e]) : []);
    const reused: Array<SpellcheckRecord | undefined> = [];
    const changed: string[] = [];
    for (const e of essays) {
      const old = before.get(e.id);
      if (old?.updatedAt === e.updatedAt && old.state === e.state) reused.push(previous?.spellchecks.get(e.id));
      else changed.push(e.id);
    }
    const checks = [...reused, ...(await db.spellchecks.bulkGet(changed))].filter((c): c is SpellcheckRecord => c !== undefined);
    const decisions = await db.findingDecisions.where('essayId').anyOf(ids).toArray();
    const allowed = [...batch.names, ...batch.addedWords];
    // Grouped once: filtering all decisions per essay grows with the square of the batch.
    const decisionsOf = new Map<string, FindingDecision[]>();
    for (const d of decisions) {
      const own = decisionsOf.get(d.essayId);
      if (own) own.push(d);
      else decisionsOf.set(d.essayId, [d]);
    }
    const findingsPer100 = new Map(
      checks.map((c) => [c.essayId, findingsPer100Words(c.words, effectiveFindings(c.findings, decisionsOf.get(c.essayId) ?? [], allowed))]),
    );
    const checkedLanguage = new Map(checks.map((c) => [c.essayId, c.language]));
    const byId = new Map(checks.map((c) => [c.essayId, c]));
    const languageFlags = new Map(
      essays.flatMap((e) => {
        const flag = e.contentHash ? languageFlag(batch, e, byId.get(e.id) ?? null) : null;
        return flag ? [[e.id, flag] as const] : [];
      }),
    );
    return { batch, essays, status: batchStatus(batch, outcomes), findingsPer100, checkedLanguage, languageFlags, spellchecks: byId };
  });
}

export interface EssaySpelling {
  essay: Essay;
  batch: Batch;
  text: string | null;
  spellcheck: SpellcheckRecord | null;
  decisions: FindingDecision[];
}

/** An essay with everything its view shows: the text, the spellcheck, the teacher's decisions, the batch's word list. */
export async function essaySpelling(db: HuleDb, essayId: string): Promise<EssaySpelling | null> {
  return db.transaction('r', [db.essays, db.batches, db.contents, db.spellchecks, db.findingDecisions], async () => {
    const essay = await db.essays.get(essayId);
    const batch = essay && (await db.batches.get(essay.batchId));
    if (!essay || !batch) return null;
    return {
      essay,
      batch,
      text: essay.contentHash ? ((await db.contents.get(essay.contentHash))?.text ?? null) : null,
      spellcheck: (await db.spellchecks.get(essayId)) ?? null,
      decisions: await db.findingDecisions.where('essayId').equals(essayId).toArray(),
    };
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
