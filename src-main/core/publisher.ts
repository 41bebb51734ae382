import type { Ack, EventSource } from '../../shared/contracts/envelope';
import { makeEvent, type EventDataInput, type EventName } from '../../shared/events/registry';
import type { Clock, StorePort } from './ports';

/**
 * Main's only way to change state: wrap the change in an envelope, hand it to
 * the store, and return when the store has acknowledged it.
 */
export class Publisher {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
  ) {}

  async publish<N extends EventName>(
    type: N,
    data: EventDataInput<N>,
    id: string,
    correlationId: string,
    source: EventSource,
  ): Promise<Ack['status']> {
    const event = makeEvent(type, data, { id, source, correlationId, timestamp: this.clock.now() });
    const ack = await this.store.apply(event);
    if (ack.eventId !== id) throw new Error(`The store acknowledged ${ack.eventId} for ${id}`);
    return ack.status;
  }
}
