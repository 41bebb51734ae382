import Dexie from 'dexie';
import { startTransition, useEffect, useState } from 'react';

/** The least time between two reads of a batch-wide read model while events stream in. */
const GAP_MS = 250;

/**
 * A live query for read models that cover a whole batch. Dexie's
 * `useLiveQuery` reads again on every change to what it read, and drops a
 * read in flight when the next change comes: while 1,000 essays are imported
 * that is a whole-batch read (and a render of it) per event, thousands of
 * them. Here the changes to the given tables are coalesced: the first is
 * read at once, later ones at most once per `GAP_MS` after the last read
 * finished, so the work per event stays small whatever the batch's size.
 * The querier gets its last result, to read only what changed since.
 */
export function useCoalescedLiveQuery<T>(querier: (previous: T | undefined) => Promise<T>, deps: readonly unknown[], tables: readonly string[]): T | undefined {
  const [value, setValue] = useState<{ deps: readonly unknown[]; result: T }>();

  useEffect(() => {
    let closed = false;
    let running = false;
    let pending = false;
    let lastRead = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: T | undefined;

    const read = async (): Promise<void> => {
      running = true;
      pending = false;
      try {
        const result = await querier(last);
        last = result;
        // A transition: React renders it in slices that yield to input, not as one task.
        if (!closed) startTransition(() => setValue({ deps, result }));
      } finally {
        running = false;
        lastRead = performance.now();
        if (pending) schedule();
      }
    };
    const schedule = (): void => {
      pending = true;
      if (running || timer !== undefined || closed) return;
      timer = setTimeout(
        () => {
          timer = undefined;
          void read();
        },
        Math.max(0, lastRead + GAP_MS - performance.now()),
      );
    };
    // Parts are named idb://<database>/<table>/<index>.
    const onChange = (parts: Record<string, unknown>): void => {
      if (Object.keys(parts).some((part) => tables.includes(part.split('/')[3] ?? ''))) schedule();
    };

    Dexie.on('storagemutated', onChange);
    void read();
    return () => {
      closed = true;
      clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(onChange);
    };
    // The caller's deps decide when the query is a different one, as with useLiveQuery.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tables.join()]);

  // A result read for other deps (another batch) is not shown while the new one is read.
  return value && value.deps.length === deps.length && value.deps.every((d, i) => Object.is(d, deps[i])) ? value.result : undefined;
}
