import { describe, expect, it } from 'vitest';
import { StoreLink } from '../../../src-main/app/store-link';

const ack = (eventId: string) => ({ eventId, status: 'applied' as const });
const envelope = { id: 'e1', type: 'EssayIntakeStarted', timestamp: new Date().toISOString(), source: 'intake', schemaVersion: 1, correlationId: crypto.randomUUID(), data: { essayId: 'a' } } as const;

describe('store link', () => {
  it('holds calls until a store connects', async () => {
    const link = new StoreLink();
    const pending = link.api.apply(envelope);
    link.attach(async () => ack('e1'), new Promise(() => {}));
    expect(await pending).toEqual(ack('e1'));
  });

  it('sends a call cut off by a disconnect again to the next store', async () => {
    const link = new StoreLink();
    let closeFirst!: () => void;
    const calls: string[] = [];
    link.attach(async () => {
      calls.push('first');
      return new Promise(() => {}); // The renderer reloads before answering.
    }, new Promise<void>((resolve) => (closeFirst = resolve)));
    const pending = link.api.apply(envelope);
    await new Promise((r) => setTimeout(r, 5));
    closeFirst();
    link.attach(async () => {
      calls.push('second');
      return ack('e1');
    }, new Promise(() => {}));
    expect(await pending).toEqual(ack('e1'));
    expect(calls).toEqual(['first', 'second']);
  });

  it('treats a new connection as the end of the previous one', async () => {
    const link = new StoreLink();
    link.attach(() => new Promise(() => {}), new Promise(() => {}));
    const pending = link.api.batchSnapshot({ batchId: 'b' });
    await new Promise((r) => setTimeout(r, 5));
    link.attach(async () => null, new Promise(() => {}));
    expect(await pending).toBeNull();
  });

  it('passes on real errors and refuses malformed answers', async () => {
    const link = new StoreLink();
    link.attach(async (method) => {
      if (method === 'apply') throw new Error('QuotaExceededError');
      return { not: 'a list' };
    }, new Promise(() => {}));
    await expect(link.api.apply(envelope)).rejects.toThrow('QuotaExceededError');
    await expect(link.api.unfinishedBatches({ pendingStates: [] })).rejects.toThrow();
  });
});
