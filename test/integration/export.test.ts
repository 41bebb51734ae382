import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportFormat } from '../../shared/contracts/main/export';
import { swedishGrades } from '../../shared/contracts/cj';
import type { SessionFit } from '../../shared/contracts/judging';
import { formatProbability } from '../../shared/i18n';
import { resultsHeaders } from '../../src-main/export/results-table';
import { restoreBackup } from '../../shared/db/backup';
import type { HuleDb } from '../../shared/db/schema';
import { createStore } from '../../shared/db/store';
import type { Services } from '../../src-main/app/services';
import { sequentialIds, sharedPools, testServices } from '../support/harness';
import { judgeByLength } from '../support/judging';
import { memoryDb } from '../support/memory-db';

const run = promisify(execFile);
const pools = sharedPools();
const folder = mkdtempSync(join(tmpdir(), 'huledu-export-'));
afterAll(async () => {
  await pools.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Six pupils' essays, named as pupils hand them in; their lengths differ, and the judges below prefer the longer. */
const essays: Record<string, string> = {
  'Åsa_Öberg-uppsats.txt': 'Jag tyker om sommaren. Vi åkte till Göteborg och åt räkmackor vid älven, och på kvällen gick vi längs kajen och tittade på båtarna som kom in från havet.',
  'erik lind.txt':
    'Biblioteket är en plats där man kan läsa i lugn och ro. Jag lånar böcker varje vecka och bibliotekarien hjälper mig att hitta källor som går att lita på när jag skriver om historia och samhälle i skolan.',
  'ANNA-BERG.txt':
    'Min mormor föddes i Älvdalen. Hon berättar ofta om hur det var att gå två kilometer till skolan genom snön, och om läraren som pratade en dialekt som ingen förstod. Nu bor hon i Umeå och läser tidningen på sin surfplatta varje morgon innan hon går ut med hunden längs älven.',
  'omar.txt':
    'Skoldagen borde börja senare. Forskning visar att tonåringar behöver mer sömn än vuxna och att deras dygnsrytm är förskjuten, men ändå börjar de flesta skolor klockan åtta. Om skoldagen började klockan nio skulle eleverna vara piggare, lära sig mer och må bättre. Några skolor har redan provat och resultaten är lovande, så fler borde följa efter.',
  'klass9b-uppsats5.txt':
    'Hej du som läser det här om tjugo år. Jag undrar om ni fortfarande åker buss till skolan eller om allt är självkörande nu. Här hos oss pratar alla om klimatet och om att vi måste ändra våra vanor, äta mindre kött och resa mer med tåg. Min pappa säger att det är för sent, men min lärare säger att varje liten sak spelar roll. Jag hoppas att ni har löst det som vi inte klarade och att sjuk sköterskor får bättre lön.',
  'Lina Ek.txt':
    'Mobiltelefoner i skolan är ett stort problem enligt många lärare. Eleverna tittar på sina skärmar istället för att lyssna, och rasterna blir tysta eftersom alla sitter med sina telefoner. Samtidigt kan telefonen vara ett bra verktyg för att söka information, spela in föreläsningar och träna på glosor. Jag tycker därför att skolan ska ha tydliga regler: telefonerna ligger i skåpet under lektionerna men får användas när läraren säger det. Då får vi det bästa av två världar, och ingen behöver känna sig utanför på rasterna när alla pratar med varandra igen.',
};
const names = ['Åsa Öberg', 'Erik Lind', 'Anna Berg', 'Omar', 'Lina Ek', 'Anna'];

interface Laptop {
  db: HuleDb;
  services: Services;
  batchId: string;
  sessionId: string;
  fit: SessionFit;
  /** The essay whose grade the teacher changed, and to what. */
  overridden: { essayId: string; grade: string };
}

/** The six essays as a teacher drops them into a new batch, once intake and spellcheck are done. */
async function importedBatch(services: Services, db: HuleDb): Promise<string> {
  const { batchId } = await services.api.createBatch({ title: 'Svenska 9B – vår', className: '9B', course: 'Svenska', language: 'sv', names });
  const files = Object.entries(essays).map(([name, text]) => {
    const bytes = new TextEncoder().encode(text);
    return { name, size: bytes.length, bytes };
  });
  await services.api.importFiles({ batchId, files });
  await services.idle();
  // A first name alone in a file name is not enough for intake: the teacher confirms Omar, as on the review screen.
  const inReview = (await db.essays.where('batchId').equals(batchId).toArray()).filter((e) => e.pupilMatch?.status === 'review');
  expect(inReview.map((e) => e.fileName)).toEqual(['omar.txt']);
  await services.api.setEssayPupil({ batchId, essayId: inReview[0]!.id, pupilId: inReview[0]!.pupilMatch!.candidates[0]!.pupilId });
  return batchId;
}

/** A batch imported, spellchecked and judged through the real services, with one grade overridden. */
async function judgedBatch(): Promise<Laptop> {
  const db = memoryDb();
  const services = testServices(createStore(db), pools, sequentialIds(6));
  const batchId = await importedBatch(services, db);
  const spellchecked = (await db.essays.where('batchId').equals(batchId).toArray()).filter((e) => e.state === 'spellchecked');
  expect(spellchecked).toHaveLength(6);
  const { sessionId, judgeId } = await judgeByLength(services.api, () => services.idle(), batchId, spellchecked, 6);
  const fit = (await db.sessionFits.get(sessionId))!;
  expect(fit.gradesUnavailable).toBeNull();
  const middle = [...fit.items].sort((a, b) => b.theta - a.theta)[2];
  const grade = middle.grade === 'B' ? 'C' : 'B';
  await services.api.overrideGrade({ sessionId, judgeId, essayId: middle.essayId, grade });
  return { db, services, batchId, sessionId, fit, overridden: { essayId: middle.essayId, grade } };
}

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const csvRows = (bytes: Uint8Array): string[][] =>
  decode(bytes)
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(';'));
const swedishNumber = (text: string): number | null => (text === '' ? null : Number(text.replace(',', '.')));

async function pdfText(bytes: Uint8Array, name: string): Promise<string> {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return (await run('pdftotext', ['-enc', 'UTF-8', path, '-'])).stdout.replace(/\s+/g, ' ');
}

describe('exporting a judged batch', () => {
  let laptop: Laptop;
  const files = new Map<ExportFormat, { fileName: string; bytes: Uint8Array }>();
  beforeAll(async () => {
    laptop = await judgedBatch();
    for (const format of ['csv', 'xlsx', 'pdf', 'json'] as const) files.set(format, await laptop.services.api.exportBatch({ batchId: laptop.batchId, format }));
  }, 300_000);

  it('writes the CSV ranked by the session’s θ, with each essay\'s pupil as intake matched them or the teacher confirmed them', async () => {
    const { fileName, bytes } = files.get('csv')!;
    expect(fileName).toBe('svenska-9b-var-resultat.csv');
    const [header, ...rows] = csvRows(bytes);
    // The headers themselves are pinned in the unit test of the results table.
    expect(header).toEqual(resultsHeaders('sv'));
    expect(rows).toHaveLength(6);
    const essayIds = new Map((await laptop.db.essays.toArray()).map((e) => [e.fileName, e.id]));
    const items = new Map(laptop.fit.items.map((i) => [i.essayId, i]));
    const anchors = new Map((await laptop.db.sessions.get(laptop.sessionId))!.anchors.map((a) => [a.essayId, a.grade]));
    const ranked = [...laptop.fit.items].sort((a, b) => b.theta - a.theta);
    expect(rows.map((r) => essayIds.get(r[1]))).toEqual(ranked.map((i) => i.essayId));
    expect(rows.map((r) => r[4])).toEqual(['1', '2', '3', '4', '5', '6']);

    const students = Object.fromEntries(rows.map((r) => [r[1], r[0]]));
    expect(students).toEqual({
      'Åsa_Öberg-uppsats.txt': 'Åsa Öberg',
      'erik lind.txt': 'Erik Lind',
      'ANNA-BERG.txt': 'Anna Berg',
      'omar.txt': 'Omar',
      'klass9b-uppsats5.txt': '',
      'Lina Ek.txt': 'Lina Ek',
    });
    for (const row of rows) {
      const item = items.get(essayIds.get(row[1])!)!;
      expect(swedishNumber(row[5])).toBeCloseTo(item.theta, 2);
      expect(swedishNumber(row[6])).toBeCloseTo(item.se!, 2);
      expect(Number(row[11])).toBe(item.comparisons);
      if (item.essayId === laptop.overridden.essayId) expect(row.slice(7, 11)).toEqual([laptop.overridden.grade, 'läraren', '', '']);
      else if (anchors.has(item.essayId)) expect(row.slice(7, 11)).toEqual([anchors.get(item.essayId), 'ankare (känt betyg)', '', '']);
      else {
        // The model's grade, its probability as the results page states it, and "ja" while it is preliminary.
        const probability = item.probabilities[swedishGrades.indexOf(item.grade!)];
        expect(row.slice(7, 11)).toEqual([item.grade, 'modellen', formatProbability(probability, 'sv'), item.preliminary ? 'ja' : '']);
      }
    }
    // Åsa wrote "tyker": her misspellings count, written with a decimal comma.
    const asa = rows.find((r) => r[0] === 'Åsa Öberg')!;
    expect(swedishNumber(asa[3])).toBeGreaterThan(0);
    expect(asa[3]).toMatch(/^\d+,\d\d$/);
  });

  it('writes the same rows to the workbook, as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files.get('xlsx')!.bytes.buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('Resultat')!;
    const csv = csvRows(files.get('csv')!.bytes);
    expect(sheet.rowCount).toBe(csv.length);
    csv.slice(1).forEach((row, r) => {
      const cells = sheet.getRow(r + 2);
      expect(cells.getCell(2).value).toBe(row[1]);
      expect(cells.getCell(6).value).toBe(swedishNumber(row[5]));
      expect(cells.getCell(6).type).toBe(ExcelJS.ValueType.Number);
      expect(cells.getCell(4).value).toBe(swedishNumber(row[3]));
    });
  });

  it('prints a feedback section per pupil with the grade, the summary and the marked text', async () => {
    const { fileName, bytes } = files.get('pdf')!;
    expect(fileName).toBe('svenska-9b-var-aterkoppling.pdf');
    const text = await pdfText(bytes, fileName);
    for (const name of ['Åsa Öberg', 'Erik Lind', 'Anna Berg', 'Omar', 'Lina Ek', 'klass9b-uppsats5.txt']) expect(text).toContain(`${name} – sida 1 av 1`);
    expect(text).toContain('Jag tyker [tycker] om sommaren. Vi åkte till Göteborg och åt räkmackor vid älven');
    expect(text).toMatch(/Plats 1 av 6 i rangordningen, skalvärde \d,\d\d \(SE \d,\d\d\)/);
    expect(text).toMatch(new RegExp(`Betyg: ${laptop.overridden.grade} \\(lärarens betyg; modellens var [A-F], (> 99|\\d+) %\\)`));
    expect(text).toMatch(/Betyg: [AE] \(ankaruppsats, känt betyg\)/);
    expect(text).toMatch(/Betyg: [A-F] \(sannolikhet (> 99|\d+) %\)|Preliminärt betyg: [A-F] \(sannolikhet \d+ %; fler jämförelser behövs\)/);

    const english = await laptop.services.api.exportBatch({ batchId: laptop.batchId, format: 'pdf', language: 'en' });
    expect(english.fileName).toBe('svenska-9b-var-feedback.pdf');
    expect(await pdfText(english.bytes, english.fileName)).toMatch(/Rank 1 of 6, scale value \d\.\d\d/);
  });

  it('writes the full backup, which restores to a laptop that exports the same results', async () => {
    const { fileName, bytes } = files.get('json')!;
    expect(fileName).toMatch(/^huledu-backup-\d{4}-\d\d-\d\d\.json$/);
    const other = memoryDb();
    await restoreBackup(other, JSON.parse(decode(bytes)));
    const services = testServices(createStore(other), pools, sequentialIds(8));
    const again = await services.api.exportBatch({ batchId: laptop.batchId, format: 'csv' });
    expect(decode(again.bytes)).toBe(decode(files.get('csv')!.bytes));
  });

  describe('from the command line, on the app’s backup', () => {
    const huledu = (...args: string[]) => run('npm', ['run', '--silent', 'huledu', '--', 'export', ...args], { maxBuffer: 50_000_000 });
    let backup: string;
    beforeAll(() => {
      backup = join(folder, 'huledu-backup.json');
      writeFileSync(backup, files.get('json')!.bytes);
    });

    it('writes the same files as the app, naming the batch by title or id', { timeout: 180_000 }, async () => {
      const csv = join(folder, 'cli.csv');
      const { stdout } = await huledu('Svenska 9B – vår', '--format', 'csv', '--out', csv, '--from', backup);
      expect(stdout).toContain(`Skrev / Wrote ${csv}`);
      expect(readFileSync(csv).equals(files.get('csv')!.bytes)).toBe(true);

      const pdf = join(folder, 'cli.pdf');
      await huledu(laptop.batchId, '--format', 'pdf', '--out', pdf, '--from', backup, '--lang', 'en');
      expect(await pdfText(readFileSync(pdf), 'cli-read.pdf')).toContain('Åsa Öberg – page 1 of 1');

      const xlsx = join(folder, 'cli.xlsx');
      await huledu(laptop.batchId, '--format', 'xlsx', '--out', xlsx, '--from', backup);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsx);
      expect(workbook.getWorksheet('Resultat')!.rowCount).toBe(7);

      const json = join(folder, 'cli.json');
      await huledu(laptop.batchId, '--format', 'json', '--out', json, '--from', backup);
      const original = JSON.parse(decode(files.get('json')!.bytes));
      expect(JSON.parse(readFileSync(json, 'utf8')).tables).toEqual(original.tables);
    });

    it('explains what is wrong in Swedish and English and exits with 2', { timeout: 180_000 }, async () => {
      const notBackup = join(folder, 'inte-backup.json');
      writeFileSync(notBackup, '{"format":"något annat"}');
      const broken = join(folder, 'trasig.json');
      writeFileSync(broken, '{"format":');
      const out = join(folder, 'x.csv');
      for (const [args, message] of [
        [['Svenska 9B – vår', '--format', 'csv', '--out', out, '--from', join(folder, 'saknas.json')], /Filen finns inte \/ No such file: .*saknas\.json/],
        [['Svenska 9B – vår', '--format', 'csv', '--out', out, '--from', notBackup], /är ingen giltig säkerhetskopia från HuleEdu \/ .* is not a valid HuleEdu backup/],
        [['Svenska 9B – vår', '--format', 'csv', '--out', out, '--from', broken], /är ingen giltig säkerhetskopia från HuleEdu \/ .* is not a valid HuleEdu backup/],
        [['Svenska 9A', '--format', 'csv', '--out', out, '--from', backup], /Ingen batch heter "Svenska 9A" \/ No batch named "Svenska 9A"[\s\S]*Svenska 9B – vår/],
        [['Svenska 9B – vår', '--format', 'docx', '--out', out, '--from', backup], /--format måste vara csv, xlsx, json eller pdf \/ --format must be csv, xlsx, json or pdf/],
        [['Svenska 9B – vår', '--format', 'csv', '--from', backup], /Ange filen att skriva med --out \/ Give the file to write with --out/],
        [['Svenska 9B – vår', '--format', 'csv', '--out', out], /Ange appens säkerhetskopia med --from \/ Give the app’s backup with --from/],
      ] as const) {
        await expect(huledu(...args)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
      }
    });
  });
});

describe('exporting a batch where one essay could not be spellchecked', () => {
  it('still lists that pupil, with words but no spelling figure, and prints their sheet with the text', async () => {
    const db = memoryDb();
    // The spellcheck worker fails on Lina's essay only (a crash in the engine, say); the others go through.
    const spellcheck = {
      ...pools.spellcheck,
      check: (task: Parameters<typeof pools.spellcheck.check>[0]) =>
        task.text.startsWith('Mobiltelefoner') ? Promise.reject(new Error('worker crashed')) : pools.spellcheck.check(task),
    };
    const services = testServices(createStore(db), { ...pools, spellcheck }, sequentialIds(9));
    const batchId = await importedBatch(services, db);
    const states = (await db.essays.where('batchId').equals(batchId).toArray()).map((e) => e.state).sort();
    expect(states).toEqual(['spellcheck_failed', ...Array(5).fill('spellchecked')]);

    const [, ...rows] = csvRows((await services.api.exportBatch({ batchId, format: 'csv' })).bytes);
    expect(rows).toHaveLength(6);
    const lina = rows.find((r) => r[0] === 'Lina Ek')!;
    expect(lina.slice(1, 5)).toEqual(['Lina Ek.txt', String(essays['Lina Ek.txt'].split(/\s+/).length), '', '']);

    const pdf = await services.api.exportBatch({ batchId, format: 'pdf' });
    const text = await pdfText(pdf.bytes, 'failed-spellcheck.pdf');
    expect(text).toContain('Lina Ek – sida 1 av 1');
    expect(text).toContain('Stavningen är inte kontrollerad.');
    expect(text).toContain('Mobiltelefoner i skolan är ett stort problem enligt många lärare.');
  });
});

describe('exporting a batch that is still spellchecking', () => {
  it('says the export is partial, in the file name, the PDF and to the caller, and holds only the essays that are done', { timeout: 240_000 }, async () => {
    const db = memoryDb();
    // Lina's essay waits in the spellcheck pool until the test lets it through.
    let letThrough = (): void => {};
    const held = new Promise<void>((resolve) => (letThrough = resolve));
    const spellcheck = {
      ...pools.spellcheck,
      check: (task: Parameters<typeof pools.spellcheck.check>[0]) =>
        task.text.startsWith('Mobiltelefoner') ? held.then(() => pools.spellcheck.check(task)) : pools.spellcheck.check(task),
    };
    const services = testServices(createStore(db), { ...pools, spellcheck }, sequentialIds(10));
    const { batchId } = await services.api.createBatch({ title: 'Svenska 9B – vår', className: '9B', course: 'Svenska', language: 'sv', names });
    const files = Object.entries(essays).map(([name, text]) => ({ name, size: new TextEncoder().encode(text).length, bytes: new TextEncoder().encode(text) }));
    await services.api.importFiles({ batchId, files });
    await vi.waitFor(async () => expect(await db.essays.where('state').equals('spellchecked').count()).toBe(5), { timeout: 120_000, interval: 200 });

    const csv = await services.api.exportBatch({ batchId, format: 'csv' });
    expect(csv.partial).toEqual({ done: 5, total: 6 });
    expect(csv.fileName).toBe('svenska-9b-var-resultat-ofullstandig.csv');
    const [, ...rows] = csvRows(csv.bytes);
    expect(rows.map((r) => r[1]).sort()).toEqual(Object.keys(essays).filter((name) => name !== 'Lina Ek.txt').sort());
    const xlsx = await services.api.exportBatch({ batchId, format: 'xlsx' });
    expect(xlsx.fileName).toBe('svenska-9b-var-resultat-ofullstandig.xlsx');
    const pdf = await services.api.exportBatch({ batchId, format: 'pdf' });
    expect(pdf.fileName).toBe('svenska-9b-var-aterkoppling-ofullstandig.pdf');
    const text = await pdfText(pdf.bytes, 'partial.pdf');
    expect(text).toContain('Importen pågår: exporten gäller 5 av 6 uppsatser.');
    expect(text).not.toContain('Lina Ek');
    const english = await services.api.exportBatch({ batchId, format: 'pdf', language: 'en' });
    expect(english.fileName).toBe('svenska-9b-var-feedback-incomplete.pdf');
    expect(await pdfText(english.bytes, 'partial-en.pdf')).toContain('Import in progress: the export covers 5 of 6 essays.');

    // The app's backup taken now: the command line resumes the work and waits for it, then exports the whole batch.
    const backup = join(folder, 'halfway-backup.json');
    writeFileSync(backup, (await services.api.exportBatch({ batchId, format: 'json' })).bytes);
    const out = join(folder, 'halfway.csv');
    const { stdout } = await run('npm', ['run', '--silent', 'huledu', '--', 'export', batchId, '--format', 'csv', '--out', out, '--from', backup]);
    expect(stdout).not.toContain('Importen pågår');
    expect(csvRows(readFileSync(out)).slice(1).map((r) => r[1])).toContain('Lina Ek.txt');

    letThrough();
    await services.idle();
    const whole = await services.api.exportBatch({ batchId, format: 'csv' });
    expect(whole.partial).toBeNull();
    expect(whole.fileName).toBe('svenska-9b-var-resultat.csv');
    expect(csvRows(whole.bytes)).toHaveLength(7);
  });
});
