import { afterAll, describe, expect, it } from 'vitest';
import type { Essay } from '../../shared/contracts/domain';
import type { HuleDb } from '../../shared/db/schema';
import { createStore, type StoreApi } from '../../shared/db/store';
import { join } from 'node:path';
import { readIncomingFile } from '../../src-main/app/fs-files';
import { repoPath } from '../../src-main/app/repo-path';
import { doneWhenFolder, moreFiles } from '../fixtures/documents';
import { fixtureFile } from '../support/files';
import { sequentialIds, sharedPools, testServices } from '../support/harness';
import { memoryDb } from '../support/memory-db';

const pools = sharedPools();
afterAll(() => pools.close());

const files = () => [
  ...doneWhenFolder.slice(0, 8).map((f) => fixtureFile('done-when', f.name)),
  fixtureFile('more', moreFiles.zip),
  fixtureFile('done-when', '10-trasig.docx'),
];

/**
 * A store that dies at its k-th call: that call is carried out but its answer
 * never arrives (the acknowledgement is lost), and no later call is carried
 * out. To the store, this is what a crash of main looks like.
 */
function dyingStore(real: StoreApi, k: number): { store: StoreApi; died: Promise<void> } {
  let calls = 0;
  let die!: () => void;
  const died = new Promise<void>((resolve) => (die = resolve));
  const never = new Promise<never>(() => {});
  const store = Object.fromEntries(
    Object.entries(real).map(([method, call]) => [
      method,
      async (request: unknown) => {
        const n = ++calls;
        if (n > k) return never;
        const result = await (call as (r: unknown) => Promise<unknown>)(request);
        if (n === k) {
          die();
          return never;
        }
        return result;
      },
    ]),
  ) as StoreApi;
  return { store, died };
}

/** Starts a batch import the way the renderer does; returns when the store has seen k calls (or the run ended). */
async function runUntilCrash(db: HuleDb, k: number): Promise<boolean> {
  const { store, died } = dyingStore(createStore(db), k);
  const services = testServices(store, pools, sequentialIds(1));
  const work = (async () => {
    const { batchId } = await services.api.createBatch({ title: 'Krasch', className: '9B', course: 'Sv', language: 'sv' });
    await services.api.importFiles({ batchId, files: files() });
    await services.idle();
  })();
  return Promise.race([died.then(() => true), work.then(() => false)]);
}

/** Two English essays in a batch made Swedish, spellchecked. */
async function swedishBatchOfEnglish(db: HuleDb): Promise<string> {
  const services = testServices(createStore(db), pools, sequentialIds(3));
  const { batchId } = await services.api.createBatch({ title: 'Fel språk', className: '9B', course: 'En', language: 'sv' });
  const english = ['en/01-phones.docx', 'en/05-day.txt'].map((f) => readIncomingFile(join(repoPath('resources/samples'), f), f));
  await services.api.importFiles({ batchId, files: await Promise.all(english) });
  await services.idle();
  return batchId;
}

/** Starts the app again on the same database and lets it resume. */
async function restart(db: HuleDb): Promise<void> {
  const services = testServices(createStore(db), pools, sequentialIds(2));
  await services.api.hello({});
  await services.idle();
}

const fileKey = (e: Essay) => `${e.parentId ? 'entry:' : ''}${e.relativePath ?? e.fileName}`;
const outcomeOf = (e: Essay) => ({ state: e.state, code: e.rejection?.code, contentHash: e.contentHash, words: e.words });

/** Each spellchecked essay's findings, by file. */
async function findingsByFile(db: HuleDb): Promise<Map<string, unknown>> {
  const essays = new Map((await db.essays.toArray()).map((e) => [e.id, e]));
  return new Map((await db.spellchecks.toArray()).map((c) => [fileKey(essays.get(c.essayId)!), c.findings]));
}

describe('crash and resume (named for the foundation issue: kill mid-run, restart, every essay completes exactly once, through intake and spellcheck)', () => {
  it('completes every received essay exactly once, with the same result as an uninterrupted run, whatever call the crash hits', async () => {
    // The uninterrupted run, and how many store calls it makes.
    const referenceDb = memoryDb();
    let calls = 0;
    const counting = Object.fromEntries(
      Object.entries(createStore(referenceDb)).map(([m, call]) => [m, (r: unknown) => (calls++, (call as (r: unknown) => Promise<unknown>)(r))]),
    ) as StoreApi;
    const reference = testServices(counting, pools, sequentialIds(1));
    const { batchId } = await reference.api.createBatch({ title: 'Krasch', className: '9B', course: 'Sv', language: 'sv' });
    await reference.api.importFiles({ batchId, files: files() });
    await reference.idle();
    const expected = new Map((await referenceDb.essays.toArray()).map((e) => [fileKey(e), outcomeOf(e)]));
    expect(expected.size).toBe(13); // 8 files, an archive and its 3 essays, a damaged file
    const expectedFindings = await findingsByFile(referenceDb);

    let crashes = 0;
    console.log(`crashing at each of the ${calls} store calls of an uninterrupted run (intake and spellcheck)`);
    for (let k = 1; k <= calls; k++) {
      const db = memoryDb();
      if (await runUntilCrash(db, k)) crashes++;
      await restart(db);

      const essays = await db.essays.toArray();
      const events = await db.events.toArray();
      const context = `crash at store call ${k} of ${calls}`;
      // Nothing is left half-done, and no file became two essays.
      expect(essays.filter((e) => e.state === 'received' || e.state === 'extracting'), context).toEqual([]);
      expect(new Set(essays.map(fileKey)).size, context).toBe(essays.length);
      for (const essay of essays) {
        // Exactly one outcome per essay and phase, and the same one an uninterrupted run reaches.
        const outcomes = (phase: string) => events.filter((e) => e.subject === essay.id && e.id.endsWith(`/${phase}/outcome`));
        expect(outcomes('intake'), context).toHaveLength(1);
        expect(outcomes('spellcheck'), context).toHaveLength(essay.contentHash ? 1 : 0);
        expect(outcomeOf(essay), `${context}: ${fileKey(essay)}`).toEqual(expected.get(fileKey(essay)));
      }
      // Every spellcheck found what the uninterrupted run found.
      for (const [file, findings] of await findingsByFile(db)) expect(findings, `${context}: ${file}`).toEqual(expectedFindings.get(file));
      // Each phase run that started was completed exactly once.
      const batch = (await db.batches.toArray())[0];
      if (batch) {
        const outcomes = await db.phaseOutcomes.toArray();
        for (const phase of ['intake', 'spellcheck'] as const) {
          expect(batch.phases[phase]?.status ?? 'done', context).toBe('done');
          expect(outcomes.filter((o) => o.phase === phase).length, context).toBe(batch.phases[phase]?.run ?? 0);
        }
      }
      // The content store holds exactly the accepted texts.
      const spellchecks = await db.spellchecks.toArray();
      const texts = new Set(essays.flatMap((e) => (e.contentHash ? [e.contentHash] : [])));
      expect(new Set((await db.contents.toArray()).map((c) => c.hash)), context).toEqual(texts);
      expect(spellchecks.length, context).toBe(essays.filter((e) => e.contentHash).length);
      // Once every file was received, nothing is lost.
      if (essays.length === expected.size) expect(await db.blobs.count(), context).toBe(0);
    }
    expect(crashes).toBe(calls);
  });

  it('checks every essay exactly once per round after a language change, in the language the batch ends with, whatever call the crash hits', async () => {
    const toEnglish = { language: 'en', detectPerEssay: false, englishVariant: 'both' } as const;
    const referenceDb = memoryDb();
    const batchId = await swedishBatchOfEnglish(referenceDb);
    const inSwedish = await findingsByFile(referenceDb);
    let calls = 0;
    const counting = Object.fromEntries(
      Object.entries(createStore(referenceDb)).map(([m, call]) => [m, (r: unknown) => (calls++, (call as (r: unknown) => Promise<unknown>)(r))]),
    ) as StoreApi;
    const reference = testServices(counting, pools, sequentialIds(1));
    await reference.api.changeBatchLanguage({ batchId, ...toEnglish });
    await reference.idle();
    const inEnglish = await findingsByFile(referenceDb);
    expect(inEnglish).not.toEqual(inSwedish);

    for (let k = 1; k <= calls; k++) {
      const db = memoryDb();
      const id = await swedishBatchOfEnglish(db);
      const { store, died } = dyingStore(createStore(db), k);
      const services = testServices(store, pools, sequentialIds(1));
      const work = services.api.changeBatchLanguage({ batchId: id, ...toEnglish }).then(() => services.idle());
      await Promise.race([died, work]);
      await restart(db);

      const context = `crash at store call ${k} of ${calls} of a language change`;
      const batch = (await db.batches.get(id))!;
      // Either the change never landed, or it did and every essay was checked again; never half of each.
      const round = batch.language === 'en' ? 2 : 1;
      const events = await db.events.toArray();
      for (const essay of await db.essays.toArray()) {
        expect(essay.state, context).toBe('spellchecked');
        expect(essay.spellcheckRound ?? 1, context).toBe(round);
        expect((await db.spellchecks.get(essay.id))?.language, context).toBe(batch.language);
        const outcomes = events.filter((e) => e.subject === essay.id && /\/spellcheck\/(round\/\d+\/)?outcome$/.test(e.id));
        expect(outcomes, context).toHaveLength(round);
      }
      expect(await findingsByFile(db), context).toEqual(round === 2 ? inEnglish : inSwedish);
      const runs = (await db.phaseOutcomes.toArray()).filter((o) => o.phase === 'spellcheck');
      expect(batch.phases.spellcheck?.status, context).toBe('done');
      expect(runs.length, context).toBe(batch.phases.spellcheck?.run);
    }
  });
});
