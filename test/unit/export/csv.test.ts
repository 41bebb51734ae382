import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { field, parseCsv, resultsCsv } from '../../../src-main/export/csv';
import { resultsTable } from '../../../src-main/export/results-table';
import { fixture } from './fixture';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'huledu-csv-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const csv = resultsCsv(resultsTable(fixture()), 'sv');
const header = 'Elev;Fil;Ord;Stavfel per 100 ord;Plats;Placering på skalan (θ);Osäkerhet i placeringen (SE);Betyg;Betyget från;Sannolikhet för betyget;Preliminärt;Jämförelser';

describe('the results CSV', () => {
  it('is UTF-8 with a BOM, `;` between fields, decimal commas and CRLF line ends', () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(csv);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.split('\r\n')).toEqual([
      header,
      ';okänd.txt;12;0,00;1;2,10;0,50;A;modellen;> 99 %;;11',
      'Åsa Öberg;Åsa-Öberg uppsats.docx;24;8,33;2;1,35;0,42;C;modellen;78 %;ja;12',
      ';erik.lind.odt;16;6,25;3;-0,50;;D;ankare (känt betyg);;;0',
      'Anna;"klass 9B/anna;""citat"".txt";13;0,00;4;-1,20;0,61;D;läraren;;;9',
      'Zenta;zenta-sen.txt;14;0,00;;;;;;;;',
      '',
    ]);
  });

  it('is in the UI’s language: English headers and words, the same numbers', () => {
    const text = new TextDecoder().decode(resultsCsv(resultsTable(fixture()), 'en'));
    expect(text.split('\r\n').slice(0, 3)).toEqual([
      'Pupil;File;Words;Spelling errors per 100 words;Rank;Position on the scale (θ);Uncertainty of the position (SE);Grade;Grade from;Probability of the grade;Preliminary;Comparisons',
      ';okänd.txt;12;0,00;1;2,10;0,50;A;the model;> 99%;;11',
      'Åsa Öberg;Åsa-Öberg uppsats.docx;24;8,33;2;1,35;0,42;C;the model;78%;yes;12',
    ]);
  });

  it('quotes fields with separators, quotes and line breaks, and keeps formulas as text', () => {
    expect(field('vanlig text')).toBe('vanlig text');
    expect(field('a;b')).toBe('"a;b"');
    expect(field('två\nrader')).toBe('"två\nrader"');
    expect(field('säg "hej"')).toBe('"säg ""hej"""');
    expect(field('=HYPERLINK("http://x";"klicka")')).toBe('"\'=HYPERLINK(""http://x"";""klicka"")"');
    expect(field('-utkast.docx')).toBe("'-utkast.docx");
  });
});

/** A cell of an .ods sheet as LibreOffice stored it: a number, a percentage, or text. */
type OdsCell = { type: 'float' | 'percentage'; value: number } | { type: 'string'; text: string } | null;

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** The first sheet's rows from an .ods file's content.xml, with repeated cells expanded. */
function readOds(path: string): OdsCell[][] {
  const xml = new TextDecoder().decode(unzipSync(readFileSync(path))['content.xml']);
  const rows = [...xml.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)].map((m) => m[1]);
  return rows.map((row) => {
    const cells: OdsCell[] = [];
    for (const m of row.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
      const attributes = m[1];
      const repeat = Number(/table:number-columns-repeated="(\d+)"/.exec(attributes)?.[1] ?? 1);
      const type = /office:value-type="(\w+)"/.exec(attributes)?.[1];
      const text = [...(m[2] ?? '').matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)]
        .map((p) => p[1].replace(/<text:s\/>/g, ' ').replace(/<[^>]+>/g, '').replace(/&\w+;/g, (e) => entities[e] ?? e))
        .join('\n');
      const cell: OdsCell =
        type === 'float' || type === 'percentage'
          ? { type, value: Number(/office:value="([^"]+)"/.exec(attributes)![1]) }
          : type === 'string'
            ? { type: 'string', text }
            : null;
      for (let i = 0; i < repeat; i++) cells.push(cell);
    }
    return cells;
  });
}

describe('the results CSV in LibreOffice with a Swedish locale', () => {
  it('opens with the right columns, numbers as numbers with their decimals, and å ä ö intact', { timeout: 180_000 }, async () => {
    const csvPath = join(folder, 'resultat.csv');
    writeFileSync(csvPath, csv);
    // CSV import options: 59 = `;` separator, 34 = `"` text delimiter, 76 = UTF-8, from line 1,
    // default column types, 1053 = the sv-SE locale (decimal comma). Its own profile, so parallel runs do not clash.
    await run(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${join(folder, 'lo-profile')}`,
        '--infilter=CSV:59,34,76,1,,1053',
        '--convert-to',
        'ods',
        '--outdir',
        folder,
        csvPath,
      ],
      { timeout: 170_000 },
    );
    const rows = readOds(join(folder, 'resultat.ods'));
    const text = (s: string): OdsCell => ({ type: 'string', text: s });
    const number = (value: number): OdsCell => ({ type: 'float', value });

    expect(rows[0]).toEqual(header.split(';').map(text));
    expect(rows).toHaveLength(6);
    // Åsa: 1,35 is the number 1.35 (not the text "1,35", nor 135), and so are the other decimals.
    expect(rows[2]).toEqual([
      text('Åsa Öberg'),
      text('Åsa-Öberg uppsats.docx'),
      number(24),
      number(8.33),
      number(2),
      number(1.35),
      number(0.42),
      text('C'),
      text('modellen'),
      // Swedish LibreOffice reads "78 %" as the percentage 0.78; "> 99 %" stays the text it is.
      { type: 'percentage', value: 0.78 },
      text('ja'),
      number(12),
    ]);
    expect(rows[1].slice(0, 2)).toEqual([null, text('okänd.txt')]);
    expect(rows[1][9]).toEqual(text('> 99 %'));
    expect(rows[3].slice(5, 12)).toEqual([number(-0.5), null, text('D'), text('ankare (känt betyg)'), null, null, number(0)]);
    expect(rows[4].slice(0, 2)).toEqual([text('Anna'), text('klass 9B/anna;"citat".txt')]);
    expect(rows[5].slice(0, 5)).toEqual([text('Zenta'), text('zenta-sen.txt'), number(14), number(0), null]);
    // θ, the column the ranking is by, is numeric on every ranked row, highest first.
    const theta = rows.slice(1, 5).map((r) => r[5]);
    expect(theta).toEqual([number(2.1), number(1.35), number(-0.5), number(-1.2)]);
  });
});

describe('reading CSV (judgement files)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and gives each record the line it starts on', () => {
    const text = '\ufeffjudge,winner,loser\r\n"Lind, Eva",a,"b ""två"""\n\nj2,"c\nd",e\r\nj3,f,g';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['judge', 'winner', 'loser'] },
      { line: 2, fields: ['Lind, Eva', 'a', 'b "två"'] },
      { line: 4, fields: ['j2', 'c\nd', 'e'] },
      { line: 6, fields: ['j3', 'f', 'g'] },
    ]);
  });

  it('ends a record at a lone CR too, keeps a CR inside quotes, and leaves out records of spaces only', () => {
    expect(parseCsv('a\rb,"x\r\ny"\r  \rc')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['b', 'x\r\ny'] },
      { line: 5, fields: ['c'] },
    ]);
  });

  it('keeps text around quotes in a field, and reads an unclosed quote to the end', () => {
    expect(parseCsv('a"b,c"d,e\nx,"y')).toEqual([
      { line: 1, fields: ['ab,cd', 'e'] },
      { line: 2, fields: ['x', 'y'] },
    ]);
  });
});
