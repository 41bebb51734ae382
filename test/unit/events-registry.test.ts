import { describe, expect, it } from 'vitest';
import { eventNames, eventRegistry, makeEvent, parseEvent, topicFor } from '../../shared/events/registry';

const meta = { id: 'e1', source: 'intake' as const, correlationId: crypto.randomUUID(), timestamp: new Date().toISOString() };

describe('event registry', () => {
  it('maps every event name to its own versioned topic', () => {
    const topics = eventNames.map(topicFor);
    expect(new Set(topics).size).toBe(eventNames.length);
    for (const name of eventNames) {
      expect(topicFor(name)).toMatch(new RegExp(`^huledu\\.[a-z.]+\\.v${eventRegistry[name].schemaVersion}$`));
    }
  });

  it('throws at once for an unmapped name, listing the mapped ones', () => {
    expect(() => topicFor('EssayGraded' as never)).toThrow(/Unmapped event name "EssayGraded".*BatchCreated.*EssayAccepted/);
    expect(() => makeEvent('Nope' as never, {} as never, meta)).toThrow(/Unmapped/);
  });

  it('parses an event on arrival and refuses bad data, unknown types and other schema versions', () => {
    const event = makeEvent('EssayIntakeStarted', { essayId: 'a' }, meta);
    expect(parseEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
    expect(() => parseEvent({ ...event, data: { essayId: 7 } })).toThrow();
    expect(() => parseEvent({ ...event, type: 'Unknown' })).toThrow(/Unmapped/);
    expect(() => parseEvent({ ...event, schemaVersion: 2 })).toThrow(/schemaVersion 2/);
    expect(() => parseEvent({ ...event, correlationId: 'not-a-uuid' })).toThrow();
  });
});
