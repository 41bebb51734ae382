import { describe, expect, it } from 'vitest';
import { byScale } from '../../shared/ranking';

const rank = (items: { name: string; theta: number }[]) => [...items].sort(byScale((i) => i.theta, (i) => i.name)).map((i) => i.name);

describe('the scale order', () => {
  it('puts the highest θ first', () => {
    expect(rank([{ name: 'a', theta: -1 }, { name: 'b', theta: 2.5 }, { name: 'c', theta: 0.3 }])).toEqual(['b', 'c', 'a']);
  });

  it('ranks a tie alike on every laptop, though the fits differ in their last digits', () => {
    // The same judgements fitted warm on one laptop and cold on another: 2.4213… on both, apart from the noise.
    const here = [{ name: 'Åsa.docx', theta: 2.421300000004 }, { name: 'Bo.docx', theta: 2.4213 }, { name: 'Cilla.docx', theta: 0.17 }];
    const there = [{ name: 'Bo.docx', theta: 2.421300000006 }, { name: 'Cilla.docx', theta: 0.17 }, { name: 'Åsa.docx', theta: 2.4213 }];
    // Swedish order: Å comes after B.
    expect(rank(here)).toEqual(['Bo.docx', 'Åsa.docx', 'Cilla.docx']);
    expect(rank(there)).toEqual(rank(here));
  });
});
