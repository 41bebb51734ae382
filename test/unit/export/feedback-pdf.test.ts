import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { UiLanguage } from '../../../shared/i18n';
import { feedbackPdf } from '../../../src-main/export/feedback-pdf';
import { resultsTable } from '../../../src-main/export/results-table';
import { toWinAnsi } from '../../../src-main/export/win-ansi';
import { fixture, texts } from './fixture';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'huledu-pdf-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The PDF's text page by page, as poppler's pdftotext reads it. */
async function pdfPages(bytes: Uint8Array, name: string): Promise<string[]> {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
  // pdftotext ends each page with a form feed; lines are joined so wrapped text reads as it was written.
  return stdout
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/\s+/g, ' ').trim());
}

async function sheets(language: UiLanguage, data = fixture()): Promise<string[]> {
  return pdfPages(await feedbackPdf(data, resultsTable(data), language), `feedback-${language}.pdf`);
}

const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe('the feedback sheets (PDF)', () => {
  it('gives each essay its own page, in the results’ order, with the pupil, grade, summary and marked text in Swedish', async () => {
    const pages = await sheets('sv');
    expect(pages).toHaveLength(5);
    expect(pages.map((p) => p.split(' ')[0])).toEqual(['okänd.txt', 'Åsa', 'erik.lind.odt', 'Anna', 'Zenta']);

    const asa = pages[1];
    expect(asa).toContain('Åsa Öberg Svenska 9B – vårterminen · 9B · Svenska · Åsa-Öberg uppsats.docx');
    expect(asa).toContain('Preliminärt betyg: C (sannolikhet 78 %; fler jämförelser behövs)');
    expect(asa).toContain('Ord: 24');
    expect(asa).toContain('Stavfel: 2 (8,3 per 100 ord)');
    expect(asa).toContain('Stavning: 1 (4,2 per 100 ord)');
    expect(asa).toContain('Särskrivning: 1 (4,2 per 100 ord)');
    expect(asa).toContain('Plats 2 av 4 i rangordningen, skalvärde 1,35 (SE 0,42)');
    // The text with å, ä and ö; each counted finding marked, with the correction the corrected text makes after it:
    // none for the split compound the engine was not confident about, and the ignored one left alone.
    expect(asa).toContain('Jag tyker [tycker] om sommaren i Göteborg. Vi åt räkmackor vid älven och såg båtarna.');
    expect(asa).toContain('Sen åkte vi hem med sjuk sköterskor på tåget.');
    expect(asa).toContain('Åsa Öberg – sida 1 av 1');

    expect(pages[0]).toContain('Betyg: A (sannolikhet > 99 %)');
    expect(pages[2]).toContain('Betyg: D (ankaruppsats, känt betyg)');
    expect(pages[2]).toContain('skalvärde -0,50 (SE –)');
    expect(pages[2]).toContain('Jag lånar [lånade] böcker');
    // "matte" is in the batch's word list: not marked, not counted.
    expect(pages[0]).toContain('Stavfel: 0 (0,0 per 100 ord)');
    expect(pages[0]).toContain(flat(texts.okand));
    expect(pages[3]).toContain('Betyg: D (lärarens betyg; modellens var E, 70 %)');
    expect(pages[4]).toContain('Betyg: inget än');
    expect(pages[4]).toContain('Inte rangordnad än');
    expect(pages[4]).toContain(texts.sen);
  });

  it('is in English when the UI is', async () => {
    const pages = await sheets('en');
    expect(pages[1]).toContain('Preliminary grade: C (probability 78%; more comparisons needed)');
    expect(pages[0]).toContain('Grade: A (probability > 99%)');
    expect(pages[1]).toContain('Words: 24');
    expect(pages[1]).toContain('Misspellings: 2 (8.3 per 100 words)');
    expect(pages[1]).toContain('Split compound: 1 (4.2 per 100 words)');
    expect(pages[1]).toContain('Rank 2 of 4, scale value 1.35 (SE 0.42)');
    expect(pages[1]).toContain('Göteborg');
    expect(pages[3]).toContain("Grade: D (the teacher's grade; the model's was E, 70%)");
  });

  it('numbers the pages of a long essay within its section', async () => {
    const data = fixture();
    const check = data.spellchecks.find((c) => c.essayId === 'e1')!;
    const paragraph = 'Vi åt räkmackor vid älven och såg båtarna komma in mot kajen i kvällsljuset. ';
    data.texts[check.contentHash] = Array.from({ length: 60 }, () => paragraph.repeat(3)).join('\n\n');
    check.findings = [];
    const pages = await sheets('sv', data);
    const asa = pages.filter((p) => p.includes('Åsa Öberg – sida'));
    expect(asa.length).toBeGreaterThan(1);
    asa.forEach((page, i) => expect(page).toContain(`Åsa Öberg – sida ${i + 1} av ${asa.length}`));
  });

  it('gives a pupil whose spellcheck failed a sheet too: the text as extracted, and no spelling figures', async () => {
    const pages = await sheets('sv', fixture({ spellcheckFailed: true }));
    expect(pages).toHaveLength(6);
    const failed = pages.find((p) => p.startsWith('bo-ek.txt'))!;
    expect(failed).toContain('Stavningen är inte kontrollerad.');
    expect(failed).not.toContain('Stavfel:');
    expect(failed).toContain(texts.failed);
  });

  it('says so when the batch has no essays', async () => {
    const data = fixture({ withSession: false });
    const pages = await pdfPages(await feedbackPdf(data, [], 'sv'), 'empty.pdf');
    expect(pages).toEqual(['Svenska 9B – vårterminen Batchen har inga uppsatser.']);
  });
});

describe('text for the PDF standard fonts', () => {
  it('keeps what WinAnsi has, drops only a missing accent, and marks the rest', () => {
    expect(toWinAnsi('Åsa, Öberg, Ärlig, café, Müller, straße, “citat” – 5 €')).toBe('Åsa, Öberg, Ärlig, café, Müller, straße, “citat” – 5 €');
    expect(toWinAnsi('Dvořák Łódź\u2212 1\u00a0234')).toBe('Dvorák ?ódz- 1\u00a0234');
    expect(toWinAnsi('rad ett\r\nrad två\ttab')).toBe('rad ett\nrad två tab');
    expect(toWinAnsi('Åsa'.normalize('NFD'))).toBe('Åsa');
    expect(toWinAnsi('привет 😀')).toBe('?????? ?');
  });
});
