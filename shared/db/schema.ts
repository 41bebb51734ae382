import Dexie, { type DexieOptions, type EntityTable, type Table, type Transaction } from 'dexie';
import type {
  AppliedEvent,
  Batch,
  ContentVersion,
  Essay,
  FindingDecision,
  PhaseOutcomeRecord,
  StoredBlob,
} from '../contracts/domain';
import type { AiPair, AiProfile, AiRun } from '../contracts/ai-judge';
import type { CjSession, GradeOverride, JudgeProfile, Judgement, SessionFit } from '../contracts/judging';
import type { SpellcheckRecord } from '../contracts/spellcheck-record';
import type { OutboxItem, SyncSettingsRecord } from '../contracts/sync-store';
import type { ClassList, PupilMatch } from '../contracts/pupils';
import { hasSucceeded } from '../lifecycle';
import { matchPupil, settleDuplicates } from '../pupils/match';
import { nameAsPupil } from '../pupils/word-list';
import { detectLanguage } from '../text/language';

export const DATABASE_NAME = 'huledu';

/**
 * Every schema version, oldest first. A new version appends an entry with its
 * store changes and, when records must change shape, an upgrade function.
 * Versions are never edited once released.
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  /** Brings records from the previous version up to this one; also run on restored older backups. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const schemaVersions: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      batches: 'id, createdAt',
      essays: 'id, batchId, [batchId+seq], state, blobHash, parentId',
      contents: 'hash',
      blobs: 'hash',
      phaseOutcomes: '[batchId+phase+run], batchId',
      events: 'id, subject, correlationId',
    },
  },
  {
    // Spellcheck: results per essay, the teacher's decisions, and each batch's word list.
    version: 2,
    stores: {
      spellchecks: 'essayId',
      findingDecisions: '[essayId+key], essayId',
    },
    async upgrade(tx) {
      await tx
        .table('batches')
        .toCollection()
        .modify((batch: Batch) => {
          batch.names ??= [];
          batch.addedWords ??= [];
          // Batches from before spellcheck get it: their accepted essays are checked on the next start.
          if (!batch.pipeline.includes('spellcheck')) batch.pipeline = [...batch.pipeline, 'spellcheck'];
        });
    },
  },
  {
    // Judging: judge profiles, CJ sessions, their judgements, the latest fit, and grade overrides.
    version: 3,
    stores: {
      judges: 'id, name',
      sessions: 'id, batchId',
      judgements: 'id, sessionId',
      sessionFits: 'sessionId',
      gradeOverrides: '[sessionId+essayId], sessionId',
    },
  },
  {
    // Sync: the school's sync settings (never its secrets), and the outbox of anonymised payloads.
    version: 4,
    stores: {
      settings: 'id',
      outbox: 'id, status, batchId',
    },
  },
  {
    // Derived state no longer kept: the engine's corrected texts (views derive them from findings and decisions)
    // and each essay's findings per 100 words from before the teacher's decisions.
    version: 5,
    stores: {},
    async upgrade(tx) {
      await tx.table('contents').filter((c: { kind?: string }) => c.kind === 'corrected').delete();
      await tx.table('contents').toCollection().modify((c: { kind?: string }) => void delete c.kind);
      await tx.table('spellchecks').toCollection().modify((c: { correctedHash?: string }) => void delete c.correctedHash);
      await tx.table('essays').toCollection().modify((e: { findingsPer100?: number }) => void delete e.findingsPer100);
    },
  },
  {
    // Language per essay: each essay's detected language, and the batch's choice of detecting per essay or one
    // language (earlier batches had one) with the English spelling accepted. Essays by text, to delete a batch's
    // texts only where no other batch uses them.
    version: 6,
    stores: { essays: 'id, batchId, [batchId+seq], state, blobHash, parentId, contentHash' },
    async upgrade(tx) {
      await tx
        .table('batches')
        .toCollection()
        .modify((batch: Batch) => {
          batch.detectPerEssay ??= false;
          batch.englishVariant ??= 'both';
        });
      const essays = (await tx.table('essays').toArray()) as Essay[];
      for (const essay of essays) {
        if (!essay.contentHash || essay.detectedLanguage !== undefined) continue;
        const content = (await tx.table('contents').get(essay.contentHash)) as ContentVersion | undefined;
        if (!content) continue;
        const { language, confidence } = detectLanguage(content.text);
        await tx.table('essays').put({ ...essay, detectedLanguage: language, languageConfidence: confidence });
      }
    },
  },
  {
    // The AI judge: profiles (never their keys), each session's run, and the pairs it asks about with their failed calls.
    // Judges say whether they are people or an AI judge; every judge until now was a person.
    version: 7,
    stores: {
      aiProfiles: 'id',
      aiRuns: 'sessionId, status',
      aiPairs: '[sessionId+pair], sessionId',
    },
    async upgrade(tx) {
      await tx
        .table('judges')
        .toCollection()
        .modify((judge: JudgeProfile) => {
          judge.kind ??= 'human';
        });
    },
  },
  {
    // Essays by raw file and state, so freeing a raw file shared by thousands of archive entries looks up one key (issue #12).
    version: 8,
    stores: { essays: 'id, batchId, [batchId+seq], state, blobHash, parentId, contentHash, [blobHash+state]' },
  },
  {
    // Pupils (issue #13): class lists, reused across batches, and batches by the list they use. A batch with names
    // on its word list gets a class list of its own, of those names, so its pupils become records like any other,
    // and its essays are matched to them.
    version: 9,
    stores: { classLists: 'id', batches: 'id, createdAt, classListId' },
    async upgrade(tx) {
      const batches = (await tx.table('batches').toArray()) as Batch[];
      for (const batch of batches) {
        if (batch.classListId || batch.names.length === 0) continue;
        const classListId = `classlist-${batch.id}`;
        const pupils = batch.names.map((name, i) => ({ id: `${classListId}-${i}`, ...nameAsPupil(name) }));
        const name = (batch.className || batch.title).slice(0, 100);
        await tx.table('classLists').put({ id: classListId, name, pupils, createdAt: batch.createdAt, updatedAt: batch.createdAt } satisfies ClassList);
        await tx.table('batches').put({ ...batch, classListId });
        // Its essays are matched to those pupils as intake matches them now, so results and exports name them.
        const essays = ((await tx.table('essays').where('batchId').equals(batch.id).toArray()) as Essay[]).filter((e) => hasSucceeded('intake', e));
        const matches = new Map<Essay, PupilMatch>();
        for (const essay of essays) {
          const content = essay.contentHash ? ((await tx.table('contents').get(essay.contentHash)) as ContentVersion | undefined) : undefined;
          matches.set(essay, matchPupil({ text: content?.text ?? '', fileName: essay.relativePath ?? essay.fileName }, pupils));
        }
        for (const [essay, pupilMatch] of settleDuplicates(matches)) await tx.table('essays').put({ ...essay, pupilMatch });
      }
    },
  },
];

export const tableNames = [
  'batches',
  'essays',
  'contents',
  'blobs',
  'phaseOutcomes',
  'events',
  'spellchecks',
  'findingDecisions',
  'judges',
  'sessions',
  'judgements',
  'sessionFits',
  'gradeOverrides',
  'settings',
  'outbox',
  'aiProfiles',
  'aiRuns',
  'aiPairs',
  'classLists',
] as const;
export type TableName = (typeof tableNames)[number];

export class HuleDb extends Dexie {
  batches!: EntityTable<Batch, 'id'>;
  essays!: EntityTable<Essay, 'id'>;
  contents!: EntityTable<ContentVersion, 'hash'>;
  blobs!: EntityTable<StoredBlob, 'hash'>;
  phaseOutcomes!: Table<PhaseOutcomeRecord, [string, string, number]>;
  events!: EntityTable<AppliedEvent, 'id'>;
  spellchecks!: EntityTable<SpellcheckRecord, 'essayId'>;
  findingDecisions!: Table<FindingDecision, [string, string]>;
  judges!: EntityTable<JudgeProfile, 'id'>;
  sessions!: EntityTable<CjSession, 'id'>;
  judgements!: EntityTable<Judgement, 'id'>;
  sessionFits!: EntityTable<SessionFit, 'sessionId'>;
  gradeOverrides!: Table<GradeOverride, [string, string]>;
  settings!: EntityTable<SyncSettingsRecord, 'id'>;
  outbox!: EntityTable<OutboxItem, 'id'>;
  aiProfiles!: EntityTable<AiProfile, 'id'>;
  aiRuns!: EntityTable<AiRun, 'sessionId'>;
  aiPairs!: Table<AiPair, [string, number]>;
  classLists!: EntityTable<ClassList, 'id'>;

  /** `versions` is for tests that open an older schema; the app always uses all of them. */
  constructor(name = DATABASE_NAME, options?: DexieOptions, versions: readonly SchemaVersion[] = schemaVersions) {
    super(name, options);
    for (const v of versions) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}
