import type { Essay } from '../contracts/domain';
import { DEFAULT_SYNC_SETTINGS, type OutboxItem, type SyncSettingsFields, type SyncSourceRecord } from '../contracts/sync-store';
import { latestFittedSession } from './judging-queries';
import { batchDetail } from './queries';
import type { HuleDb } from './schema';

/** Read models for sync: what the anonymiser needs (main, through the store) and what the views show. They never write. */

/**
 * A batch as the anonymiser needs it: its spellchecked essays with words and
 * findings per 100 words after the teacher's decisions, their texts when
 * asked for, and the latest CJ session that has a fit, with its items and
 * the teacher's grade overrides. Personal data (the class list, texts) is in
 * here on purpose: the anonymiser decides what leaves.
 */
export async function syncSource(db: HuleDb, batchId: string, withTexts: boolean): Promise<SyncSourceRecord | null> {
  const tables = [db.batches, db.essays, db.phaseOutcomes, db.spellchecks, db.findingDecisions, db.contents, db.sessions, db.sessionFits, db.gradeOverrides];
  return db.transaction('r', tables, async () => {
    const detail = await batchDetail(db, batchId);
    if (!detail) return null;
    const { batch, findingsPer100 } = detail;
    const spellchecked = detail.essays.filter((e): e is Essay & { words: number } => e.state === 'spellchecked' && e.words !== undefined);
    const essays = await Promise.all(
      spellchecked.map(async (e) => ({
        id: e.id,
        pupilId: e.pupilMatch?.status === 'matched' ? e.pupilMatch.pupilId : null,
        words: e.words,
        findingsPer100: findingsPer100.get(e.id) ?? 0,
        text: withTexts && e.contentHash ? ((await db.contents.get(e.contentHash))?.text ?? null) : null,
      })),
    );
    const latest = await latestFittedSession(db, batchId);
    const session: SyncSourceRecord['session'] = latest && {
      scale: latest.session.scale,
      reliability: latest.fit.reliability.reported,
      ssr: latest.fit.ssr,
      items: latest.fit.items.map(({ essayId, theta, se, grade, probabilities, preliminary }) => ({ essayId, theta, se, grade, probabilities, preliminary })),
      anchors: latest.session.anchors,
      overrides: latest.overrides.map((o) => ({ essayId: o.essayId, grade: o.grade })),
    };
    return {
      batch: { id: batch.id, title: batch.title, course: batch.course, language: batch.language, createdAt: batch.createdAt, names: batch.names },
      essays,
      session,
    };
  });
}

/** The school's sync settings, or the defaults (off) before they are first saved. */
export async function syncSettings(db: HuleDb): Promise<SyncSettingsFields> {
  const record = await db.settings.get('sync');
  if (!record) return DEFAULT_SYNC_SETTINGS;
  const { enabled, serverUrl, schoolId, sendTexts } = record;
  return { enabled, serverUrl, schoolId, sendTexts };
}

/** Outbox items, newest first; for one batch when given. */
export async function outboxItems(db: HuleDb, batchId?: string): Promise<OutboxItem[]> {
  const items = batchId === undefined ? await db.outbox.toArray() : await db.outbox.where('batchId').equals(batchId).toArray();
  return items.sort((a, b) => b.queuedAt.localeCompare(a.queuedAt) || b.id.localeCompare(a.id));
}
