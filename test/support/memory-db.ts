import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { HuleDb } from '../../shared/db/schema';

/** A fresh database over an in-memory IndexedDB, as the CLI host uses. */
export function memoryDb(): HuleDb {
  return new HuleDb(`test-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
}
