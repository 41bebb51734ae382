/**
 * Lets ordinary calls run side by side, and an exclusive one (a backup
 * restore) run alone: it waits for the calls in progress to finish, and
 * calls that arrive meanwhile wait for it.
 */
export class Gate {
  private exclusiveWork: Promise<unknown> | null = null;
  private active = 0;
  private drained: (() => void) | null = null;

  async run<T>(work: () => Promise<T>): Promise<T> {
    while (this.exclusiveWork) await this.exclusiveWork.catch(() => {});
    this.active++;
    try {
      return await work();
    } finally {
      if (--this.active === 0) this.drained?.();
    }
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.exclusiveWork) await this.exclusiveWork.catch(() => {});
    // No await between the check above and this line: two exclusive calls cannot both pass.
    const running = this.drain().then(work);
    this.exclusiveWork = running;
    try {
      return await running;
    } finally {
      this.exclusiveWork = null;
    }
  }

  private drain(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => (this.drained = resolve));
  }
}
