import { z } from 'zod';
import { Id, IsoTime } from './domain';

/** Where an event was emitted: the seed's service names, hosted in one process model. */
export const EventSource = z.enum(['batch-orchestrator', 'essay-lifecycle', 'intake', 'judging', 'ai-judge', 'sync', 'pupils']);
export type EventSource = z.infer<typeof EventSource>;

/**
 * The envelope every event travels in. `id` is deterministic for events that
 * may be re-emitted after a crash, so the store's idempotency check turns a
 * replay into a no-op.
 */
export const EventEnvelope = z.object({
  id: Id,
  type: z.string().min(1),
  timestamp: IsoTime,
  source: EventSource,
  schemaVersion: z.number().int().positive(),
  correlationId: z.uuid(),
  data: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

export const Ack = z.object({
  eventId: Id,
  status: z.enum(['applied', 'duplicate']),
});
export type Ack = z.infer<typeof Ack>;
