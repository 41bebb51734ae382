import { describe, expect, it } from 'vitest';
import type { Judgement } from '../../../shared/contracts/judging';
import { disagreements, humanAiAgreement, isHumanCheckPair, orderBias, pendingHumanChecks, wilsonInterval } from '../../../shared/ai-judge/results';

let n = 0;
const at = () => `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`;
function human(left: string, right: string, winner: string, judgeId = 'anna'): Judgement {
  n++;
  return { id: crypto.randomUUID(), sessionId: 's', judgeId, left, right, winner, ms: 1000, judgedAt: at(), undone: false };
}
function ai(pair: number, order: 'ab' | 'ba', left: string, right: string, winner: string): Judgement {
  n++;
  return { ...human(left, right, winner, 'bot'), ai: { reason: `r${pair}${order}`, confidence: 3, pair, order, attempt: 1, tokens: 100 } };
}

describe('the AI judge\'s order bias', () => {
  it('counts how often it chose the text shown first, and how often it decided a pair the same way in both orders', () => {
    const js = [
      ai(0, 'ab', 'x', 'y', 'x'), ai(0, 'ba', 'y', 'x', 'x'), // consistent, first won once
      ai(1, 'ab', 'x', 'z', 'x'), ai(1, 'ba', 'z', 'x', 'z'), // inconsistent: the first shown won both
      ai(2, 'ab', 'y', 'z', 'y'), // one order only
    ];
    expect(orderBias(js, 'bot')).toEqual({ judgements: 5, positionFirstShare: 4 / 5, pairsBothOrders: 2, orderConsistency: 0.5 });
  });
});

describe('human-AI agreement', () => {
  it('compares each teacher decision with each AI answer for the pair, with a 95% Wilson interval', () => {
    const js = [
      ai(0, 'ab', 'x', 'y', 'x'), ai(0, 'ba', 'y', 'x', 'x'),
      ai(1, 'ab', 'x', 'z', 'x'), ai(1, 'ba', 'z', 'x', 'z'),
      human('y', 'x', 'x'), // agrees twice
      human('x', 'z', 'z'), // agrees once of two
      human('y', 'z', 'z'), // the AI never judged it
    ];
    const a = humanAiAgreement(js);
    expect(a.comparisons).toBe(4);
    expect(a.agreements).toBe(3);
    expect(a.pairs).toBe(2);
    expect(a.share).toBe(0.75);
    expect(a.low).toBeCloseTo(wilsonInterval(3, 4).low, 10);
    expect(a.trust).toBe('trusted');
  });

  it('says the AI is not to be trusted below 70%, and nothing without shared pairs', () => {
    expect(humanAiAgreement([ai(0, 'ab', 'x', 'y', 'x'), human('x', 'y', 'y'), human('x', 'y', 'x', 'erik'), human('y', 'x', 'y', 'eva')]).trust).toBe('untrusted');
    expect(humanAiAgreement([ai(0, 'ab', 'x', 'y', 'x')]).trust).toBe('unknown');
  });

  it('has the textbook Wilson interval', () => {
    // 8 of 10: 0.490 to 0.943.
    const { low, high } = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 3);
    expect(high).toBeCloseTo(0.9433, 3);
  });

  it('lists disagreements with the AI\'s reasons, the largest theta gap first', () => {
    const js = [ai(0, 'ab', 'x', 'y', 'x'), ai(1, 'ab', 'x', 'z', 'x'), human('x', 'y', 'y'), human('x', 'z', 'z'), human('x', 'z', 'x', 'erik')];
    const fit = { items: [{ essayId: 'x', theta: 0 }, { essayId: 'y', theta: 0.5 }, { essayId: 'z', theta: -2 }] } as never;
    const found = disagreements(js, fit);
    expect(found.map((d) => [d.human.right, d.thetaGap])).toEqual([['z', 2], ['y', 0.5]]);
    expect(found[0].ai[0].ai.reason).toBe('r1ab');
  });
});

describe('pairs people are shown to check the AI', () => {
  it('picks the share asked for, spread evenly, and drops a pair once a teacher has judged it', () => {
    expect(Array.from({ length: 100 }, (_, i) => i).filter((i) => isHumanCheckPair(i, 0.1))).toHaveLength(10);
    const js = Array.from({ length: 20 }, (_, i) => ai(i, 'ab', `e${i}`, `f${i}`, `e${i}`));
    const session = { ai: { profileId: 'bot', assignment: '', humanCheckShare: 0.1 } };
    expect(pendingHumanChecks(session, js)).toEqual([{ left: 'e9', right: 'f9' }, { left: 'e19', right: 'f19' }]);
    expect(pendingHumanChecks(session, [...js, human('f9', 'e9', 'e9')])).toEqual([{ left: 'e19', right: 'f19' }]);
    expect(pendingHumanChecks({}, js)).toEqual([]);
  });
});
