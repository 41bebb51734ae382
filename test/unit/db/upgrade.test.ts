import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { restoreBackup, type Backup } from '../../../shared/db/backup';
import { HuleDb, schemaVersions } from '../../../shared/db/schema';

const v1Batch = {
  id: 'b1',
  title: 'Från version 1',
  className: '9B',
  course: 'Svenska',
  language: 'sv',
  createdAt: '2026-11-01T08:00:00.000Z',
  pipeline: ['intake'],
  nextSeq: 1,
  phases: { intake: { run: 1, status: 'done', startedAt: '2026-11-01T08:00:00.000Z' } },
};
const v1Essay = {
  id: 'e1',
  batchId: 'b1',
  seq: 0,
  fileName: 'uppsats.docx',
  size: 1000,
  state: 'accepted',
  words: 250,
  receivedAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:01.000Z',
};

describe('schema upgrades', () => {
  it('opens a version-1 database with the current schema and brings its batches up to date, keeping every record', async () => {
    const indexedDB = new IDBFactory();
    const old = new HuleDb('upgrade', { indexedDB, IDBKeyRange }, schemaVersions.slice(0, 1));
    await old.table('batches').add(v1Batch);
    await old.table('essays').add(v1Essay);
    old.close();

    const current = new HuleDb('upgrade', { indexedDB, IDBKeyRange });
    await current.open();
    expect(current.verno).toBe(schemaVersions.at(-1)!.version);
    expect(await current.batches.get('b1')).toEqual({
      ...v1Batch,
      names: [],
      addedWords: [],
      pipeline: ['intake', 'spellcheck'],
      // Version 6: an earlier batch keeps its one language; English accepted both spellings.
      detectPerEssay: false,
      englishVariant: 'both',
    });
    expect(await current.essays.get('e1')).toEqual(v1Essay);
    expect(await current.spellchecks.count()).toBe(0);
  });

  it('restores a version-1 backup into the current schema through the same upgrade', async () => {
    // What version 1 of the app exported: no spellcheck tables yet.
    const backup = {
      format: 'huledu-backup',
      schemaVersion: 1,
      exportedAt: '2026-11-01T09:00:00.000Z',
      tables: { batches: [v1Batch], essays: [v1Essay], contents: [], blobs: [], phaseOutcomes: [], events: [] },
    };
    const indexedDB = new IDBFactory();
    const current = new HuleDb('restored', { indexedDB, IDBKeyRange });
    await restoreBackup(current, backup);
    expect((await current.batches.get('b1'))?.pipeline).toEqual(['intake', 'spellcheck']);
    expect(await current.essays.get('e1')).toEqual(v1Essay);
  });

  it('drops the derived state of version 4 (corrected texts, findings per 100 words before decisions) and keeps the rest', async () => {
    const indexedDB = new IDBFactory();
    const old = new HuleDb('v4', { indexedDB, IDBKeyRange }, schemaVersions.slice(0, 4));
    const original = { hash: 'a'.repeat(64), kind: 'extracted', text: 'Uppsatsen', createdAt: '2026-11-01T08:00:00.000Z' };
    const corrected = { hash: 'b'.repeat(64), kind: 'corrected', text: 'Uppsatsen rättad', createdAt: '2026-11-01T08:00:00.000Z' };
    await old.table('contents').bulkAdd([original, corrected]);
    await old.table('essays').add({ ...v1Essay, state: 'spellchecked', contentHash: original.hash, findingsPer100: 4 });
    await old.table('spellchecks').add({ essayId: 'e1', contentHash: original.hash, correctedHash: corrected.hash, words: 250, findings: [] });
    old.close();

    const current = new HuleDb('v4', { indexedDB, IDBKeyRange });
    await current.open();
    expect(await current.contents.toArray()).toEqual([{ hash: original.hash, text: original.text, createdAt: original.createdAt }]);
    // Version 6 detects the language of every essay whose text it has; one word says too little.
    expect(await current.essays.get('e1')).toEqual({ ...v1Essay, state: 'spellchecked', contentHash: original.hash, detectedLanguage: null, languageConfidence: 0 });
    expect(await current.spellchecks.get('e1')).toEqual({ essayId: 'e1', contentHash: original.hash, words: 250, findings: [] });
  });

  it("detects each essay's language from its stored text in version 6, and keeps every batch's one language", async () => {
    const indexedDB = new IDBFactory();
    const old = new HuleDb('v5', { indexedDB, IDBKeyRange }, schemaVersions.slice(0, 5));
    const swedish = { hash: 'c'.repeat(64), text: 'Jag tycker att det är viktigt att vi får sova längre på morgonen, för då kan man lära sig mer i skolan och det blir lättare.', createdAt: v1Essay.receivedAt };
    const english = { hash: 'd'.repeat(64), text: 'I think that it is important that we get to sleep longer in the morning, because then we can learn more and it is easier.', createdAt: v1Essay.receivedAt };
    await old.table('contents').bulkAdd([swedish, english]);
    await old.table('batches').add({ ...v1Batch, language: 'en', names: [], addedWords: [], pipeline: ['intake', 'spellcheck'] });
    await old.table('essays').bulkAdd([
      { ...v1Essay, id: 'sv1', state: 'spellchecked', contentHash: swedish.hash },
      { ...v1Essay, id: 'en1', state: 'spellchecked', contentHash: english.hash },
      { ...v1Essay, id: 'r1', state: 'rejected', rejection: { code: 'CORRUPT_FILE' } },
    ]);
    old.close();

    const current = new HuleDb('v5', { indexedDB, IDBKeyRange });
    await current.open();
    expect(await current.batches.get('b1')).toMatchObject({ language: 'en', detectPerEssay: false, englishVariant: 'both' });
    expect(await current.essays.get('sv1')).toMatchObject({ detectedLanguage: 'sv' });
    expect(await current.essays.get('en1')).toMatchObject({ detectedLanguage: 'en' });
    expect((await current.essays.get('en1'))!.languageConfidence).toBeGreaterThan(0.8);
    // An essay without a text has nothing to detect from.
    expect(await current.essays.get('r1')).toEqual({ ...v1Essay, id: 'r1', state: 'rejected', rejection: { code: 'CORRUPT_FILE' } });
    // Essays are found by their text, so a deletion can tell whether another batch uses it.
    expect(await current.essays.where('contentHash').equals(english.hash).primaryKeys()).toEqual(['en1']);
  });
});

describe('schema 9: pupils (issue #13)', () => {
  // A backup made by the app at schema 8 (commit 20ae494): the sample batches, a session with 12 judgements, a fit
  // and a grade override, and a batch whose class list was typed as names.
  const stored = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/backups/schema-8.json'), 'utf8')) as Backup;
  const ids = (rows: readonly { id?: string }[]) => rows.map((r) => r.id).sort();

  async function check(current: HuleDb): Promise<void> {
    const t = stored.tables;
    expect(ids(await current.essays.toArray())).toEqual(ids(t.essays));
    expect(await current.judgements.toArray()).toEqual(expect.arrayContaining(t.judgements));
    expect(await current.judgements.count()).toBe(12);
    expect(await current.sessionFits.toArray()).toEqual(t.sessionFits);
    expect(await current.gradeOverrides.toArray()).toEqual(t.gradeOverrides);
    expect(await current.spellchecks.count()).toBe(t.spellchecks.length);
    const typed = (await current.batches.toArray()).find((b) => b.names.length > 0)!;
    // The typed names became the pupils of a class list of the batch's class, and its word list keeps the same names.
    expect(typed.names).toEqual(['Anna Lindqvist', 'Erik Öberg', 'Kalle']);
    const list = await current.classLists.get(typed.classListId!);
    expect(list?.name).toBe('9B');
    expect(list?.pupils.map(({ firstName, lastName }) => [firstName, lastName])).toEqual([
      ['Anna', 'Lindqvist'],
      ['Erik', 'Öberg'],
      ['Kalle', ''],
    ]);
    // Batches without names get no list.
    expect((await current.batches.toArray()).filter((b) => b.classListId).length).toBe(1);
    // Its essays were matched to those pupils: the sample essays name none of them.
    const essays = await current.essays.where('batchId').equals(typed.id).toArray();
    expect(essays.map((e) => e.pupilMatch?.status)).toEqual(essays.map(() => 'none'));
  }

  it('restores a schema-8 backup and keeps every essay, judgement and result', async () => {
    const db = new HuleDb('v8-backup', { indexedDB: new IDBFactory(), IDBKeyRange });
    await restoreBackup(db, stored);
    await check(db);
  });

  it('opens a schema-8 database and upgrades it the same way', async () => {
    const indexedDB = new IDBFactory();
    const old = new HuleDb('v8-db', { indexedDB, IDBKeyRange }, schemaVersions.filter((v) => v.version <= 8));
    // Written table by table, as the app at schema 8 held them (restoreBackup knows only the current tables).
    for (const [table, rows] of Object.entries(stored.tables)) if (rows.length > 0) await old.table(table).bulkAdd(rows);
    expect(old.verno).toBe(8);
    old.close();
    const current = new HuleDb('v8-db', { indexedDB, IDBKeyRange });
    await current.open();
    expect(current.verno).toBe(9);
    await check(current);
  });

  it("matches the essays of a batch with typed names to the pupils those names became, as intake would", async () => {
    const indexedDB = new IDBFactory();
    const old = new HuleDb('v8-named', { indexedDB, IDBKeyRange }, schemaVersions.filter((v) => v.version <= 8));
    for (const [table, rows] of Object.entries(stored.tables)) if (rows.length > 0) await old.table(table).bulkAdd(rows);
    const typed = stored.tables.batches.find((b) => b.names.length > 0)!;
    const sample = stored.tables.essays.find((e) => e.batchId === typed.id)!;
    const text = `Namn: Erik Öberg\n\n${stored.tables.contents[0]!.text}`;
    const hash = 'e'.repeat(64);
    await old.table('contents').add({ hash, text, createdAt: sample.receivedAt });
    await old.table('essays').bulkAdd([
      { ...sample, id: 'erik', seq: 100, fileName: 'uppsats.docx', contentHash: hash },
      { ...sample, id: 'anna', seq: 101, fileName: 'Anna Lindqvist - Uppsats.docx' },
    ]);
    old.close();
    const current = new HuleDb('v8-named', { indexedDB, IDBKeyRange });
    await current.open();
    const pupils = (await current.classLists.get(`classlist-${typed.id}`))!.pupils;
    const idOf = (first: string) => pupils.find((p) => p.firstName === first)!.id;
    expect(await current.essays.get('erik')).toMatchObject({ pupilMatch: { status: 'matched', pupilId: idOf('Erik') } });
    expect(await current.essays.get('anna')).toMatchObject({ pupilMatch: { status: 'matched', pupilId: idOf('Anna') } });
  });
});
