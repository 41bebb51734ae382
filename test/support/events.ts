import { makeEvent, type EventDataInput, type EventName } from '../../shared/events/registry';

/** An event as main would emit it, for store tests. */
export function event<N extends EventName>(type: N, data: EventDataInput<N>, id: string) {
  return makeEvent(type, data, {
    id,
    correlationId: '00000000-0000-4000-8000-000000000001',
    timestamp: '2026-11-24T08:00:00.000Z',
  });
}
