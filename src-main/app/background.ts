import type { Logger } from '../core/logger';

/**
 * Work that goes on after the call that started it has returned (a batch
 * moving through its phases). A batch's failure is the orchestrator's to
 * record on the batch; what reaches here could not even be recorded, and is
 * logged. The work resumes on the next start.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(work: Promise<void>, correlationId: string): void {
    const tracked = work
      .catch((error: unknown) => this.logger.log('error', 'batch work stopped', { correlationId, error }))
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  /** Resolves when no background work runs, including work started meanwhile. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all(this.running);
  }
}
