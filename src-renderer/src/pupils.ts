import { useLiveQuery } from 'dexie-react-hooks';
import type { ClassList } from '../../shared/contracts/pupils';
import { db } from './db';

/** A batch's class list, live: null when it has none, undefined while it loads. */
export function useClassList(classListId: string | undefined): ClassList | null | undefined {
  return useLiveQuery(async () => (classListId ? ((await db.classLists.get(classListId)) ?? null) : null), [classListId]);
}
