import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IncomingFile } from '../../shared/contracts/main/batches';
import { batchDetail, essaySpelling } from '../../shared/db/queries';
import { tableNames } from '../../shared/db/schema';
import { createStore } from '../../shared/db/store';
import { eventIds } from '../../shared/events/ids';
import { effectiveFindings, findingKey } from '../../shared/spelling';
import { readIncomingFile, sampleSource } from '../../src-main/app/fs-files';
import { repoPath } from '../../src-main/app/repo-path';
import { createServices } from '../../src-main/app/services';
import { createLogger, silentLogger } from '../../src-main/core/logger';
import { sequentialIds, sharedPools, testServices } from '../support/harness';
import { memoryDb } from '../support/memory-db';

/**
 * Language per essay through the real services and pools over
 * fake-indexeddb: detection at intake, spellchecking again after the teacher
 * changes a batch's or an essay's language (decisions on findings that remain
 * carry over), and changing the language while nothing is left unchecked.
 */

const pools = sharedPools();
afterAll(() => pools.close());

const SAMPLES = repoPath('resources/samples');
const sample = (path: string): Promise<IncomingFile> => readIncomingFile(join(SAMPLES, path), path);
const textFile = (name: string, text: string): IncomingFile => {
  const bytes = new TextEncoder().encode(text);
  return { name, relativePath: name, size: bytes.length, bytes };
};
// Enough words to be an essay, but no function word of either language: detection declines.
const LIST = 'Fotboll Handboll Tennis Golf Ishockey Bandy Simning Rodd Segling Klättring Skidor Cykel Boxning Brottning Judo Karate Taekwondo Dans Gymnastik Friidrott Innebandy Basket Volleyboll Rugby';

function setup() {
  const db = memoryDb();
  const services = testServices(createStore(db), pools);
  const essayNamed = async (batchId: string, name: string) => (await db.essays.where('batchId').equals(batchId).toArray()).find((e) => e.fileName === name)!;
  return { db, services, api: services.api, essayNamed };
}

describe('the language of each essay', () => {
  it('is detected at intake; a detecting batch checks each essay in its own language, and flags one it cannot tell until the teacher chooses', async () => {
    const { db, services, api, essayNamed } = setup();
    const { batchId } = await api.createBatch({ title: 'Blandat', className: '9B', course: 'Engelska', language: 'sv', detectPerEssay: true, names: [] });
    await api.importFiles({ batchId, files: [await sample('en/01-phones.docx'), await sample('sv/01-mobiler.docx'), textFile('idrotter.txt', LIST)] });
    await services.idle();

    const english = await essayNamed(batchId, '01-phones.docx');
    const swedish = await essayNamed(batchId, '01-mobiler.docx');
    const list = await essayNamed(batchId, 'idrotter.txt');
    expect(english).toMatchObject({ state: 'spellchecked', detectedLanguage: 'en' });
    expect(english.languageConfidence).toBeGreaterThan(0.8);
    expect(swedish).toMatchObject({ state: 'spellchecked', detectedLanguage: 'sv' });
    expect(list).toMatchObject({ state: 'spellchecked', detectedLanguage: null });
    expect((await db.spellchecks.get(english.id))).toMatchObject({ language: 'en', variant: 'both' });
    expect((await db.spellchecks.get(swedish.id))?.language).toBe('sv');
    // Detection declined: checked in Swedish, and the teacher is asked.
    expect((await db.spellchecks.get(list.id))?.language).toBe('sv');
    let detail = (await batchDetail(db, batchId))!;
    expect([...detail.languageFlags]).toEqual([[list.id, 'undetermined']]);

    expect(await api.changeEssayLanguage({ batchId, essayId: list.id, language: 'en' })).toEqual({ rechecked: true });
    await services.idle();
    expect(await db.essays.get(list.id)).toMatchObject({ state: 'spellchecked', chosenLanguage: 'en', spellcheckRound: 2 });
    expect((await db.spellchecks.get(list.id))?.language).toBe('en');
    detail = (await batchDetail(db, batchId))!;
    expect(detail.languageFlags.size).toBe(0);
    // Only that essay was checked again; the others kept their first round.
    expect((await db.essays.get(english.id))?.spellcheckRound).toBeUndefined();
  });

  it('is checked again when the teacher changes the batch language; Swedish findings become English ones and a decision on a finding that remains carries over', async () => {
    const { db, services, api, essayNamed } = setup();
    // Enter pressed in the title field used to make this: a Swedish batch of English essays.
    const { batchId } = await api.createBatch({ title: 'Phones', className: '9B', course: 'Engelska', language: 'sv', names: [] });
    await api.importFiles({ batchId, files: [await sample('en/01-phones.docx'), await sample('en/05-day.txt')] });
    await services.idle();
    const phones = await essayNamed(batchId, '01-phones.docx');
    const inSwedish = (await essaySpelling(db, phones.id))!;
    expect(inSwedish.spellcheck?.language).toBe('sv');
    const swedishPer100 = (100 * inSwedish.spellcheck!.findings.length) / inSwedish.spellcheck!.words;
    expect(swedishPer100).toBeGreaterThan(40);
    // Flagged before anyone judges it: the text reads as English.
    const before = (await batchDetail(db, batchId))!;
    expect([...before.languageFlags.values()]).toEqual(['mismatch', 'mismatch']);

    // The teacher ignores "alot", a finding in either language at the same place, and one only Swedish makes.
    const alot = inSwedish.spellcheck!.findings.find((f) => f.text === 'alot')!;
    const swedishOnly = inSwedish.spellcheck!.findings.find((f) => f.text.toLowerCase() === 'the')!;
    await api.decideFinding({ essayId: phones.id, key: findingKey(alot), decision: 'ignored' });
    await api.decideFinding({ essayId: phones.id, key: findingKey(swedishOnly), decision: 'ignored' });

    expect(await api.changeBatchLanguage({ batchId, language: 'en', detectPerEssay: false, englishVariant: 'both' })).toEqual({ rechecked: 2 });
    await services.idle();

    const inEnglish = (await essaySpelling(db, phones.id))!;
    expect(inEnglish.essay).toMatchObject({ state: 'spellchecked', spellcheckRound: 2 });
    expect(inEnglish.spellcheck).toMatchObject({ language: 'en', variant: 'both' });
    expect((100 * inEnglish.spellcheck!.findings.length) / inEnglish.spellcheck!.words).toBeLessThan(swedishPer100 / 4);
    expect(inEnglish.spellcheck!.findings.some((f) => f.text.toLowerCase() === 'the')).toBe(false);
    const effective = effectiveFindings(inEnglish.spellcheck!.findings, inEnglish.decisions, []);
    expect(effective.find((f) => f.key === findingKey(alot))?.status).toBe('ignored');
    expect((await batchDetail(db, batchId))!.languageFlags.size).toBe(0);

    // The recheck has ids of its own: the first round's outcome and the second's are both recorded, once each.
    expect(await db.events.get(eventIds.essayOutcome(phones.id, 'spellcheck'))).toBeDefined();
    expect(await db.events.get(eventIds.essayOutcome(phones.id, 'spellcheck', 2))).toBeDefined();
    const outcomes = await db.phaseOutcomes.where('batchId').equals(batchId).toArray();
    expect(outcomes.filter((o) => o.phase === 'spellcheck').map((o) => [o.run, o.outcome])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
    ]);

    // British spelling only: an English essay is checked a third time; a change that alters nothing checks nothing.
    expect(await api.changeBatchLanguage({ batchId, language: 'en', detectPerEssay: false, englishVariant: 'gb' })).toEqual({ rechecked: 2 });
    await services.idle();
    expect(await db.spellchecks.get(phones.id)).toMatchObject({ language: 'en', variant: 'gb' });
    expect(await api.changeBatchLanguage({ batchId, language: 'sv', detectPerEssay: true, englishVariant: 'gb' })).toEqual({ rechecked: 0 });
  });

  it('waits for a spellcheck that is running before the language changes, so no essay ends up checked in the old language', async () => {
    const { db, services, api } = setup();
    const { batchId } = await api.createBatch({ title: 'Mitt i', className: '', course: '', language: 'sv', names: [] });
    const files = await Promise.all(['en/01-phones.docx', 'en/02-role-model.odt', 'en/04-climate.rtf', 'en/05-day.txt', 'en/06-books.docx'].map(sample));
    await api.importFiles({ batchId, files });
    // While intake and spellcheck run in the background.
    await api.changeBatchLanguage({ batchId, language: 'en', detectPerEssay: false, englishVariant: 'both' });
    await services.idle();
    const essays = await db.essays.where('batchId').equals(batchId).toArray();
    expect(essays.map((e) => e.state)).toEqual(Array(5).fill('spellchecked'));
    const checks = await db.spellchecks.bulkGet(essays.map((e) => e.id));
    expect(checks.map((c) => c?.language)).toEqual(Array(5).fill('en'));
  });
});

describe('deleting a batch', () => {
  it('removes everything the batch owns from every table, keeps what another batch shares, and tells what went', async () => {
    const db = memoryDb();
    // The municipality's receiver is out of reach: the queued results stay unsent.
    const offline = async (): Promise<Response> => {
      throw new TypeError('fetch failed');
    };
    const services = createServices(
      { store: createStore(db), ...pools, samples: sampleSource(SAMPLES), logger: silentLogger, ids: sequentialIds(), http: offline, syncTiming: { baseDelayMs: 60_000 } },
      'cli',
      'test',
      4,
    );
    const { api } = services;
    const files = await Promise.all(['sv/01-mobiler.docx', 'sv/02-forebild.odt', 'sv/03-sommarlov.pdf', 'sv/05-dagen.txt', 'sv/06-bocker.docx'].map(sample));
    const { batchId } = await api.createBatch({ title: 'Ska bort', className: '9B', course: 'Svenska', language: 'sv', names: ['Xandrah'] });
    await api.importFiles({ batchId, files });
    const { batchId: kept } = await api.createBatch({ title: 'Blir kvar', className: '9C', course: 'Svenska', language: 'sv', names: [] });
    // The same file in both batches: one text, used by both.
    await api.importFiles({ batchId: kept, files: [files[0]] });
    await services.idle();

    const essays = await db.essays.where('batchId').equals(batchId).toArray();
    const checks = (await db.spellchecks.bulkGet(essays.map((e) => e.id))).filter((c) => c !== undefined);
    const checked = checks.find((c) => c.findings.length > 0)!;
    const first = essays.find((e) => e.id === checked.essayId)!;
    const finding = checked.findings[0];
    await api.decideFinding({ essayId: first.id, key: findingKey(finding), decision: 'ignored' });
    await api.addWord({ batchId, word: 'Mobiltelefon' });
    await api.changeEssayLanguage({ batchId, essayId: first.id, language: 'sv' });
    const { judgeId } = await api.createJudge({ name: 'Anna' });
    const created = await api.createSession({ batchId, title: 'Vt', judgeIds: [judgeId], anchors: [], budgetPerScript: 4 });
    if (created.outcome !== 'created') throw new Error(created.code);
    const { sessionId } = created;
    const pair = await api.currentPair({ sessionId, judgeId });
    if (pair.outcome !== 'pair') throw new Error('no pair');
    await api.judge({ sessionId, judgeId, left: pair.left, right: pair.right, winner: pair.left, ms: 1500 });
    await services.idle();
    expect(await db.sessionFits.get(sessionId)).toBeDefined();
    expect(await api.saveSyncSettings({ enabled: true, serverUrl: 'http://127.0.0.1:9', schoolId: 'skola', sendTexts: false, token: 'a-school-token-0123456789' })).toEqual({ outcome: 'saved' });
    expect(await api.queueSync({ batchId })).toMatchObject({ outcome: 'queued' });
    await services.idle();
    expect(await db.outbox.where('status').equals('pending').count()).toBe(1);
    const keptBefore = await everyRow(db, (row) => row.includes(kept));

    expect(await api.deleteBatch({ batchId })).toEqual({ essays: 5, sessions: 1, judgements: 1, unsentSync: 1 });
    expect(await db.outbox.count()).toBe(0);

    const ids = [batchId, sessionId, ...essays.map((e) => e.id)];
    expect(await everyRow(db, (row) => ids.some((id) => row.includes(id)))).toEqual({});
    // The shared text stays for the batch that still uses it; the others' texts are gone.
    const contents = (await db.contents.toArray()).map((c) => c.hash);
    expect(contents).toEqual([(await db.essays.where('batchId').equals(kept).first())!.contentHash]);
    expect(await everyRow(db, (row) => row.includes(kept))).toEqual(keptBefore);
    // The judge and the school's sync settings belong to no batch.
    expect(await db.judges.get(judgeId)).toBeDefined();
    expect(await db.settings.get('sync')).toBeDefined();
    // Main forgot the pair on the judge's screen: the session is gone, not shown.
    await expect(api.currentPair({ sessionId, judgeId })).rejects.toThrow();
    expect(await api.deleteBatch({ batchId })).toBeNull();
  });

  it('waits for the batch’s import and spellcheck to stop, and nothing of it comes back afterwards', async () => {
    const db = memoryDb();
    const logs: string[] = [];
    const logger = createLogger((line) => logs.push(line), 'debug');
    const services = createServices({ store: createStore(db), ...pools, samples: sampleSource(SAMPLES), logger, ids: sequentialIds() }, 'cli', 'test', 4);
    const { api } = services;
    const { batchId } = await api.createBatch({ title: 'Mitt i importen', className: '', course: '', language: 'sv', names: [] });
    const files = await Promise.all(['sv/01-mobiler.docx', 'sv/02-forebild.odt', 'sv/03-sommarlov.pdf', 'sv/04-klimatet.rtf'].map(sample));
    await api.importFiles({ batchId, files });
    const deleted = await api.deleteBatch({ batchId });
    expect(deleted?.essays).toBe(4);
    await services.idle();
    expect(await everyRow(db, (row) => row.includes(batchId))).toEqual({});
    expect(await db.essays.count()).toBe(0);
    expect(await db.contents.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
    // The batch's work finished before the deletion, not against a deleted batch.
    expect(logs.filter((line) => JSON.parse(line).level === 'error')).toEqual([]);
    expect(logs.some((line) => line.includes('phase completed'))).toBe(true);
  });
});

/** Every row of every table, as JSON, that matches; by table, leaving out tables with none. */
async function everyRow(db: ReturnType<typeof memoryDb>, match: (row: string) => boolean): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const name of tableNames) {
    const rows = (await db.table(name).toArray()).map((row: unknown) => JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? `bytes:${v.length}` : v)));
    const matching = rows.filter(match);
    if (matching.length) found[name] = matching.sort();
  }
  return found;
}
