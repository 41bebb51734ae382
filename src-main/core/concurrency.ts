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

/** Runs `work` on every item, at most `limit` at a time; rejects with the first failure once all have settled. */
export async function eachWithLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      await work(item).catch((error: unknown) => failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failures.length) throw failures[0];
}

/**
 * Runs work one at a time per key. A call while the key's work runs does not
 * start a second run: it makes the running loop go round once more when it
 * finishes, and shares its promise. The orchestrator advances batches this
 * way, and judging refits sessions.
 */
export class OneAtATime {
  private readonly active = new Map<string, { again: boolean; done: Promise<void> }>();
  /** Keys held by `exclusive` work; runs asked for meanwhile start after it. */
  private readonly held = new Map<string, Promise<void>>();

  run(key: string, work: () => Promise<void>): Promise<void> {
    const hold = this.held.get(key);
    if (hold) return hold.then(() => this.run(key, work));
    const current = this.active.get(key);
    if (current) {
      current.again = true;
      return current.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await work();
        } while (entry.again);
      } finally {
        this.active.delete(key);
      }
    })();
    this.active.set(key, entry);
    return entry.done;
  }

  /**
   * Waits until the key's work has stopped, then runs `work` once while no
   * other work on the key starts: a run asked for meanwhile starts after it.
   */
  async exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    for (let busy = this.busy(key); busy; busy = this.busy(key)) await busy.catch(() => {});
    // No await between the check above and this line: two exclusive works on one key cannot both pass.
    const done = work();
    const release = done.then(
      () => void this.held.delete(key),
      () => void this.held.delete(key),
    );
    this.held.set(key, release);
    return done;
  }

  /** Resolves when no key has work running, whether it succeeded or not. */
  async idle(): Promise<void> {
    while (this.active.size || this.held.size) await Promise.allSettled([...[...this.active.values()].map((a) => a.done), ...this.held.values()]);
  }

  private busy(key: string): Promise<void> | undefined {
    return this.held.get(key) ?? this.active.get(key)?.done;
  }
}
