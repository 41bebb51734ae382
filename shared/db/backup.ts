import { z } from 'zod';
import Dexie from 'dexie';
import {
  AppliedEvent,
  Batch,
  ContentVersion,
  Essay,
  FindingDecision,
  PhaseOutcomeRecord,
  Sha256,
} from '../contracts/domain';
import { AiPair, AiProfile, AiRun } from '../contracts/ai-judge';
import { CjSession, GradeOverride, JudgeProfile, Judgement, SessionFit } from '../contracts/judging';
import { SpellcheckRecord } from '../contracts/spellcheck-record';
import { OutboxItem, SyncSettingsRecord } from '../contracts/sync-store';
import { ClassList } from '../contracts/pupils';
import { schemaVersions, tableNames, type HuleDb } from './schema';

/** The whole database as one JSON document. Raw files are base64. */
export const Backup = z.object({
  format: z.literal('huledu-backup'),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.iso.datetime(),
  tables: z.object({
    batches: z.array(Batch),
    essays: z.array(Essay),
    // Until schema 5 the engine's corrected texts were stored too (kind 'corrected'); they are derived, so left out.
    contents: z
      .array(ContentVersion.extend({ kind: z.string().optional() }))
      .transform((rows) => rows.filter((row) => row.kind !== 'corrected').map(({ kind: _kind, ...row }) => row)),
    blobs: z.array(z.object({ hash: Sha256, base64: z.string() })),
    phaseOutcomes: z.array(PhaseOutcomeRecord),
    events: z.array(AppliedEvent),
    // Tables that came with later schema versions are absent from older backups.
    spellchecks: z.array(SpellcheckRecord).default([]),
    findingDecisions: z.array(FindingDecision).default([]),
    judges: z.array(JudgeProfile).default([]),
    sessions: z.array(CjSession).default([]),
    judgements: z.array(Judgement).default([]),
    sessionFits: z.array(SessionFit).default([]),
    gradeOverrides: z.array(GradeOverride).default([]),
    // Sync settings and the outbox. The school's token and HMAC key are never in the database, so never in a backup.
    settings: z.array(SyncSettingsRecord).default([]),
    outbox: z.array(OutboxItem).default([]),
    // The AI judge's profiles, runs and pairs. Its API keys are in main's secret store, never here.
    aiProfiles: z.array(AiProfile).default([]),
    aiRuns: z.array(AiRun).default([]),
    aiPairs: z.array(AiPair).default([]),
    // Class lists: pupils' names, which never leave the laptop except in the teacher's own backup.
    classLists: z.array(ClassList).default([]),
  }),
});
export type Backup = z.infer<typeof Backup>;

/** Why a file could not be restored: it is not a valid backup, or it comes from a newer app. */
export class BackupError extends Error {
  constructor(readonly reason: 'invalid' | 'newer') {
    super(reason === 'invalid' ? 'Not a valid HuleEdu backup' : 'The backup is from a newer version of the app');
    this.name = 'BackupError';
  }
}

export async function exportBackup(db: HuleDb): Promise<Backup> {
  return db.transaction('r', tableNames.map((t) => db.table(t)), async () => ({
    format: 'huledu-backup' as const,
    schemaVersion: db.verno,
    exportedAt: new Date().toISOString(),
    tables: {
      batches: await db.batches.toArray(),
      essays: await db.essays.toArray(),
      contents: await db.contents.toArray(),
      blobs: (await db.blobs.toArray()).map((b) => ({ hash: b.hash, base64: toBase64(b.bytes) })),
      phaseOutcomes: await db.phaseOutcomes.toArray(),
      events: await db.events.toArray(),
      spellchecks: await db.spellchecks.toArray(),
      findingDecisions: await db.findingDecisions.toArray(),
      judges: await db.judges.toArray(),
      sessions: await db.sessions.toArray(),
      judgements: await db.judgements.toArray(),
      sessionFits: await db.sessionFits.toArray(),
      gradeOverrides: await db.gradeOverrides.toArray(),
      settings: await db.settings.toArray(),
      outbox: await db.outbox.toArray(),
      aiProfiles: await db.aiProfiles.toArray(),
      aiRuns: await db.aiRuns.toArray(),
      aiPairs: await db.aiPairs.toArray(),
      classLists: await db.classLists.toArray(),
    },
  }));
}

/**
 * Replaces the database's contents with a backup, in one transaction: a file
 * that fails to parse, or a write that fails, changes nothing. A backup from
 * an older schema is upgraded as it is restored.
 */
export async function restoreBackup(db: HuleDb, json: unknown): Promise<void> {
  const parsed = Backup.safeParse(json);
  if (!parsed.success) throw new BackupError('invalid');
  const backup = parsed.data;
  if (backup.schemaVersion > db.verno) throw new BackupError('newer');
  const t = backup.tables;
  await db.transaction('rw', tableNames.map((name) => db.table(name)), async () => {
    await Promise.all(tableNames.map((name) => db.table(name).clear()));
    await db.batches.bulkAdd(t.batches);
    await db.essays.bulkAdd(t.essays);
    await db.contents.bulkAdd(t.contents);
    await db.blobs.bulkAdd(t.blobs.map((b) => ({ hash: b.hash, bytes: fromBase64(b.base64) })));
    await db.phaseOutcomes.bulkAdd(t.phaseOutcomes);
    await db.events.bulkAdd(t.events);
    await db.spellchecks.bulkAdd(t.spellchecks);
    await db.findingDecisions.bulkAdd(t.findingDecisions);
    await db.judges.bulkAdd(t.judges);
    await db.sessions.bulkAdd(t.sessions);
    await db.judgements.bulkAdd(t.judgements);
    await db.sessionFits.bulkAdd(t.sessionFits);
    await db.gradeOverrides.bulkAdd(t.gradeOverrides);
    await db.settings.bulkAdd(t.settings);
    await db.outbox.bulkAdd(t.outbox);
    await db.aiProfiles.bulkAdd(t.aiProfiles);
    await db.aiRuns.bulkAdd(t.aiRuns);
    await db.aiPairs.bulkAdd(t.aiPairs);
    await db.classLists.bulkAdd(t.classLists);
    // An older backup is brought up to this schema by the same upgrades a database goes through.
    for (const version of schemaVersions) {
      if (version.version > backup.schemaVersion && version.upgrade) await version.upgrade(Dexie.currentTransaction);
    }
  });
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
