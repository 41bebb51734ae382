import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import type {
  AppliedEvent,
  Batch,
  ContentVersion,
  Essay,
  PhaseOutcomeRecord,
  StoredBlob,
} from '../contracts/domain';

export const DATABASE_NAME = 'huledu';

/**
 * Every schema version, oldest first. A new version appends an entry with its
 * store changes and, when records must change shape, an upgrade function.
 * Versions are never edited once released.
 */
export const schemaVersions: ReadonlyArray<{
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: import('dexie').Transaction) => Promise<void>;
}> = [
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
];

export const tableNames = ['batches', 'essays', 'contents', 'blobs', 'phaseOutcomes', 'events'] as const;
export type TableName = (typeof tableNames)[number];

export class HuleDb extends Dexie {
  batches!: EntityTable<Batch, 'id'>;
  essays!: EntityTable<Essay, 'id'>;
  contents!: EntityTable<ContentVersion, 'hash'>;
  blobs!: EntityTable<StoredBlob, 'hash'>;
  phaseOutcomes!: Table<PhaseOutcomeRecord, [string, string, number]>;
  events!: EntityTable<AppliedEvent, 'id'>;

  constructor(name = DATABASE_NAME, options?: DexieOptions) {
    super(name, options);
    for (const v of schemaVersions) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}
