import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../shared/db/store';
import { orderBias } from '../../shared/ai-judge/results';
import { createServices } from '../../src-main/app/services';
import { sampleSource } from '../../src-main/app/fs-files';
import { repoPath } from '../../src-main/app/repo-path';
import { silentLogger } from '../../src-main/core/logger';
import { ellipseWithTruth } from '../support/ai-judge-fixture';
import { sharedPools, sequentialIds } from '../support/harness';
import { memoryDb } from '../support/memory-db';
import { qualityByPassage, startTestServer } from '../support/openai-test-server';

/**
 * The AI judge on 40 real ELLIPSE essays (needs the reference data in ../shared/data; fails clearly without it)
 * against the test server, which judges by the human Overall score with a bias to the text shown first and
 * fails 5% of calls with a 500, 3% with a 429 and 3% with an unreadable answer. Each essay gets a pupil's name
 * in a header line and its file name, neither of which may reach the server.
 */
const FIRST = ['Anna', 'Erik', 'Elsa', 'Omar', 'Sara', 'Leo', 'Maja', 'Noah', 'Ella', 'Hugo'];
const LAST = ['Bergström', 'Lindqvist', 'Haddad', 'Sundberg'];

const pools = sharedPools();
afterAll(() => pools.close());

function spearman(x: number[], y: number[]): number {
  const rank = (v: number[]) => {
    const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
    const r = new Array<number>(v.length);
    for (let k = 0; k < order.length; ) {
      let end = k;
      while (end + 1 < order.length && v[order[end + 1]] === v[order[k]]) end++;
      for (let m = k; m <= end; m++) r[order[m]] = (k + end) / 2;
      k = end + 1;
    }
    return r;
  };
  const [rx, ry] = [rank(x), rank(y)];
  const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
  const [mx, my] = [mean(rx), mean(ry)];
  const cov = rx.reduce((s, r, i) => s + (r - mx) * (ry[i] - my), 0);
  return cov / Math.sqrt(rx.reduce((s, r) => s + (r - mx) ** 2, 0) * ry.reduce((s, r) => s + (r - my) ** 2, 0));
}

describe('the AI judge on real ELLIPSE essays (reference data)', () => {
  it('recovers the human ranking (Spearman ≥ 0.80) at 10 comparisons per essay, sending no name or file name', async () => {
    const truth = ellipseWithTruth(40);
    const pupils = truth.map((e, i) => ({ ...e, name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length)]}` }));
    const essays = pupils.map((p) => ({ ...p, file: `${p.name.toLowerCase().replace(' ', '_')}_essay.txt`, sent: `Name: ${p.name}\n\n${p.text}` }));
    const server = await startTestServer({
      quality: qualityByPassage(essays),
      firstBias: 0.3,
      faults: { serverError: 0.05, rateLimited: 0.03, unreadable: 0.03 },
      retryAfterSeconds: 0,
      seed: 11,
    });
    try {
      const db = memoryDb();
      const main = createServices(
        { store: createStore(db), ...pools, samples: sampleSource(repoPath('resources/samples')), logger: silentLogger, ids: sequentialIds(7), aiTiming: { baseDelayMs: 5, maxDelayMs: 50 } },
        'cli',
        'test',
        4,
      );
      const correlationId = crypto.randomUUID();
      const batchId = await main.orchestrator.createBatch({ title: 'ELLIPSE', className: '', course: '', language: 'en', names: pupils.map((p) => p.name) }, correlationId);
      await main.intake.receive(batchId, essays.map((e) => ({ name: e.file, size: e.sent.length, bytes: new TextEncoder().encode(e.sent) })), correlationId);
      await main.orchestrator.advance(batchId, correlationId);
      const saved = await main.api.saveAiProfile({ name: 'AI', baseUrl: server.url, model: 'test-model' });
      if (saved.outcome !== 'saved') throw new Error(saved.problem);
      const created = await main.api.createSession({ batchId, title: 'AI', judgeIds: [], ai: { profileId: saved.profileId }, budgetPerScript: 10, targetReliability: 0.95 });
      if (created.outcome !== 'created') throw new Error(created.code);
      const { sessionId } = created;
      await main.api.startAiJudge({ sessionId });
      await main.idle();

      const progress = await main.api.aiJudgeProgress({ sessionId });
      const judgements = await db.judgements.where('sessionId').equals(sessionId).toArray();
      const pairs = await db.aiPairs.where('sessionId').equals(sessionId).toArray();
      const bothOrders = pairs.filter((p) => ['ab', 'ba'].every((o) => judgements.some((j) => j.ai?.pair === p.pair && j.ai.order === o))).length;
      const fit = (await db.sessionFits.get(sessionId))!;
      const stored = await db.essays.where('batchId').equals(batchId).toArray();
      const thetaOf = new Map(stored.map((e) => [e.id, essays.find((x) => x.file === e.fileName)!.theta]));
      const rho = spearman(fit.items.map((i) => thetaOf.get(i.essayId)!), fit.items.map((i) => i.theta));
      const forbidden = [...pupils.flatMap((p) => p.name.split(' ')), ...essays.map((e) => e.file)];
      const leaks = server.bodies.reduce((n, body) => n + forbidden.filter((w) => body.includes(w)).length, 0);
      const bias = orderBias(judgements, saved.profileId);

      console.log(
        JSON.stringify({
          essays: stored.length,
          requests: server.bodies.length,
          readableServed: server.readableServed,
          judgements: judgements.length,
          failedCalls: progress.failures,
          pairs: pairs.length,
          bothOrdersShare: bothOrders / pairs.length,
          spearman: rho,
          namesOrFileNamesInRequests: leaks,
          positionFirstShare: bias.positionFirstShare,
          orderConsistency: bias.orderConsistency,
          reliability: fit.reliability.reported,
        }),
      );
      expect(stored.filter((e) => e.state === 'spellchecked')).toHaveLength(40);
      expect(judgements.length).toBe(server.readableServed);
      expect(leaks).toBe(0);
      expect(bothOrders / pairs.length).toBeGreaterThanOrEqual(0.95);
      expect(rho).toBeGreaterThanOrEqual(0.8);
    } finally {
      await server.close();
    }
  });
});
