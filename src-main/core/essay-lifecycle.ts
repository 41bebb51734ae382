import type { Essay, EssayState, PhaseOutcome, ReadinessCounts, Rejection } from '../../shared/contracts/domain';
import type { EventData } from '../../shared/events/registry';
import type { Publisher } from './publisher';

/** Every legal move of an essay. Anything else is a bug, and throws. */
const TRANSITIONS: Record<EssayState, readonly EssayState[]> = {
  received: ['extracting', 'rejected'],
  extracting: ['accepted', 'rejected', 'expanded'],
  accepted: [],
  rejected: [],
  expanded: [],
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

const INTAKE_PENDING: ReadonlySet<EssayState> = new Set(['received', 'extracting']);

export function needsIntake(essay: Essay): boolean {
  return INTAKE_PENDING.has(essay.state);
}

/** Intake readiness by count. An unpacked archive is a container, not an essay, so it is not counted. */
export function intakeReadiness(essays: readonly Essay[]): ReadinessCounts {
  const counts = { total: 0, pending: 0, succeeded: 0, failed: 0 };
  for (const e of essays) {
    if (e.state === 'expanded') continue;
    counts.total++;
    if (INTAKE_PENDING.has(e.state)) counts.pending++;
    else if (e.state === 'accepted') counts.succeeded++;
    else counts.failed++;
  }
  return counts;
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

  receive(data: EventData<'EssayReceived'>, correlationId: string): Promise<void> {
    return this.publisher.publish('EssayReceived', data, `essay/${data.essayId}/received`, correlationId, 'essay-lifecycle');
  }

  startIntake(essay: Essay, correlationId: string): Promise<void> {
    assertTransition(essay.state, 'extracting');
    return this.publisher.publish(
      'EssayIntakeStarted',
      { essayId: essay.id },
      `essay/${essay.id}/intake/started`,
      correlationId,
      'essay-lifecycle',
    );
  }

  accept(essay: Essay, data: Omit<EventData<'EssayAccepted'>, 'essayId'>, correlationId: string): Promise<void> {
    assertTransition(essay.state, 'accepted');
    return this.publisher.publish('EssayAccepted', { essayId: essay.id, ...data }, outcomeId(essay), correlationId, 'essay-lifecycle');
  }

  reject(
    essay: Essay,
    rejection: Rejection,
    details: Pick<EventData<'EssayRejected'>, 'format' | 'words'>,
    correlationId: string,
  ): Promise<void> {
    assertTransition(essay.state, 'rejected');
    const data = { essayId: essay.id, ...rejection, ...definedOnly(details) };
    return this.publisher.publish('EssayRejected', data, outcomeId(essay), correlationId, 'essay-lifecycle');
  }

  expand(essay: Essay, entries: number, correlationId: string): Promise<void> {
    assertTransition(essay.state, 'expanded');
    return this.publisher.publish('EssayExpanded', { essayId: essay.id, entries }, outcomeId(essay), correlationId, 'essay-lifecycle');
  }
}

function outcomeId(essay: Essay): string {
  return `essay/${essay.id}/intake/outcome`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
