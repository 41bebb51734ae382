/**
 * Runs `prepare` on up to `ahead` items concurrently, and `commit` on each
 * result strictly in item order. Intake uses it so that extraction overlaps
 * but decisions (such as which of two equal texts is the duplicate) follow the
 * order the teacher's files arrived in, whatever the timing.
 */
export async function inOrder<T, R>(
  items: readonly T[],
  ahead: number,
  prepare: (item: T) => Promise<R>,
  commit: (item: T, result: R) => Promise<void>,
): Promise<void> {
  const prepared: Promise<R>[] = [];
  const start = (i: number): void => {
    if (i < items.length && prepared[i] === undefined) {
      prepared[i] = prepare(items[i]);
      // Commit order decides when it is awaited; avoid an unhandled rejection meanwhile.
      prepared[i].catch(() => {});
    }
  };
  for (let i = 0; i < items.length; i++) {
    for (let j = i; j < i + Math.max(1, ahead); j++) start(j);
    await commit(items[i], await prepared[i]);
  }
}
