import type { Essay, EssayState, Phase, PhaseOutcome, ReadinessCounts, Rejection } from '../../shared/contracts/domain';
import { eventIds } from '../../shared/events/ids';
import type { EventData } from '../../shared/events/registry';
import type { EventName } from '../../shared/events/registry';
import type { Publication, Publisher } from './publisher';

/** Every legal move of an essay. Anything else is a bug, and throws. */
const TRANSITIONS: Record<EssayState, readonly EssayState[]> = {
  received: ['extracting', 'rejected'],
  extracting: ['accepted', 'rejected', 'expanded'],
  accepted: ['spellchecking'],
  spellchecking: ['spellchecked', 'spellcheck_failed'],
  rejected: [],
  expanded: [],
  // A language change sends a checked essay back to be checked again, in its next round.
  spellchecked: ['accepted'],
  spellcheck_failed: ['accepted'],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: EssayState,
    readonly to: EssayState,
  ) {
    super(`Illegal essay transition ${from} → ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function assertTransition(from: EssayState, to: EssayState): void {
  if (!TRANSITIONS[from].includes(to)) throw new IllegalTransitionError(from, to);
}

/** A finished phase's outcome; one failing essay never fails the phase while others succeed. */
export function phaseOutcome(counts: ReadinessCounts): PhaseOutcome {
  if (counts.pending > 0) throw new Error('A phase with pending essays has no outcome yet');
  if (counts.failed === 0) return 'completed';
  return counts.succeeded === 0 ? 'failed' : 'completed_with_failures';
}

/** A file to receive; `alreadyReceived` when a redone expansion finds it stored but still waiting. */
export interface ReceivedItem {
  received: EventData<'EssayReceived'>;
  rejection?: Rejection;
  alreadyReceived?: boolean;
}

/**
 * The essay lifecycle (ELS): the only writer of essay state. Each method
 * checks the transition, then publishes the event and returns once the store
 * has acknowledged it. Outcome events share one id per essay and phase, so a
 * replay after a crash can never record a second outcome.
 */
export class EssayLifecycle {
  constructor(private readonly publisher: Publisher) {}

  async receive(data: EventData<'EssayReceived'>, correlationId: string): Promise<void> {
    await this.publisher.publish({ type: 'EssayReceived', data, id: eventIds.essayReceived(data.essayId), correlationId });
  }

  startIntake(essay: Essay, correlationId: string): Promise<void> {
    return this.start(essay, 'intake', 'extracting', correlationId);
  }

  /** `together`: events that must be stored in the same step (who wrote it), so a crash cannot keep one without the other. */
  async accept(essay: Essay, data: Omit<EventData<'EssayAccepted'>, 'essayId'>, correlationId: string, together: readonly Publication<EventName>[] = []): Promise<void> {
    assertTransition(essay.state, 'accepted');
    const accepted = { type: 'EssayAccepted' as const, data: { essayId: essay.id, ...data }, id: eventIds.essayOutcome(essay.id, 'intake'), correlationId };
    await this.publisher.publishAll([accepted, ...together]);
  }

  async reject(
    essay: Essay,
    rejection: Rejection,
    details: Pick<EventData<'EssayRejected'>, 'format' | 'words'>,
    correlationId: string,
  ): Promise<void> {
    assertTransition(essay.state, 'rejected');
    const data = { essayId: essay.id, ...rejection, ...definedOnly(details) };
    await this.publisher.publish({ type: 'EssayRejected', data, id: eventIds.essayOutcome(essay.id, 'intake'), correlationId });
  }

  async expand(essay: Essay, entries: number, correlationId: string): Promise<void> {
    assertTransition(essay.state, 'expanded');
    await this.publisher.publish({ type: 'EssayExpanded', data: { essayId: essay.id, entries }, id: eventIds.essayOutcome(essay.id, 'intake'), correlationId });
  }

  /**
   * Many files received at once, in one transaction (an archive's entries):
   * each with the reason it could not be unpacked, if any, so it is rejected
   * in the same step. An entry already received is only rejected, if it waits.
   */
  async receiveAll(items: readonly ReceivedItem[], correlationId: string): Promise<void> {
    await this.publisher.publishAll(
      items.flatMap(({ received, rejection, alreadyReceived }) => [
        ...(alreadyReceived ? [] : [{ type: 'EssayReceived' as const, data: received, id: eventIds.essayReceived(received.essayId), correlationId }]),
        ...(rejection
          ? [{ type: 'EssayRejected' as const, data: { essayId: received.essayId, ...rejection }, id: eventIds.essayOutcome(received.essayId, 'intake'), correlationId }]
          : []),
      ]),
    );
  }

  /** A file that could not be read (its name, a link out of the chosen folder): received and rejected, so the rest go on. */
  async receiveRejected(received: EventData<'EssayReceived'>, rejection: Rejection, correlationId: string): Promise<void> {
    await this.receive(received, correlationId);
    const data = { essayId: received.essayId, ...rejection };
    await this.publisher.publish({ type: 'EssayRejected', data, id: eventIds.essayOutcome(received.essayId, 'intake'), correlationId });
  }

  /** An essay whose intake was done on another laptop (a moderation import): received and accepted, with the ids intake would use. */
  async receiveAccepted(received: EventData<'EssayReceived'>, accepted: Omit<EventData<'EssayAccepted'>, 'essayId'>, correlationId: string): Promise<void> {
    await this.receive(received, correlationId);
    const data = { essayId: received.essayId, ...accepted };
    await this.publisher.publish({ type: 'EssayAccepted', data, id: eventIds.essayOutcome(received.essayId, 'intake'), correlationId });
  }

  startSpellcheck(essay: Essay, correlationId: string): Promise<void> {
    return this.start(essay, 'spellcheck', 'spellchecking', correlationId, spellcheckRound(essay));
  }

  async spellchecked(essay: Essay, data: Omit<EventData<'EssaySpellchecked'>, 'essayId'>, correlationId: string): Promise<void> {
    assertTransition(essay.state, 'spellchecked');
    const id = eventIds.essayOutcome(essay.id, 'spellcheck', spellcheckRound(essay));
    await this.publisher.publish({ type: 'EssaySpellchecked', data: { essayId: essay.id, ...data }, id, correlationId });
  }

  async spellcheckFailed(essay: Essay, correlationId: string): Promise<void> {
    assertTransition(essay.state, 'spellcheck_failed');
    const id = eventIds.essayOutcome(essay.id, 'spellcheck', spellcheckRound(essay));
    await this.publisher.publish({ type: 'EssaySpellcheckFailed', data: { essayId: essay.id }, id, correlationId });
  }

  /**
   * The teacher changed the batch's language: the batch's new choice and the
   * essays it sends back to spellcheck, each in its next round, as one event,
   * so a crash can never leave the language changed and the essays unchecked.
   */
  async changeBatchLanguage(data: Omit<EventData<'BatchLanguageChanged'>, 'recheck'>, recheck: readonly Essay[], fact: string, correlationId: string): Promise<void> {
    for (const essay of recheck) assertTransition(essay.state, 'accepted');
    const rounds = recheck.map((essay) => ({ essayId: essay.id, round: spellcheckRound(essay) + 1 }));
    await this.publisher.publish({ type: 'BatchLanguageChanged', data: { ...data, recheck: rounds }, id: eventIds.batchLanguageChanged(data.batchId, fact), correlationId });
  }

  /** The teacher chose one essay's language (null: follow the batch); `recheck` sends it back to spellcheck in its next round. */
  async changeEssayLanguage(essay: Essay, language: EventData<'EssayLanguageChanged'>['language'], recheck: boolean, fact: string, correlationId: string): Promise<void> {
    if (recheck) assertTransition(essay.state, 'accepted');
    const data = { essayId: essay.id, language, recheckRound: recheck ? spellcheckRound(essay) + 1 : null };
    await this.publisher.publish({ type: 'EssayLanguageChanged', data, id: eventIds.essayLanguageChanged(essay.id, fact), correlationId });
  }

  /** Marks an essay as being worked on by a phase; a no-op for an essay already marked before a crash. */
  private async start(essay: Essay, phase: Phase, working: EssayState, correlationId: string, round = 1): Promise<void> {
    if (essay.state === working) return;
    assertTransition(essay.state, working);
    const type = phase === 'intake' ? 'EssayIntakeStarted' : 'EssaySpellcheckStarted';
    await this.publisher.publish({ type, data: { essayId: essay.id }, id: eventIds.essayStarted(essay.id, phase, round), correlationId });
  }
}

function spellcheckRound(essay: Pick<Essay, 'spellcheckRound'>): number {
  return essay.spellcheckRound ?? 1;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
