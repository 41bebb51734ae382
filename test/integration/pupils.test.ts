import { afterAll, describe, expect, it } from 'vitest';
import type { IncomingFile } from '../../shared/contracts/main/batches';
import { createStore } from '../../shared/db/store';
import { fixtureTexts } from '../fixtures/texts';
import { sharedPools, testServices } from '../support/harness';
import { memoryDb } from '../support/memory-db';

/**
 * Who wrote each essay, as a teacher meets it (issue #13): intake matches
 * each accepted essay to a pupil of the batch's class list, the teacher
 * settles the doubtful ones, and linking a list later matches what is there.
 */

const pools = sharedPools();
afterAll(() => pools.close());

const file = (name: string, text: string): IncomingFile => {
  const bytes = new TextEncoder().encode(text);
  return { name, relativePath: name, size: bytes.length, bytes };
};
const body = (key: 'docx' | 'odt' | 'pdf' | 'txt' | 'rtf') => fixtureTexts[key].replace(/^#.*\n/, '');
const FILES = [
  file('uppsats1.txt', `Namn: Anna Berg\n\n${body('docx')}`),
  file('uppsats2.txt', `Namn: Omar Haddad\n\n${body('odt')}`),
  // Two essays that both say Omar wrote them: neither is taken on trust.
  file('uppsats3.txt', `Namn: Omar Haddad\n\n${body('pdf')}`),
  file('uppsats4.txt', body('txt')),
];
const CLASS = [
  { firstName: 'Anna', lastName: 'Berg' },
  { firstName: 'Omar', lastName: 'Haddad' },
  { firstName: 'Lisa', lastName: 'Ek' },
];

async function setUp(linkedAtStart: boolean) {
  const db = memoryDb();
  const services = testServices(createStore(db), pools);
  const { classListId } = await services.api.saveClassList({ name: '9B', pupils: CLASS });
  const { batchId } = await services.api.createBatch({ title: 'Argumenterande text', className: '9B', course: 'Sv', language: 'sv', ...(linkedAtStart ? { classListId } : {}) });
  await services.api.importFiles({ batchId, files: FILES });
  await services.idle();
  const pupils = (await db.classLists.get(classListId))!.pupils;
  const idOf = (first: string) => pupils.find((p) => p.firstName === first)!.id;
  const matches = async () => {
    const essays = await db.essays.where('batchId').equals(batchId).sortBy('seq');
    return Object.fromEntries(essays.map((e) => [e.fileName, e.pupilMatch && { status: e.pupilMatch.status, pupilId: e.pupilMatch.pupilId, byTeacher: e.pupilMatch.byTeacher ?? false }]));
  };
  const essayId = async (name: string) => (await db.essays.where('batchId').equals(batchId).toArray()).find((e) => e.fileName === name)!.id;
  return { db, services, batchId, classListId, idOf, matches, essayId };
}

describe('pupils of a batch', () => {
  it('matches each essay at intake, sends two essays on one pupil to review, and lets the teacher settle them', async () => {
    const { services, batchId, idOf, matches, essayId } = await setUp(true);
    expect(await matches()).toEqual({
      'uppsats1.txt': { status: 'matched', pupilId: idOf('Anna'), byTeacher: false },
      'uppsats2.txt': { status: 'review', pupilId: idOf('Omar'), byTeacher: false },
      'uppsats3.txt': { status: 'review', pupilId: idOf('Omar'), byTeacher: false },
      'uppsats4.txt': { status: 'none', pupilId: null, byTeacher: false },
    });

    // The teacher: the third is Omar's; the second, which names him too, is Lisa's (she borrowed his header).
    await services.api.setEssayPupil({ batchId, essayId: await essayId('uppsats3.txt'), pupilId: idOf('Omar') });
    await services.api.setEssayPupil({ batchId, essayId: await essayId('uppsats2.txt'), pupilId: idOf('Lisa') });
    // And the fourth was Anna's, so the essay intake gave her goes back to review: one of the two is not hers.
    await services.api.setEssayPupil({ batchId, essayId: await essayId('uppsats4.txt'), pupilId: idOf('Anna') });
    expect(await matches()).toEqual({
      'uppsats1.txt': { status: 'review', pupilId: idOf('Anna'), byTeacher: false },
      'uppsats2.txt': { status: 'matched', pupilId: idOf('Lisa'), byTeacher: true },
      'uppsats3.txt': { status: 'matched', pupilId: idOf('Omar'), byTeacher: true },
      'uppsats4.txt': { status: 'matched', pupilId: idOf('Anna'), byTeacher: true },
    });

    // "Nobody on the list" is a choice too.
    await services.api.setEssayPupil({ batchId, essayId: await essayId('uppsats1.txt'), pupilId: null });
    expect((await matches())['uppsats1.txt']).toEqual({ status: 'none', pupilId: null, byTeacher: true });
  });

  it('keeps one saved list when the same class is pasted again, in any order; a list that differs is a list of its own', async () => {
    const db = memoryDb();
    const services = testServices(createStore(db), pools);
    const { classListId } = await services.api.saveClassList({ name: '9B', pupils: CLASS });
    expect((await services.api.saveClassList({ name: '9B', pupils: [...CLASS].reverse() })).classListId).toBe(classListId);
    expect(await db.classLists.count()).toBe(1);
    const other = await services.api.saveClassList({ name: '9C', pupils: CLASS });
    const more = await services.api.saveClassList({ name: '9B', pupils: [...CLASS, { firstName: 'Per', lastName: 'Olsson' }] });
    expect(new Set([classListId, other.classListId, more.classListId]).size).toBe(3);
    expect(await db.classLists.count()).toBe(3);
  });

  it('refuses a pupil who is not on the batch\'s class list, and changes nothing', async () => {
    const { db, services, batchId, matches, essayId } = await setUp(true);
    const before = await matches();
    const { classListId: other } = await services.api.saveClassList({ name: '9C', pupils: [{ firstName: 'Per', lastName: 'Olsson' }] });
    const stranger = (await db.classLists.get(other))!.pupils[0]!.id;
    await expect(services.api.setEssayPupil({ batchId, essayId: await essayId('uppsats4.txt'), pupilId: stranger })).rejects.toThrow();
    expect(await matches()).toEqual(before);
  });

  it('links a class list asked for while the import runs once the batch is still, so no essay is left unmatched', async () => {
    const db = memoryDb();
    const services = testServices(createStore(db), pools);
    const { classListId } = await services.api.saveClassList({ name: '9B', pupils: CLASS });
    const { batchId } = await services.api.createBatch({ title: 'Medan importen pågår', className: '9B', course: 'Sv', language: 'sv' });
    await services.api.importFiles({ batchId, files: FILES });
    await services.api.linkClassList({ batchId, classListId });
    await services.idle();
    const essays = await db.essays.where('batchId').equals(batchId).toArray();
    expect(essays.map((e) => e.pupilMatch?.status).sort()).toEqual(['matched', 'none', 'review', 'review']);
  });

  it('matches a batch\'s essays when its class list is linked later, and keeps the teacher\'s choices when it is linked again', async () => {
    const { services, batchId, classListId, idOf, matches, essayId } = await setUp(false);
    expect(Object.values(await matches()).every((m) => m === undefined)).toBe(true);

    await services.api.linkClassList({ batchId, classListId });
    expect((await matches())['uppsats1.txt']).toEqual({ status: 'matched', pupilId: idOf('Anna'), byTeacher: false });
    expect((await matches())['uppsats2.txt']?.status).toBe('review');

    // The teacher gives the fourth to Anna; linked again, intake's Anna goes to review and the teacher's choice stands.
    await services.api.setEssayPupil({ batchId, essayId: await essayId('uppsats4.txt'), pupilId: idOf('Anna') });
    await services.api.linkClassList({ batchId, classListId });
    expect((await matches())['uppsats4.txt']).toEqual({ status: 'matched', pupilId: idOf('Anna'), byTeacher: true });
    expect((await matches())['uppsats1.txt']).toEqual({ status: 'review', pupilId: idOf('Anna'), byTeacher: false });

    // Unlinked, nobody is anybody's: the names of a list the batch no longer uses are not kept on its essays.
    await services.api.linkClassList({ batchId, classListId: null });
    expect(Object.values(await matches()).map((m) => m?.status)).toEqual(['none', 'none', 'none', 'none']);
  });
});
