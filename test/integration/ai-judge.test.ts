import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../shared/db/store';
import type { HuleDb } from '../../shared/db/schema';
import { orderBias } from '../../shared/ai-judge/results';
import type { Services } from '../../src-main/app/services';
import { createServices } from '../../src-main/app/services';
import { sampleSource } from '../../src-main/app/fs-files';
import { repoPath } from '../../src-main/app/repo-path';
import { silentLogger } from '../../src-main/core/logger';
import { sharedPools, sequentialIds } from '../support/harness';
import { memoryDb } from '../support/memory-db';
import { run } from '../fixtures/documents';
import { startTestServer, qualityByPassage, type TestServer, type TestServerOptions } from '../support/openai-test-server';

const pools = sharedPools();
afterAll(() => pools.close());
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const NAMES = ['Anna Berg', 'Erik Öberg', 'Elsa Lind', 'Omar Haddad', 'Sara Nilsson', 'Leo Ek', 'Maja Holm', 'Noah Sundberg', 'Ella Strand', 'Hugo Dahl', 'Alva Lund', 'Liam Sjö', 'Wilma Ahl', 'Oscar Falk', 'Saga Ström', 'Elias Vik'];
const WORDS = ['noll', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv', 'tretton', 'fjorton', 'femton'];

/** A class of 16 pupils: each essay opens with a header and a classmate's name and contact details, the middle is its own. */
function classEssays() {
  return NAMES.map((name, i) => {
    const other = NAMES[(i + 1) % NAMES.length];
    const text = [
      `Namn: ${name}`,
      'Klass 9B',
      '',
      `Jag pratade med ${other} om saken. Min e-post är elev${i}@skolan.se och mitt nummer 070-${100 + i} 45 67, personnummer 080612-12${String(10 + i)}.`,
      `Uppsatsen nummer ${WORDS[i]} handlar om skolan och om livet. `.repeat(8).trim(),
      'Det var allt jag ville säga om detta.',
    ].join('\n');
    return { file: `${name.toLowerCase().replace(/ /g, '_')}_uppsats.txt`, name, text, theta: -3 + (6 * i) / (NAMES.length - 1) };
  });
}

const fastTiming = { timeoutMs: 1500, baseDelayMs: 5, maxDelayMs: 40, concurrency: 4, maxAttempts: 5 };

function services(db: HuleDb, prefix: number): Services {
  return createServices(
    { store: createStore(db), ...pools, samples: sampleSource(repoPath('resources/samples')), logger: silentLogger, ids: sequentialIds(prefix), aiTiming: fastTiming, random: () => 0.5 },
    'cli',
    'test',
    4,
  );
}

async function setUp(server: Partial<TestServerOptions>, perScript = 10) {
  const essays = classEssays();
  const test = await startTestServer({ quality: qualityByPassage(essays), firstBias: 0.3, seed: 3, ...server });
  servers.push(test);
  const db = memoryDb();
  const main = services(db, 1);
  const correlationId = crypto.randomUUID();
  const batchId = await main.orchestrator.createBatch({ title: 'Mobiler', className: '9B', course: 'Svenska 9', language: 'sv', names: NAMES }, correlationId);
  await main.intake.receive(batchId, essays.map((e) => ({ name: e.file, size: e.text.length, bytes: new TextEncoder().encode(e.text) })), correlationId);
  await main.orchestrator.advance(batchId, correlationId);
  const saved = await main.api.saveAiProfile({ name: 'AI – testservern', baseUrl: test.url, model: 'test-model', apiKey: 'sk-test-secret' });
  if (saved.outcome !== 'saved') throw new Error(saved.problem);
  const created = await main.api.createSession({ batchId, title: 'AI', judgeIds: [], ai: { profileId: saved.profileId, assignment: 'Argumentera.' }, budgetPerScript: perScript, targetReliability: 0.95 });
  if (created.outcome !== 'created') throw new Error(created.code);
  const dbEssays = await db.essays.where('batchId').equals(batchId).toArray();
  const truth = new Map(dbEssays.map((e) => [e.id, essays.find((x) => x.file === e.fileName)!.theta]));
  return { essays, test, db, main, sessionId: created.sessionId, profileId: saved.profileId, truth };
}

function spearman(x: number[], y: number[]): number {
  const rank = (v: number[]) => {
    const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
    const r = new Array<number>(v.length);
    order.forEach((i, k) => (r[i] = k));
    return r;
  };
  const [rx, ry] = [rank(x), rank(y)];
  const n = x.length;
  return 1 - (6 * rx.reduce((s, r, i) => s + (r - ry[i]) ** 2, 0)) / (n * (n * n - 1));
}

describe('the AI judge against an OpenAI-compatible test server', () => {
  it('recovers the true order, asks every pair in both orders, stores one judgement per readable answer, and sends no name, file name or personal data', async () => {
    const { essays, test, db, main, sessionId, profileId, truth } = await setUp({ faults: { serverError: 0.05, rateLimited: 0.03, unreadable: 0.03, hang: 0.01 }, retryAfterSeconds: 0 });
    const estimate = await main.api.estimateAiJudge({ batchId: (await db.sessions.get(sessionId))!.batchId, profileId, budgetPerScript: 10, assignment: 'Argumentera.' });
    expect(test.bodies).toHaveLength(0); // nothing is sent before the teacher starts it
    expect(estimate?.calls).toBe(80);

    expect(await main.api.startAiJudge({ sessionId })).toEqual({ outcome: 'started' });
    await main.idle();

    const progress = await main.api.aiJudgeProgress({ sessionId });
    const judgements = await db.judgements.where('sessionId').equals(sessionId).toArray();
    expect(progress.status).toBe('done');
    expect(judgements.length).toBe(test.readableServed);
    expect(progress.judgements).toBe(judgements.length);
    expect(progress.calls).toBe(test.bodies.length);
    expect(judgements.length).toBeGreaterThanOrEqual(76);

    const pairs = (await db.aiPairs.where('sessionId').equals(sessionId).toArray());
    const both = pairs.filter((p) => ['ab', 'ba'].every((o) => judgements.some((j) => j.ai?.pair === p.pair && j.ai.order === o)));
    expect(both.length / pairs.length).toBeGreaterThanOrEqual(0.95);
    for (const j of judgements) expect(j.ai!.order === 'ab' ? j.left : j.right).toBe(pairs.find((p) => p.pair === j.ai!.pair)!.a);

    const fit = (await db.sessionFits.get(sessionId))!;
    const ids = fit.items.map((i) => i.essayId);
    // Which pairs are asked depends on which answers came back first, so it varies with the machine's load. From
    // 80 answers on 16 texts 0.4 logits apart, a Bradley–Terry fit's rank correlation with the truth averages 0.89 and
    // is under 0.75 in 1 run in 100 (400 simulated pairings); at the earlier spacing of 0.27, 27% of runs fell under
    // 0.8, and a loaded test run did.
    expect(spearman(ids.map((id) => truth.get(id)!), fit.items.map((i) => i.theta))).toBeGreaterThanOrEqual(0.7);
    // The share shown is the share of its answers that chose the text shown first. Whether it lands above one half
    // is chance: a lean of 0.3 logits, averaged over both orders of these pairs, is roughly 0.55 per answer, so by the
    // binomial 80 answers land at or under one half in roughly one run in five, depending on which pairs were asked.
    expect(orderBias(judgements, profileId).positionFirstShare).toBe(judgements.filter((j) => j.winner === j.left).length / judgements.length);

    const forbidden = [...NAMES.flatMap((n) => n.split(' ')), ...essays.map((e) => e.file), '9B', '@skolan.se', '070-', '080612', 'sk-test-secret', 'anchor', 'ankare'];
    for (const body of test.bodies) for (const word of forbidden) expect(body.toLowerCase(), word).not.toContain(word.toLowerCase());
  });

  it('resumes after main is killed mid-run: no judgement twice, none lost', async () => {
    const { db, main, sessionId, test } = await setUp({ latencyMs: 30 }, 8);
    await main.api.startAiJudge({ sessionId });
    while ((await db.judgements.count()) < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    // Killed: calls in flight are cut off and nothing more is recorded; the store still says running.
    await main.aiJudge.shutdown();
    expect((await db.aiRuns.get(sessionId))?.status).toBe('running');
    const cut = await db.judgements.count();

    const restarted = services(db, 2);
    await restarted.api.hello({});
    await new Promise((resolve) => setTimeout(resolve, 50));
    await restarted.idle();

    const judgements = await db.judgements.where('sessionId').equals(sessionId).toArray();
    const keys = judgements.map((j) => `${j.ai!.pair}/${j.ai!.order}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(judgements.length).toBeGreaterThan(cut);
    const pairs = await db.aiPairs.where('sessionId').equals(sessionId).sortBy('pair');
    expect(pairs.map((p) => p.pair)).toEqual(pairs.map((_, i) => i));
    // Every planned pair is answered in both orders: the calls cut off were asked again.
    expect(judgements.length).toBe(pairs.length * 2);
    expect(judgements.length).toBe(64);
    expect(test.readableServed).toBeGreaterThanOrEqual(judgements.length);
    expect((await restarted.api.aiJudgeProgress({ sessionId })).status).toBe('done');
  });

  it('pauses and resumes on the teacher\'s word, and shows people the pairs picked to check it', async () => {
    const { db, main, sessionId } = await setUp({ latencyMs: 20 }, 6);
    await main.api.startAiJudge({ sessionId });
    while (!(await db.judgements.toArray()).some((j) => j.ai?.pair === 9)) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await main.api.pauseAiJudge({ sessionId })).toEqual({ status: 'paused' });
    const paused = await db.judgements.count();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await db.judgements.count()).toBe(paused);
    expect((await main.api.aiJudgeProgress({ sessionId })).status).toBe('paused');

    const { judgeId } = await main.api.createJudge({ name: 'Anna' });
    const pair = await main.api.currentPair({ sessionId, judgeId });
    const aiPair = (await db.judgements.toArray()).find((j) => j.ai && j.ai.pair === 9);
    expect(pair).toEqual({ outcome: 'pair', left: aiPair!.ai!.order === 'ab' ? aiPair!.left : aiPair!.right, right: aiPair!.ai!.order === 'ab' ? aiPair!.right : aiPair!.left });

    await main.api.resumeAiJudge({ sessionId });
    await main.idle();
    expect((await main.api.aiJudgeProgress({ sessionId })).status).toBe('done');
  });

  it('stops for good: after a stop it is not started again, and its judgements stay', async () => {
    const { db, main, sessionId, test } = await setUp({ latencyMs: 20 }, 6);
    await main.api.startAiJudge({ sessionId });
    while ((await db.judgements.count()) < 4) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await main.api.stopAiJudge({ sessionId })).toEqual({ status: 'stopped' });
    const kept = await db.judgements.count();
    const asked = test.bodies.length;
    expect(await main.api.resumeAiJudge({ sessionId })).toEqual({ outcome: 'refused', problem: 'AI_STOPPED' });
    expect(await main.api.startAiJudge({ sessionId })).toEqual({ outcome: 'refused', problem: 'AI_STOPPED' });
    await main.idle();
    expect(await db.judgements.count()).toBe(kept);
    expect(test.bodies.length).toBe(asked);
  });

  it.each([
    ['model-unknown', 'model-unknown'],
    ['no-structured-output', 'no-structured-output'],
  ] as const)('halts at once on a server that answers %s, storing nothing, and says why', async (mode, reason) => {
    const { db, main, sessionId, test } = await setUp({ mode });
    await main.api.startAiJudge({ sessionId });
    await main.idle();
    const progress = await main.api.aiJudgeProgress({ sessionId });
    expect(progress).toMatchObject({ status: 'paused', halted: reason, judgements: 0 });
    expect(test.bodies.length).toBeLessThanOrEqual(fastTiming.concurrency);
    expect(await db.judgements.count()).toBe(0);
  });

  it('tests a connection: the model\'s answer and the time, or a classified error', async () => {
    const { main, test } = await setUp({});
    const ok = await main.api.testAiConnection({ baseUrl: test.url, model: 'test-model' });
    expect(ok).toMatchObject({ outcome: 'answered', answer: { winner: expect.stringMatching(/^(first|second)$/), confidence: expect.any(Number) } });
    expect(ok.outcome === 'answered' && ok.ms).toBeGreaterThanOrEqual(0);
    expect(await main.api.testAiConnection({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm' })).toMatchObject({ outcome: 'failed', reason: 'unreachable' });
    expect(await main.api.testAiConnection({ baseUrl: 'http://ai.kommun.se/v1', model: 'm' })).toEqual({ outcome: 'refused', problem: 'URL_NOT_HTTPS' });
    const listed = await main.api.listAiProfiles({});
    expect(listed.profiles[0]).toMatchObject({ name: 'AI – testservern', apiKeySet: true });
    expect(JSON.stringify(listed)).not.toContain('sk-test-secret');
  });
});

describe('huledu ai-judge', () => {
  it('reads the class list as the app does (a workbook saved by LibreOffice) and sends none of its names', async () => {
    const essays = classEssays();
    const test = await startTestServer({ quality: qualityByPassage(essays), seed: 5 });
    servers.push(test);
    const folder = mkdtempSync(join(tmpdir(), 'huledu-ai-cli-'));
    try {
      mkdirSync(join(folder, 'essays'));
      for (const e of essays) writeFileSync(join(folder, 'essays', e.file), e.text);
      const rows = NAMES.map((name) => `${name.replace(' ', ',')},9B`);
      writeFileSync(join(folder, 'klass.csv'), ['Förnamn,Efternamn,Klass', ...rows].join('\n') + '\n');
      run('soffice', ['--headless', `-env:UserInstallation=file://${join(folder, '.lo')}`, '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx:Calc Office Open XML', 'klass.csv'], folder);
      const args = ['build/cli.mjs', 'ai-judge', join(folder, 'essays'), '--endpoint', test.url, '--model', 'test-model', '--class-list', join(folder, 'klass.xlsx'), '--per-script', '3', '--json'];
      const { stdout } = await promisify(execFile)('node', args, { cwd: repoPath('.'), encoding: 'utf8' });
      expect((JSON.parse(stdout) as { essays: unknown[] }).essays).toHaveLength(NAMES.length);
      expect(test.bodies.length).toBeGreaterThan(0);
      for (const body of test.bodies) for (const word of NAMES.flatMap((n) => n.split(' '))) expect(body.toLowerCase(), word).not.toContain(word.toLowerCase());
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exits 2 with a Swedish and English message when the server is unreachable', () => {
    const cli = spawnSync('node', ['build/cli.mjs', 'ai-judge', 'resources/samples/sv', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm'], { cwd: repoPath('.'), encoding: 'utf8' });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('Servern svarar inte');
    expect(cli.stderr).toContain('The server does not answer');
  });
});
