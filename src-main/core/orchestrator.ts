import { BatchDetails, type BatchDetailsInput, type Essay, type Phase, type PhaseOutcomeRecord } from '../../shared/contracts/domain';
import type { BatchSnapshot } from '../../shared/contracts/ipc';
import { eventIds } from '../../shared/events/ids';
import { isPending, pendingStates, readiness } from '../../shared/lifecycle';
import { OneAtATime } from './concurrency';
import { phaseOutcome } from './essay-lifecycle';
import type { Logger } from './logger';
import { nextPhase, phaseDefinitions, resolvePipeline } from './pipeline';
import type { Clock, IdSource, StorePort } from './ports';
import type { Publisher } from './publisher';
import { stallCode } from './stall-code';

/** What the orchestrator needs from the owner of a phase. Which essays wait for it is the essay lifecycle's call. */
export interface PhaseRunner {
  readonly phase: Phase;
  /** Drives every given essay to an outcome for this phase. */
  run(snapshot: BatchSnapshot, essays: Essay[], correlationId: string): Promise<void>;
}

/** A runner's failure that one essay caused: the batch stops at that essay, and the teacher can remove it. */
export class EssayBlockedError extends Error {
  constructor(
    readonly essayId: string,
    cause: unknown,
  ) {
    super(`Work stopped at essay ${essayId}`, { cause });
    this.name = 'EssayBlockedError';
  }
}

/** The pipeline a new batch asks for; dependencies are added by resolvePipeline. */
export const DEFAULT_PIPELINE: Phase[] = ['spellcheck'];

/**
 * The batch orchestrator (BOS): owns each batch's lifecycle and decides which
 * phase runs next. It never touches essay text. Work on one batch is
 * serialised: a request to advance a batch that is already moving makes the
 * running loop look again when it finishes.
 */
export class BatchOrchestrator {
  private readonly moving = new OneAtATime();
  private readonly runners: ReadonlyMap<Phase, PhaseRunner>;

  constructor(
    private readonly store: StorePort,
    private readonly publisher: Publisher,
    runners: readonly PhaseRunner[],
    private readonly logger: Logger,
    private readonly ids: IdSource,
    private readonly clock: Clock,
  ) {
    this.runners = new Map(runners.map((r) => [r.phase, r]));
  }

  async createBatch(details: BatchDetailsInput, correlationId: string, pipeline: Phase[] = DEFAULT_PIPELINE): Promise<string> {
    const batchId = this.ids.uuid();
    await this.publisher.publish({
      type: 'BatchCreated',
      data: { batchId, ...BatchDetails.parse(details), pipeline: resolvePipeline(pipeline, phaseDefinitions), createdAt: this.clock.now() },
      id: eventIds.batchCreated(batchId),
      correlationId,
    });
    return batchId;
  }

  /**
   * Moves a batch through its pipeline until no phase has work. A failure
   * stops the batch in a state the teacher sees (BatchStalled), with a code;
   * the next advance (a retry, a restart) tries again.
   */
  advance(batchId: string, correlationId: string): Promise<void> {
    return this.moving.run(batchId, () => this.drive(batchId, correlationId).catch((error: unknown) => this.stall(batchId, error, correlationId)));
  }

  /** Resumes every batch the store says has unfinished work. */
  async resumeUnfinished(correlationId: string): Promise<void> {
    const waiting = [...this.runners.keys()].flatMap((phase) => pendingStates(phase));
    const batchIds = await this.store.unfinishedBatches({ pendingStates: [...new Set(waiting)] });
    if (batchIds.length) this.logger.log('info', 'resuming unfinished batches', { correlationId, count: batchIds.length });
    await Promise.all(batchIds.map((id) => this.advance(id, correlationId)));
  }

  /**
   * Runs a teacher's command on a batch (a language change, a deletion) once
   * the batch has stopped moving; moves asked for meanwhile start after it.
   */
  whileStill<T>(batchId: string, command: () => Promise<T>): Promise<T> {
    return this.moving.exclusive(batchId, command);
  }

  /** Resolves when no batch is moving. */
  idle(): Promise<void> {
    return this.moving.idle();
  }

  private async drive(batchId: string, correlationId: string): Promise<void> {
    for (;;) {
      const snapshot = await this.store.batchSnapshot({ batchId });
      // Deleted while this move waited for the deletion to finish: nothing left to move.
      if (!snapshot) return;
      if (snapshot.batch.stalled) {
        await this.publisher.publish({ type: 'BatchRetried', data: { batchId }, id: eventIds.batchRetried(batchId, this.ids.uuid()), correlationId });
      }
      const phase = nextPhase(resolvePipeline(snapshot.batch.pipeline, phaseDefinitions), (p) => ({
        pending: snapshot.essays.filter((e) => isPending(p, e)).length,
        running: snapshot.batch.phases[p]?.status === 'running',
        lastOutcome: latestOutcome(snapshot.outcomes, p)?.outcome,
      }));
      if (!phase) return;

      const runner = this.runner(phase);
      const record = snapshot.batch.phases[phase];
      const run = record?.status === 'running' ? record.run : (record?.run ?? 0) + 1;
      if (record?.status !== 'running') {
        await this.publisher.publish({ type: 'BatchPhaseStarted', data: { batchId, phase, run }, id: eventIds.phaseStarted(batchId, phase, run), correlationId });
      }
      const started = Date.now();
      const given = snapshot.essays.filter((e) => isPending(phase, e));
      await runner.run(snapshot, given, correlationId);

      const after = (await this.snapshot(batchId)).essays;
      const stuck = new Set(after.filter((e) => isPending(phase, e)).map((e) => e.id));
      if (given.some((e) => stuck.has(e.id))) throw new Error(`Phase ${phase} left essays without an outcome`);
      const counts = readiness(phase, after);
      if (counts.pending > 0) continue; // Files arrived while the phase ran.
      const outcome = phaseOutcome(counts);
      await this.publisher.publish({
        type: 'BatchPhaseCompleted',
        data: { batchId, phase, run, outcome, counts },
        id: eventIds.phaseCompleted(batchId, phase, run),
        correlationId,
      });
      this.logger.log('info', `phase ${outcome}`, { correlationId, batchId, phase, count: counts.total, ms: Date.now() - started });
    }
  }

  /** Records why the batch stopped. If even that cannot be stored, the failure goes to the caller (and the log). */
  private async stall(batchId: string, error: unknown, correlationId: string): Promise<void> {
    const code = stallCode(error);
    const essayId = error instanceof EssayBlockedError ? error.essayId : undefined;
    this.logger.log('error', 'batch stalled', { correlationId, batchId, code, ...(essayId ? { essayId } : {}), error });
    try {
      await this.publisher.publish({
        type: 'BatchStalled',
        data: { batchId, code, ...(essayId ? { essayId } : {}) },
        id: eventIds.batchStalled(batchId, this.ids.uuid()),
        correlationId,
      });
    } catch {
      throw error;
    }
  }

  private async snapshot(batchId: string): Promise<BatchSnapshot> {
    const snapshot = await this.store.batchSnapshot({ batchId });
    if (!snapshot) throw new Error(`No batch ${batchId}`);
    return snapshot;
  }

  private runner(phase: Phase): PhaseRunner {
    const runner = this.runners.get(phase);
    if (!runner) throw new Error(`No runner for phase ${phase}`);
    return runner;
  }
}

function latestOutcome(outcomes: readonly PhaseOutcomeRecord[], phase: Phase): PhaseOutcomeRecord | undefined {
  return outcomes.filter((o) => o.phase === phase).sort((a, b) => b.run - a.run)[0];
}
