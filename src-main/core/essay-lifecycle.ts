import type { Essay, EssayState, Phase, PhaseOutcome, ReadinessCounts, Rejection } from '../../shared/contracts/domain';
import type { EventData } from '../../shared/events/registry';
import type { Publisher } from './publisher';

/** Every legal move of an essay. Anything else is a bug, and throws. */
const TRANSITIONS: Record<EssayState, readonly EssayState[]> = {
  received: ['extracting', 'rejected'],
  extracting: ['accepted', 'rejected', 'expanded'],
  accepted: ['spellchecking'],
  spellchecking: ['spellchecked', 'spellcheck_failed'],
  rejected: [],
  expanded: [],
  spellchecked: [],
  spellcheck_failed: [],
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

/**
 * The essay lifecycle (ELS): the only writer of essay state. Each method
 * checks the transition, then publishes the event and returns once the store
 * has acknowledged it. Outcome events share one id per essay and phase, so a
 * replay after a crash can never record a second outcome.
 */
export class EssayLifecycle {
  constructor(private readonly publisher: Publisher) {}

  async receive(data: EventData<'EssayReceived'>, correlationId: string): Promise<void> {
    await this.publisher.publish('EssayReceived', data, `essay/${data.essayId}/received`, correlationId, 'essay-lifecycle');
  }

  startIntake(essay: Essay, correlationId: string): Promise<void> {
    return this.start(essay, 'intake', 'extracting', correlationId);
  }

  async accept(essay: Essay, data: Omit<EventData<'EssayAccepted'>, 'essayId'>, correlationId: string): Promise<void> {
    assertTransition(essay.state, 'accepted');
    await this.publisher.publish('EssayAccepted', { essayId: essay.id, ...data }, outcomeId(essay.id, 'intake'), correlationId, 'essay-lifecycle');
  }

  async reject(
    essay: Essay,
    rejection: Rejection,
    details: Pick<EventData<'EssayRejected'>, 'format' | 'words'>,
    correlationId: string,
  ): Promise<void> {
    assertTransition(essay.state, 'rejected');
    const data = { essayId: essay.id, ...rejection, ...definedOnly(details) };
    await this.publisher.publish('EssayRejected', data, outcomeId(essay.id, 'intake'), correlationId, 'essay-lifecycle');
  }

  async expand(essay: Essay, entries: number, correlationId: string): Promise<void> {
    assertTransition(essay.state, 'expanded');
    await this.publisher.publish('EssayExpanded', { essayId: essay.id, entries }, outcomeId(essay.id, 'intake'), correlationId, 'essay-lifecycle');
  }

  /** An essay whose intake was done on another laptop (a moderation import): received and accepted, with the ids intake would use. */
  async receiveAccepted(received: EventData<'EssayReceived'>, accepted: Omit<EventData<'EssayAccepted'>, 'essayId'>, correlationId: string): Promise<void> {
    await this.receive(received, correlationId);
    const data = { essayId: received.essayId, ...accepted };
    await this.publisher.publish('EssayAccepted', data, outcomeId(received.essayId, 'intake'), correlationId, 'essay-lifecycle');
  }

  startSpellcheck(essay: Essay, correlationId: string): Promise<void> {
    return this.start(essay, 'spellcheck', 'spellchecking', correlationId);
  }

  async spellchecked(essay: Essay, data: Omit<EventData<'EssaySpellchecked'>, 'essayId'>, correlationId: string): Promise<void> {
    assertTransition(essay.state, 'spellchecked');
    await this.publisher.publish('EssaySpellchecked', { essayId: essay.id, ...data }, outcomeId(essay.id, 'spellcheck'), correlationId, 'essay-lifecycle');
  }

  async spellcheckFailed(essay: Essay, correlationId: string): Promise<void> {
    assertTransition(essay.state, 'spellcheck_failed');
    await this.publisher.publish('EssaySpellcheckFailed', { essayId: essay.id }, outcomeId(essay.id, 'spellcheck'), correlationId, 'essay-lifecycle');
  }

  /** Marks an essay as being worked on by a phase; a no-op for an essay already marked before a crash. */
  private async start(essay: Essay, phase: Phase, working: EssayState, correlationId: string): Promise<void> {
    if (essay.state === working) return;
    assertTransition(essay.state, working);
    const type = phase === 'intake' ? 'EssayIntakeStarted' : 'EssaySpellcheckStarted';
    await this.publisher.publish(type, { essayId: essay.id }, `essay/${essay.id}/${phase}/started`, correlationId, 'essay-lifecycle');
  }
}

function outcomeId(essayId: string, phase: Phase): string {
  return `essay/${essayId}/${phase}/outcome`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
