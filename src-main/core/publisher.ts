import type { Ack } from '../../shared/contracts/envelope';
import { makeEvent, type EventDataInput, type EventName } from '../../shared/events/registry';
import type { Clock, StorePort } from './ports';

/** One event to publish. `id` comes from shared/events/ids.ts; the source is the registry's. */
export interface Publication<N extends EventName> {
  type: N;
  data: EventDataInput<N>;
  id: string;
  correlationId: string;
}

/**
 * Main's only way to change state: wrap the change in an envelope, hand it to
 * the store, and return when the store has acknowledged it.
 */
export class Publisher {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
  ) {}

  async publish<N extends EventName>({ type, data, id, correlationId }: Publication<N>): Promise<Ack['status']> {
    const event = makeEvent(type, data, { id, correlationId, timestamp: this.clock.now() });
    const ack = await this.store.apply(event);
    if (ack.eventId !== id) throw new Error(`The store acknowledged ${ack.eventId} for ${id}`);
    return ack.status;
  }

  /** Publishes events in one store transaction, in order: all are recorded, or none. */
  async publishAll(publications: readonly Publication<EventName>[]): Promise<void> {
    if (publications.length === 0) return;
    const timestamp = this.clock.now();
    const events = publications.map(({ type, data, id, correlationId }) => makeEvent(type, data, { id, correlationId, timestamp }));
    const { acks } = await this.store.applyAll({ events });
    acks.forEach((ack, i) => {
      if (ack.eventId !== events[i]?.id) throw new Error(`The store acknowledged ${ack.eventId} for ${events[i]?.id}`);
    });
  }
}
