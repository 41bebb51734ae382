import { describe, expect, it } from 'vitest';
import { eachWithLimit, inOrder } from '../../../src-main/core/concurrency';

describe('inOrder', () => {
  it('overlaps preparation but commits in item order, whatever finishes first', async () => {
    const committed: number[] = [];
    let running = 0;
    let peak = 0;
    const delays = [40, 5, 25, 1, 15, 2];
    await inOrder(
      delays.map((_, i) => i),
      3,
      async (i) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, delays[i]));
        running--;
        return i * 10;
      },
      async (i, result) => {
        expect(result).toBe(i * 10);
        committed.push(i);
      },
    );
    expect(committed).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(3);
  });

  it('surfaces a failed preparation when its turn to commit comes', async () => {
    const committed: number[] = [];
    await expect(
      inOrder([0, 1, 2], 3, async (i) => {
        if (i === 1) throw new Error('boom');
        return i;
      }, async (i) => void committed.push(i)),
    ).rejects.toThrow('boom');
    expect(committed).toEqual([0]);
  });
});

describe('eachWithLimit', () => {
  it('keeps at most the limit running and finishes every item, even after a failure', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await expect(
      eachWithLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 10 - n));
        running--;
        if (n === 2) throw new Error('two');
        done.push(n);
      }),
    ).rejects.toThrow('two');
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 3, 4, 5, 6, 7]);
  });
});
