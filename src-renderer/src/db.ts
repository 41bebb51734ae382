import { HuleDb } from '../../shared/db/schema';

/** The renderer hosts the app's one database (IndexedDB, through Dexie). */
export const db = new HuleDb();
