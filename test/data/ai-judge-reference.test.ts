import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../shared/db/store';
import { orderBias } from '../../shared/ai-judge/results';
import { createServices } from '../../src-main/app/services';
import { sampleSource } from '../../src-main/app/fs-files';
import { repoPath } from '../../src-main/app/repo-path';
import { silentLogger } from '../../src-main/core/logger';
import { spearman } from '../../src-workers/cj/statistics';
import { ellipseWithTruth } from '../support/ai-judge-fixture';
import { sharedPools, sequentialIds } from '../support/harness';
import { memoryDb } from '../support/memory-db';
import { qualityByPassage, startTestServer } from '../support/openai-test-server';

/**
 * The AI judge on 40 real ELLIPSE essays (needs the reference data in ../shared/data; fails clearly without it)
 * against the test server, which judges by the human Overall score with a bias to the text shown first and
 * fails 5% of calls with a 500, 3% with a 429 and 3% with an unreadable answer. Each essay gets a pupil's name
 * in a header line and its file name, neither of which may reach the server. Ten runs, each with its own fault
 * pattern and judgements (the server's seed): the Spearman is reported for every run, and its mean is held to
 * the 0.80, since one run's figure moves by several hundredths from seed to seed.
 */
const SEEDS = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const FIRST = ['Anna', 'Erik', 'Elsa', 'Omar', 'Sara', 'Leo', 'Maja', 'Noah', 'Ella', 'Hugo'];
const LAST = ['Bergström', 'Lindqvist', 'Haddad', 'Sundberg'];

const pools = sharedPools();
afterAll(() => pools.close());

describe('the AI judge on real ELLIPSE essays (reference data)', () => {
  it('recovers the human ranking (mean Spearman ≥ 0.80 over ten runs) at 10 comparisons per essay, sending no name or file name', { timeout: 600_000 }, async () => {
    const runs: Record<string, unknown>[] = [];
    for (const seed of SEEDS) runs.push(await oneRun(seed));
    const rhos = runs.map((r) => r.spearman as number);
    const mean = rhos.reduce((a, b) => a + b, 0) / rhos.length;
    console.table(runs);
    console.log(JSON.stringify({ runs, spearmanMean: mean, spearmanMin: Math.min(...rhos), spearmanMax: Math.max(...rhos) }));
    expect(mean).toBeGreaterThanOrEqual(0.8);
  });
});

/** One AI-judged session over the 40 essays against a server seeded with `seed`: its figures, each checked. */
async function oneRun(seed: number): Promise<Record<string, unknown>> {
  const truth = ellipseWithTruth(40);
  const pupils = truth.map((e, i) => ({ ...e, name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length)]}` }));
  const essays = pupils.map((p) => ({ ...p, file: `${p.name.toLowerCase().replace(' ', '_')}_essay.txt`, sent: `Name: ${p.name}\n\n${p.text}` }));
  const server = await startTestServer({
    quality: qualityByPassage(essays),
    firstBias: 0.3,
    faults: { serverError: 0.05, rateLimited: 0.03, unreadable: 0.03 },
    retryAfterSeconds: 0,
    seed,
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

    const run = {
      seed,
      essays: stored.length,
      requests: server.bodies.length,
      readableServed: server.readableServed,
      judgements: judgements.length,
      failedCalls: Object.entries(progress.failures).map(([reason, n]) => `${reason} ${n}`).join(', '),
      pairs: pairs.length,
      bothOrdersShare: bothOrders / pairs.length,
      spearman: rho,
      namesOrFileNamesInRequests: leaks,
      positionFirstShare: bias.positionFirstShare,
      orderConsistency: bias.orderConsistency,
      reliability: fit.reliability.reported,
      fitJudgements: fit.judgements,
    };
    expect(stored.filter((e) => e.state === 'spellchecked')).toHaveLength(40);
    expect(judgements.length).toBe(server.readableServed);
    expect(leaks).toBe(0);
    expect(bothOrders / pairs.length).toBeGreaterThanOrEqual(0.95);
    expect(fit.judgements).toBe(judgements.length);
    return run;
  } finally {
    await server.close();
  }
}
