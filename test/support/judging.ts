import type { MainApi } from '../../src-main/app/services';

/**
 * A CJ session judged through main's API by one judge whose taste is the
 * essays' length, until the session stops. The shortest essay is the anchor
 * for E and the longest for A, so the projection has grades. `settle` waits
 * for main's background work (the refit) after each judgement.
 */
export async function judgeByLength(
  api: MainApi,
  settle: () => Promise<void>,
  batchId: string,
  essays: readonly { id: string; words?: number }[],
  budgetPerScript: number,
): Promise<{ sessionId: string; judgeId: string; byLength: string[] }> {
  const words = new Map(essays.map((e) => [e.id, e.words ?? 0]));
  const byLength = [...words.keys()].sort((a, b) => words.get(a)! - words.get(b)!);
  const { judgeId } = await api.createJudge({ name: 'Anna' });
  const created = await api.createSession({
    batchId,
    title: 'Vårterminen',
    judgeIds: [judgeId],
    anchors: [
      { essayId: byLength[0], grade: 'E' },
      { essayId: byLength.at(-1)!, grade: 'A' },
    ],
    budgetPerScript,
  });
  if (created.outcome !== 'created') throw new Error(created.code);
  const { sessionId } = created;
  for (let next = await api.currentPair({ sessionId, judgeId }), n = 0; next.outcome === 'pair' && n < 200; n++) {
    const winner = words.get(next.left)! >= words.get(next.right)! ? next.left : next.right;
    next = await api.judge({ sessionId, judgeId, left: next.left, right: next.right, winner, ms: 1200 + n });
    await settle();
  }
  return { sessionId, judgeId, byLength };
}
