import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClassListPreview, ClassListReadResult } from '../../shared/contracts/pupils';
import { readClassList } from '../../src-main/pupils/class-list-file';
import { classListFiles, makeClassListFiles, personnummerDigits } from '../fixtures/class-lists';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'huledu-class-lists-'));
  makeClassListFiles(dir, inject('fixtures'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (name: string, as: string = name) => readClassList(new Uint8Array(readFileSync(join(dir, name))), as);

function preview(result: ClassListReadResult): ClassListPreview {
  if (!result.ok) throw new Error(`expected a preview, got ${result.code}`);
  return result.preview;
}

/** Not one personnummer, with or without its century, nor its date or its last four digits. */
function expectNoPersonnummer(result: ClassListReadResult): void {
  const json = JSON.stringify(result);
  for (const digits of personnummerDigits) {
    expect(json).not.toContain(digits.slice(2, 8));
    expect(json).not.toContain(digits.slice(8));
  }
}

const names = (p: ClassListPreview) => p.pupils.map((x) => `${x.firstName} ${x.lastName}`.trim());

describe('class lists from files made by real tools', () => {
  it('reads a LibreOffice workbook: columns by header, the class, e-mail, no repeats, and no personnummer', async () => {
    const result = await read(classListFiles.swedishXlsx);
    const shown = preview(result);
    expect(shown.pupils).toEqual([
      { firstName: 'Anna', lastName: 'Svensson', email: 'anna.svensson@elev.skola.se' },
      { firstName: 'Björn', lastName: 'Åkesson', email: 'bjorn.akesson@elev.skola.se' },
      { firstName: 'Anna', lastName: 'Lindqvist', email: 'anna.lindqvist@elev.skola.se' },
      { firstName: 'Zoë', lastName: 'Öberg' },
    ]);
    expect(shown.columns).toEqual({ firstName: 'Förnamn', lastName: 'Efternamn', fullName: null, className: 'Klass', email: 'E-post' });
    expect(shown.className).toBe('9B');
    expect(shown.droppedPersonnummerColumns).toEqual(['Personnummer']);
    // Row 5 has a class and nothing else.
    expect(shown.skippedRows).toEqual([5]);
    expectNoPersonnummer(result);
  });

  it('reads a workbook whose one column is "Efternamn, Förnamn"', async () => {
    const shown = preview(await read(classListFiles.lastFirstXlsx));
    expect(shown.pupils).toEqual([
      { firstName: 'Anna', lastName: 'Svensson' },
      { firstName: 'Cecilia', lastName: 'af Klint' },
      { firstName: 'Björn Erik', lastName: 'Åkesson' },
    ]);
    expect(shown.columns.fullName).toBe('Efternamn, Förnamn');
  });

  it('skips a title row, reads English headers, and finds personnummer under another header by their values', async () => {
    const result = await read(classListFiles.englishXlsx);
    const shown = preview(result);
    expect(names(shown)).toEqual(['Anna Svensson', 'Omar Haddad', 'Li Wei']);
    expect(shown.columns).toEqual({ firstName: 'First name', lastName: 'Last name', fullName: null, className: 'Class', email: 'Email' });
    expect(shown.className).toBe('8C');
    // LibreOffice stored "0506121235" as the number 506121235: still a personnummer.
    expect(shown.droppedPersonnummerColumns).toEqual(['Student ID']);
    expectNoPersonnummer(result);
  });

  it('reads a one-column list of names without a header, as a workbook and as a CSV with a BOM', async () => {
    const workbook = preview(await read(classListFiles.headerlessXlsx));
    expect(names(workbook)).toEqual(['Anna Svensson', 'Björn Åkesson', 'Cecilia af Klint', 'Éva Nagy']);
    expect(workbook.pupils[2]).toEqual({ firstName: 'Cecilia', lastName: 'af Klint' });
    expect(workbook.columns.fullName).toBe('A');
    const csv = preview(await read(classListFiles.headerlessCsv));
    expect(names(csv)).toEqual(['Anna Svensson', 'Björn Åkesson', 'Cecilia af Klint', 'Éva Nagy']);
  });

  it('reads a school system’s Windows-1252 semicolon export and leaves its personnummer out', async () => {
    const result = await read(classListFiles.schoolExportCsv);
    const shown = preview(result);
    expect(shown.pupils).toEqual([
      { firstName: 'Anna', lastName: 'Svensson', email: 'anna.svensson@elev.skola.se' },
      { firstName: 'Björn', lastName: 'Åkesson' },
      { firstName: 'Anna', lastName: 'Lindqvist', email: 'anna.lindqvist@elev.skola.se' },
      { firstName: 'Zoë', lastName: 'Öberg', email: 'zoe.oberg@elev.skola.se' },
    ]);
    expect(shown.columns).toEqual({ firstName: 'Förnamn', lastName: 'Efternamn', fullName: null, className: 'Klass', email: 'E-post' });
    expect(shown.className).toBe('7A');
    expect(shown.droppedPersonnummerColumns).toEqual(['Personnummer']);
    expectNoPersonnummer(result);
  });

  it('reads a Notepad list in Windows-1252, keeping characters Latin-1 does not have', async () => {
    const shown = preview(await read(classListFiles.windowsTxt));
    expect(shown.pupils).toEqual([
      { firstName: 'Anna', lastName: 'Svensson' },
      { firstName: 'Björn', lastName: 'Åkesson' },
      { firstName: 'Siobhán', lastName: 'O’Brien' },
      { firstName: 'Zoë', lastName: 'Öberg' },
    ]);
  });

  it('refuses a file of only personnummer without showing any of them', async () => {
    expect(await read(classListFiles.onlyPersonnummerXlsx)).toEqual({ ok: false, code: 'CLASS_LIST_NO_NAME_COLUMN' });
  });

  it('calls a workbook cut short unreadable, and an image or a Word document named .xlsx the wrong kind of file', async () => {
    expect(await read(classListFiles.truncatedXlsx)).toEqual({ ok: false, code: 'CLASS_LIST_UNREADABLE' });
    expect(await read(classListFiles.imageXlsx)).toEqual({ ok: false, code: 'CLASS_LIST_UNSUPPORTED_FILE' });
    expect(await read(classListFiles.documentXlsx)).toEqual({ ok: false, code: 'CLASS_LIST_UNSUPPORTED_FILE' });
    // The bytes decide: the image is not read as text when it is called .txt either.
    expect(await read(classListFiles.imageXlsx, 'klasslista.txt')).toEqual({ ok: false, code: 'CLASS_LIST_UNSUPPORTED_FILE' });
    // A real PDF, by name and by bytes.
    const pdf = new Uint8Array(readFileSync(join(inject('fixtures'), 'done-when', '03-skoldagen.pdf')));
    expect(await readClassList(pdf, 'klasslista.pdf')).toEqual({ ok: false, code: 'CLASS_LIST_UNSUPPORTED_FILE' });
  });

  it('reads a workbook by its bytes whatever it is called, and refuses a file over the size limit before reading it', async () => {
    expect(names(preview(await read(classListFiles.swedishXlsx, 'klasslista.csv')))).toHaveLength(4);
    expect(await read(classListFiles.hugeCsv)).toEqual({ ok: false, code: 'CLASS_LIST_TOO_LARGE' });
  });
});
