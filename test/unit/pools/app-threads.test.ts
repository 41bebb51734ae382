import { describe, expect, it } from 'vitest';
import { appThreads } from '../../../src-main/pools';

const GB = 1024 ** 3;

describe('threads per pool in the app', () => {
  it('leaves a core for the window and holds the warm workers to what the memory carries', () => {
    // Laptops as they report themselves: memory a little under what they are sold with.
    expect(appThreads(2, 3.8 * GB)).toBe(1);
    expect(appThreads(4, 3.8 * GB)).toBe(2);
    expect(appThreads(8, 3.8 * GB)).toBe(2);
    expect(appThreads(4, 7.7 * GB)).toBe(3);
    expect(appThreads(8, 7.7 * GB)).toBe(4);
    expect(appThreads(16, 31 * GB)).toBe(4);
  });

  it('always has one thread, even on one core or little memory', () => {
    expect(appThreads(1, 16 * GB)).toBe(1);
    expect(appThreads(8, 1 * GB)).toBe(1);
  });
});
