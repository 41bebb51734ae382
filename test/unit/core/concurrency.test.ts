import { describe, expect, it } from 'vitest';
import { eachWithLimit, inOrder, OneAtATime } from '../../../src-main/core/concurrency';

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

describe('OneAtATime', () => {
  it('never runs a key twice at once; calls meanwhile make one more run, and other keys run alongside', async () => {
    const runs = new OneAtATime();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const work = (key: string) => async () => {
      log.push(`start ${key}`);
      if (key === 'a' && first) {
        first = false;
        await gate;
      }
      log.push(`end ${key}`);
    };
    const a1 = runs.run('a', work('a'));
    const a2 = runs.run('a', work('a'));
    const a3 = runs.run('a', work('a'));
    await runs.run('b', work('b'));
    expect(log).toEqual(['start a', 'start b', 'end b']);
    release();
    await Promise.all([a1, a2, a3]);
    // Three calls while the first ran: the first run, and exactly one more.
    expect(log).toEqual(['start a', 'start b', 'end b', 'end a', 'start a', 'end a']);
    await runs.idle();
  });

  it('passes a failure to its callers and lets the next call start afresh', async () => {
    const runs = new OneAtATime();
    await expect(runs.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    let ran = false;
    await runs.run('a', async () => void (ran = true));
    expect(ran).toBe(true);
  });

  it('runs exclusive work on a key only once its run has stopped, and a run asked for meanwhile starts after it', async () => {
    const gate = new OneAtATime();
    const log: string[] = [];
    let release!: () => void;
    const running = gate.run('b1', async () => {
      log.push('move start');
      await new Promise<void>((resolve) => (release = resolve));
      log.push('move end');
    });
    const command = gate.exclusive('b1', async () => {
      log.push('command start');
      await new Promise((resolve) => setTimeout(resolve, 10));
      log.push('command end');
      return 42;
    });
    // Another key is not held up.
    await gate.run('b2', async () => void log.push('other key'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    await new Promise((resolve) => setTimeout(resolve, 1));
    const after = gate.run('b1', async () => void log.push('next move'));
    expect(await command).toBe(42);
    await Promise.all([running, after]);
    expect(log).toEqual(['move start', 'other key', 'move end', 'command start', 'command end', 'next move']);
    await gate.idle();
  });
});
