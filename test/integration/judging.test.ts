import { afterAll, describe, expect, it } from 'vitest';
import type { NextPair } from '../../shared/contracts/judging';
import type { HuleDb } from '../../shared/db/schema';
import { createStore } from '../../shared/db/store';
import type { Services } from '../../src-main/app/services';
import { sharedPools, sequentialIds, testServices } from '../support/harness';
import { memoryDb } from '../support/memory-db';

const pools = sharedPools();
afterAll(() => pools.close());

async function laptop(prefix: number): Promise<{ db: HuleDb; services: Services }> {
  const db = memoryDb();
  return { db, services: testServices(createStore(db), pools, sequentialIds(prefix)) };
}

/** The Swedish sample batch, spellchecked, with a session judged by two teachers whose taste is the essays' length. */
async function judgedSession(budgetPerScript = 6) {
  const { db, services } = await laptop(1);
  await services.api.importSamples({});
  await services.idle();
  const batch = (await db.batches.toArray()).find((b) => b.language === 'sv')!;
  const essays = (await db.essays.where('batchId').equals(batch.id).toArray()).filter((e) => e.state === 'spellchecked');
  const words = new Map(essays.map((e) => [e.id, e.words!]));
  const byLength = [...essays].sort((a, b) => a.words! - b.words!);
  const { judgeId: anna } = await services.api.createJudge({ name: 'Anna' });
  const { judgeId: erik } = await services.api.createJudge({ name: 'Erik' });
  const created = await services.api.createSession({
    batchId: batch.id,
    title: 'Vårterminen',
    judgeIds: [anna, erik],
    anchors: [
      { essayId: byLength[0].id, grade: 'E' },
      { essayId: byLength.at(-1)!.id, grade: 'A' },
    ],
    budgetPerScript,
  });
  if (created.outcome !== 'created') throw new Error(created.code);
  const sessionId = created.sessionId;

  const judges = [anna, erik];
  const pairs: NextPair[] = [];
  let turn = 0;
  let next = await services.api.currentPair({ sessionId, judgeId: anna });
  while (next.outcome === 'pair' && turn < 200) {
    const judgeId = judges[turn % 2];
    const pair = turn % 2 === 0 ? next : await services.api.currentPair({ sessionId, judgeId });
    if (pair.outcome !== 'pair') break;
    pairs.push(pair);
    const winner = words.get(pair.left)! >= words.get(pair.right)! ? pair.left : pair.right;
    await services.api.judge({ sessionId, judgeId, left: pair.left, right: pair.right, winner, ms: 1000 + turn });
    await services.idle();
    turn++;
    next = await services.api.currentPair({ sessionId, judgeId: judges[turn % 2] });
  }
  return { db, services, sessionId, essays, byLength, anna, erik, pairs, last: next };
}

describe('judging a CJ session', () => {
  it('runs until the stopping rule fires, then fits a scale and projects grades from the anchors', async () => {
    const { db, sessionId, essays, byLength, pairs, last } = await judgedSession();
    const session = (await db.sessions.get(sessionId))!;
    expect(session.stop?.reason).toMatch(/reliability-reached|budget-spent/);
    expect(last).toEqual({ outcome: 'none', reason: 'stopped' });
    // No pair repeats while unseen pairs are left (6 essays: 15 pairs).
    const keys = pairs.map((p) => [p.outcome === 'pair' && p.left, p.outcome === 'pair' && p.right].sort().join('|'));
    expect(new Set(keys.slice(0, 15)).size).toBe(Math.min(15, keys.length));

    const fit = (await db.sessionFits.get(sessionId))!;
    expect(fit.judgements).toBe(pairs.length);
    // The scale orders the essays as the judges did: by length.
    const theta = new Map(fit.items.map((i) => [i.essayId, i.theta]));
    const ranked = [...essays].sort((a, b) => theta.get(a.id)! - theta.get(b.id)!);
    expect(ranked.map((e) => e.id)).toEqual(byLength.map((e) => e.id));
    expect(fit.gradesUnavailable).toBeNull();
    expect(fit.items.find((i) => i.essayId === byLength[0].id)!.grade).toMatch(/^[FE]$/);
    expect(fit.items.find((i) => i.essayId === byLength.at(-1)!.id)!.grade).toMatch(/^[BA]$/);
    for (const item of fit.items) expect(item.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 6);
    expect(fit.judges.map((j) => j.judgements).reduce((a, b) => a + b)).toBe(pairs.length);
    expect(fit.judges.every((j) => j.medianMs! >= 1000 && j.leftShare !== null)).toBe(true);
    console.log(`stopped (${session.stop?.reason}) after ${pairs.length} judgements; reported reliability ${fit.reliability.reported?.toFixed(3)}, SSR ${fit.ssr?.toFixed(3)}`);
  });

  it('ends the session even when a judge walks away from a pair on screen', async () => {
    const { db, services } = await laptop(4);
    await services.api.importSamples({});
    await services.idle();
    const batch = (await db.batches.toArray()).find((b) => b.language === 'sv')!;
    const { judgeId: anna } = await services.api.createJudge({ name: 'Anna' });
    const { judgeId: erik } = await services.api.createJudge({ name: 'Erik' });
    const created = await services.api.createSession({ batchId: batch.id, title: 'Kort', judgeIds: [anna, erik], budgetPerScript: 3 });
    if (created.outcome !== 'created') throw new Error(created.code);
    const { sessionId } = created;
    const abandoned = await services.api.currentPair({ sessionId, judgeId: anna });
    if (abandoned.outcome !== 'pair') throw new Error('no pair');
    let next = await services.api.currentPair({ sessionId, judgeId: erik });
    const judged: string[] = [];
    while (next.outcome === 'pair' && judged.length < 20) {
      judged.push(`${next.left}|${next.right}`);
      // Ask again once the refit is in, as a judge who comes back to the screen would.
      await services.api.judge({ sessionId, judgeId: erik, left: next.left, right: next.right, winner: next.left, ms: 900 });
      await services.idle();
      next = await services.api.currentPair({ sessionId, judgeId: erik });
    }
    // 6 essays × 3 per script / 2 = 9 judgements; Erik made the last on Anna's pair.
    expect(judged).toHaveLength(9);
    expect(judged.at(-1)).toBe(`${abandoned.left}|${abandoned.right}`);
    expect((await db.sessions.get(sessionId))!.stop?.reason).toBe('budget-spent');
    expect(await services.api.judge({ sessionId, judgeId: anna, left: abandoned.left, right: abandoned.right, winner: abandoned.right, ms: 60_000 })).toEqual({
      outcome: 'none',
      reason: 'stopped',
    });
  });

  it('still ends the session when the fit after the last judgement failed', async () => {
    const db = memoryDb();
    const store = createStore(db);
    let failLastFit = true;
    const flaky: typeof store = {
      ...store,
      async putSessionFit(request) {
        // The disk is full for a moment, just as the ninth and last judgement's fit is stored.
        if (failLastFit && request.fit?.judgements === 9) {
          failLastFit = false;
          throw new Error('QuotaExceededError');
        }
        return store.putSessionFit(request);
      },
    };
    const services = testServices(flaky, pools, sequentialIds(5));
    await services.api.importSamples({});
    await services.idle();
    const batch = (await db.batches.toArray()).find((b) => b.language === 'sv')!;
    const { judgeId } = await services.api.createJudge({ name: 'Anna' });
    const created = await services.api.createSession({ batchId: batch.id, title: 'Full disk', judgeIds: [judgeId], budgetPerScript: 3 });
    if (created.outcome !== 'created') throw new Error(created.code);
    const { sessionId } = created;
    let next = await services.api.currentPair({ sessionId, judgeId });
    for (let i = 0; next.outcome === 'pair' && i < 20; i++) {
      next = await services.api.judge({ sessionId, judgeId, left: next.left, right: next.right, winner: next.left, ms: 900 });
      await services.idle();
    }
    expect(failLastFit).toBe(false);
    expect(await db.judgements.count()).toBe(9);
    // The judge is told every planned comparison is made, and the service, having no pair to give, fits again and ends the session.
    expect(next).toEqual({ outcome: 'none', reason: 'budget-spent' });
    await services.idle();
    expect((await db.sessions.get(sessionId))!.stop?.reason).toBe('budget-spent');
    expect((await db.sessionFits.get(sessionId))!.judgements).toBe(9);
  });

  it('records a failed refit on the session (full disk), and a refit asked for later clears it (issue #12)', async () => {
    const db = memoryDb();
    const store = createStore(db);
    let diskFull = false;
    const flaky: typeof store = {
      ...store,
      async putSessionFit(request) {
        if (diskFull) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
        return store.putSessionFit(request);
      },
    };
    const services = testServices(flaky, pools, sequentialIds(6));
    await services.api.importSamples({});
    await services.idle();
    const batch = (await db.batches.toArray()).find((b) => b.language === 'sv')!;
    const { judgeId } = await services.api.createJudge({ name: 'Anna' });
    const created = await services.api.createSession({ batchId: batch.id, title: 'Full disk', judgeIds: [judgeId], budgetPerScript: 10 });
    if (created.outcome !== 'created') throw new Error(created.code);
    const { sessionId } = created;
    let next = await services.api.currentPair({ sessionId, judgeId });
    for (let i = 0; next.outcome === 'pair' && i < 3; i++) {
      next = await services.api.judge({ sessionId, judgeId, left: next.left, right: next.right, winner: next.left, ms: 900 });
      await services.idle();
    }
    expect((await db.sessionFits.get(sessionId))!.judgements).toBe(3);
    expect((await db.sessions.get(sessionId))!.fitFailed).toBeUndefined();

    diskFull = true;
    if (next.outcome !== 'pair') throw new Error('expected a pair');
    await services.api.judge({ sessionId, judgeId, left: next.left, right: next.right, winner: next.right, ms: 900 });
    await services.idle();
    const failed = (await db.sessions.get(sessionId))!.fitFailed;
    expect(failed?.code).toBe('DISK_FULL');
    expect((await db.sessionFits.get(sessionId))!.judgements).toBe(3);

    diskFull = false;
    await services.api.refitSession({ sessionId });
    const fit = (await db.sessionFits.get(sessionId))!;
    expect(fit.judgements).toBe(4);
    expect(fit.computedAt > failed!.at).toBe(true);
  });

  it('takes back the last judgement and shows its pair again', async () => {
    const { db, services } = await laptop(2);
    await services.api.importSamples({});
    await services.idle();
    const batch = (await db.batches.toArray()).find((b) => b.language === 'sv')!;
    const { judgeId } = await services.api.createJudge({ name: 'Anna' });
    const created = await services.api.createSession({ batchId: batch.id, title: 'Ångra', judgeIds: [judgeId] });
    if (created.outcome !== 'created') throw new Error(created.code);
    const { sessionId } = created;
    const first = await services.api.currentPair({ sessionId, judgeId });
    if (first.outcome !== 'pair') throw new Error('no pair');
    // A reload asks again: the same pair.
    expect(await services.api.currentPair({ sessionId, judgeId })).toEqual(first);
    const second = await services.api.judge({ sessionId, judgeId, left: first.left, right: first.right, winner: first.left, ms: 2000 });
    expect(second.outcome).toBe('pair');
    // The same choice sent again (a reload while it was being stored, a double send) is not stored twice.
    expect(await services.api.judge({ sessionId, judgeId, left: first.left, right: first.right, winner: first.left, ms: 2000 })).toEqual(second);
    expect(await db.judgements.count()).toBe(1);
    expect(await services.api.undo({ sessionId, judgeId })).toEqual(first);
    await services.idle();
    expect((await db.judgements.toArray()).map((j) => j.undone)).toEqual([true]);
    expect(await db.sessionFits.get(sessionId)).toBeUndefined();
  });

  it('moderates between laptops: export, import into a fresh profile with the same results, import twice changes nothing', async () => {
    const { db, services, sessionId } = await judgedSession(4);
    const file = await services.api.exportJudgements({ sessionId });
    const original = (await db.sessionFits.get(sessionId))!;

    const other = await laptop(3);
    const first = await other.services.api.importJudgements({ file: JSON.parse(JSON.stringify(file)) });
    expect(first).toMatchObject({ outcome: 'imported', sessionId, added: file.judgements.length, alreadyHad: 0 });
    await other.services.idle();
    const again = await other.services.api.importJudgements({ file: JSON.parse(JSON.stringify(file)) });
    expect(again).toMatchObject({ outcome: 'imported', added: 0, alreadyHad: file.judgements.length });
    await other.services.idle();

    expect(await other.db.judgements.count()).toBe(file.judgements.length);
    const imported = (await other.db.sessionFits.get(sessionId))!;
    const round = (items: typeof original.items) => items.map((i) => [i.essayId, i.theta.toFixed(4), i.grade]);
    expect(round(imported.items)).toEqual(round(original.items));
    expect((await other.db.sessions.get(sessionId))!.stop?.reason).toBe((await db.sessions.get(sessionId))!.stop?.reason);
    // The essays arrived as texts and were spellchecked here.
    const essays = await other.db.essays.toArray();
    expect(essays.length).toBe(file.essays.length);
    expect(essays.every((e) => e.state === 'spellchecked')).toBe(true);

    // Back on the first laptop, the colleague's file adds nothing it did not have.
    expect(await services.api.importJudgements({ file })).toMatchObject({ added: 0 });
    // A text changed on the way is refused before anything is stored.
    const fresh = await laptop(5);
    const tampered = JSON.parse(JSON.stringify(file));
    tampered.essays[0].text += ' Tillagt i efterhand.';
    expect(await fresh.services.api.importJudgements({ file: tampered })).toEqual({ outcome: 'rejected', code: 'INVALID_FILE' });
    expect([await fresh.db.batches.count(), await fresh.db.essays.count(), await fresh.db.judgements.count()]).toEqual([0, 0, 0]);
    // Anything else is refused with a reason, and changes nothing.
    expect(await other.services.api.importJudgements({ file: { ...file, judgements: [{ id: 'x' }] } })).toEqual({ outcome: 'rejected', code: 'INVALID_FILE' });
    expect(await other.db.judgements.count()).toBe(file.judgements.length);
  });

  it("keeps the class list on this laptop: a moderation file's texts have the names masked", async () => {
    const { services } = await laptop(6);
    const { batchId } = await services.api.createBatch({ title: 'Namn', className: '9B', course: 'Svenska', language: 'sv', names: ['Xandrah Lindqvist'] });
    const file = (name: string, topic: string) => {
      const bytes = new TextEncoder().encode(
        `Jag heter Xandrah Lindqvist och jag skriver om ${topic}. Det är ett ämne som jag tycker är viktigt för alla elever på skolan, och Xandrahs vänner håller med.`,
      );
      return { name, size: bytes.length, bytes };
    };
    await services.api.importFiles({ batchId, files: [file('Xandrah Lindqvist.txt', 'skolmaten'), file('Yusuf Öberg uppsats.txt', 'läxorna')] });
    await services.idle();
    const { judgeId } = await services.api.createJudge({ name: 'Anna' });
    const created = await services.api.createSession({ batchId, title: 'Namn', judgeIds: [judgeId] });
    if (created.outcome !== 'created') throw new Error(created.code);
    const exported = await services.api.exportJudgements({ sessionId: created.sessionId });
    expect(exported.essays).toHaveLength(2);
    for (const { text } of exported.essays) {
      expect(text).not.toMatch(/Xandrah|Lindqvist/);
      expect(text).toContain('Jag heter [namn] och');
    }
    // File names are often pupils' names: the file carries none, and names its essays by their texts' hashes.
    expect(JSON.stringify(exported)).not.toMatch(/Xandrah|Lindqvist|Yusuf|Öberg|\.txt/);
    const colleague = await laptop(7);
    expect(await colleague.services.api.importJudgements({ file: JSON.parse(JSON.stringify(exported)) })).toMatchObject({ outcome: 'imported' });
    const names = (await colleague.db.essays.toArray()).map((e) => e.fileName);
    expect(names.sort()).toEqual(exported.essays.map(({ essay }) => `text-${essay.contentHash!.slice(0, 8)}`).sort());
    await colleague.services.idle();
  });

  it('imports a moderation file from an older version, which named each essay by its file, and keeps none of those names', async () => {
    const { services } = await laptop(8);
    const { batchId } = await services.api.createBatch({ title: 'Äldre', className: '9C', course: 'Svenska', language: 'sv', names: [] });
    const text = (topic: string) =>
      new TextEncoder().encode(`Jag skriver om ${topic}. Det är ett ämne som jag tycker är viktigt för alla elever på skolan, och mina vänner håller med mig om det.`);
    const files = ['skolmaten', 'läxorna'].map((topic, i) => ({ name: `essay-${i}.txt`, size: text(topic).length, bytes: text(topic) }));
    await services.api.importFiles({ batchId, files });
    await services.idle();
    const { judgeId } = await services.api.createJudge({ name: 'Anna' });
    const created = await services.api.createSession({ batchId, title: 'Äldre', judgeIds: [judgeId] });
    if (created.outcome !== 'created') throw new Error(created.code);
    const current = await services.api.exportJudgements({ sessionId: created.sessionId });
    // As version 1 wrote it: each essay with the name of the file it came from.
    const older = { ...current, version: 1, essays: current.essays.map(({ essay, text }, i) => ({ essay: { ...essay, fileName: `Pupil Name ${i}.docx` }, text })) };
    const colleague = await laptop(9);
    expect(await colleague.services.api.importJudgements({ file: JSON.parse(JSON.stringify(older)) })).toMatchObject({ outcome: 'imported' });
    const essays = await colleague.db.essays.toArray();
    expect(essays).toHaveLength(2);
    expect(essays.every((e) => /^text-[0-9a-f]{8}$/.test(e.fileName))).toBe(true);
    await colleague.services.idle();
  });
});
