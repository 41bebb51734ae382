import { describe, expect, it } from 'vitest';
import { ClassListErrorCode, type ClassListPreview, type ClassListReadResult } from '../../../shared/contracts/pupils';
import { translate } from '../../../shared/i18n';
import { classListLimits, parseCsvClassList, parsePastedClassList } from '../../../shared/pupils/class-list';

// Valid personnummer (the check digit is right); 050664-3212 is a samordningsnummer.
const PNR = ['050612-1235', '060203-4563', '051130-7894', '060917-2341', '050664-3212'];

function preview(result: ClassListReadResult): ClassListPreview {
  if (!result.ok) throw new Error(`expected a preview, got ${result.code}`);
  return result.preview;
}

const names = (result: ClassListReadResult) => preview(result).pupils.map((p) => [p.firstName, p.lastName]);

/** No run of the numbers' digits anywhere in what the preview would show or store. */
function expectNoPersonnummer(result: ClassListReadResult): void {
  const json = JSON.stringify(result);
  for (const pnr of PNR) {
    const digits = pnr.replace('-', '');
    expect(json).not.toContain(digits.slice(0, 6));
    expect(json).not.toContain(digits.slice(6));
  }
}

describe('pasted class lists', () => {
  it('reads both name orders, trims and collapses spaces, and keeps diacritics and capitals as written', () => {
    const result = parsePastedClassList('Anna Svensson\n  Öberg,   Åsa  \nCecilia af Klint\nJean-Luc  O’Brien\nMaria de la Cruz\nZlatan\nmcKenzie, ebba');
    expect(names(result)).toEqual([
      ['Anna', 'Svensson'],
      ['Åsa', 'Öberg'],
      ['Cecilia', 'af Klint'],
      ['Jean-Luc', 'O’Brien'],
      ['Maria', 'de la Cruz'],
      ['Zlatan', ''],
      ['ebba', 'mcKenzie'],
    ]);
    expect(preview(result).columns.fullName).toBe('A');
  });

  it('takes the last word as the last name and the rest as first names', () => {
    expect(names(parsePastedClassList('Anna Maria Svensson Berg'))).toEqual([['Anna Maria Svensson', 'Berg']]);
  });

  it('passes over blank lines and Windows line ends without counting them as skipped', () => {
    const result = parsePastedClassList('\r\n\r\nAnna Svensson\r\n   \r\n\r\nBo Ek\r\n\r\n');
    expect(names(result)).toEqual([['Anna', 'Svensson'], ['Bo', 'Ek']]);
    expect(preview(result).skippedRows).toEqual([]);
  });

  it('drops a repeated pupil but keeps two pupils who share a first name', () => {
    const result = parsePastedClassList('Anna Svensson\nAnna Berg\nSvensson, Anna\nanna  svensson\nAnna Berg');
    expect(names(result)).toEqual([['Anna', 'Svensson'], ['Anna', 'Berg']]);
  });

  it('keeps two pupils with the same name and different e-mail addresses', () => {
    const result = parsePastedClassList('Anna Svensson anna.s1@skola.se\nAnna Svensson anna.s2@skola.se\nAnna Svensson anna.s1@skola.se');
    expect(preview(result).pupils).toEqual([
      { firstName: 'Anna', lastName: 'Svensson', email: 'anna.s1@skola.se' },
      { firstName: 'Anna', lastName: 'Svensson', email: 'anna.s2@skola.se' },
    ]);
  });

  it('cuts a personnummer pasted on a line out of the name, and says so', () => {
    const result = parsePastedClassList(`Anna Svensson ${PNR[0]}\n${PNR[1].replace('-', '')} Bo Ek\nÖberg, Åsa, 20${PNR[2]}\n${PNR[4]}\nCecilia Lind`);
    expect(names(result)).toEqual([['Anna', 'Svensson'], ['Bo', 'Ek'], ['Åsa', 'Öberg'], ['Cecilia', 'Lind']]);
    const shown = preview(result);
    expect(shown.droppedPersonnummerColumns).toEqual(['Personnummer']);
    // The line that held only a number gave no pupil.
    expect(shown.skippedRows).toEqual([4]);
    expectNoPersonnummer(result);
  });

  it('also cuts a personnummer with a wrong check digit: a typo in a real one is still personal', () => {
    const result = parsePastedClassList('Anna Svensson 050612-1234');
    expect(names(result)).toEqual([['Anna', 'Svensson']]);
    expect(JSON.stringify(result)).not.toMatch(/050612|1234/);
  });

  it('drops the class and list numbering that teachers type around names', () => {
    expect(names(parsePastedClassList('1. Anna Svensson 9B\n2. Bo Ek 9B\n- Åsa Öberg\n• Cecilia Lind'))).toEqual([
      ['Anna', 'Svensson'],
      ['Bo', 'Ek'],
      ['Åsa', 'Öberg'],
      ['Cecilia', 'Lind'],
    ]);
  });

  it('reads rows copied from a spreadsheet with their header, leaving out the personnummer column', () => {
    const text = ['Personnummer\tEfternamn\tFörnamn\tKlass\tE-post', `${PNR[0]}\tSvensson\tAnna\t8C\tanna.svensson@elev.skola.se`, `20${PNR[1]}\tEk\tBo\t8C\t`].join('\n');
    const result = parsePastedClassList(text);
    const shown = preview(result);
    expect(shown.pupils).toEqual([
      { firstName: 'Anna', lastName: 'Svensson', email: 'anna.svensson@elev.skola.se' },
      { firstName: 'Bo', lastName: 'Ek' },
    ]);
    expect(shown.columns).toEqual({ firstName: 'Förnamn', lastName: 'Efternamn', fullName: null, className: 'Klass', email: 'E-post' });
    expect(shown.className).toBe('8C');
    expect(shown.droppedPersonnummerColumns).toEqual(['Personnummer']);
    expectNoPersonnummer(result);
  });

  it('reads two columns copied without a header as first and last names, the sorted one being the last name', () => {
    const expected = [['Cilla', 'Andersson'], ['Anna', 'Berg'], ['Åsa', 'Öberg']];
    expect(names(parsePastedClassList('Cilla\tAndersson\nAnna\tBerg\nÅsa\tÖberg'))).toEqual(expected);
    expect(names(parsePastedClassList('Andersson\tCilla\nBerg\tAnna\nÖberg\tÅsa'))).toEqual(expected);
    // Neither sorted: first name first, as people write names.
    expect(names(parsePastedClassList('Cilla\tÖberg\nAnna\tBerg'))).toEqual([['Cilla', 'Öberg'], ['Anna', 'Berg']]);
  });

  it('does not take a header line for a pupil', () => {
    const result = parsePastedClassList('Efternamn, Förnamn\nSvensson, Anna\nEk, Bo');
    expect(names(result)).toEqual([['Anna', 'Svensson'], ['Bo', 'Ek']]);
    expect(preview(result).columns.fullName).toBe('Efternamn, Förnamn');
  });

  it('refuses text without names, and a list longer than a class can be', () => {
    expect(parsePastedClassList('')).toEqual({ ok: false, code: 'CLASS_LIST_NO_NAMES' });
    expect(parsePastedClassList('\n  \n')).toEqual({ ok: false, code: 'CLASS_LIST_NO_NAMES' });
    expect(parsePastedClassList(PNR.join('\n'))).toEqual({ ok: false, code: 'CLASS_LIST_NO_NAMES' });
    const pupils = (n: number) => Array.from({ length: n }, (_, i) => `Elev${'abcdefghij'[i % 10]} Nummer${'abcdefghij'[Math.floor(i / 10) % 10]}${'abcdefghij'[Math.floor(i / 100) % 10]}${'abcdefghij'[Math.floor(i / 1000)]}`);
    expect(preview(parsePastedClassList(pupils(classListLimits.maxPupils).join('\n'))).pupils).toHaveLength(classListLimits.maxPupils);
    expect(parsePastedClassList(pupils(classListLimits.maxPupils + 1).join('\n'))).toEqual({ ok: false, code: 'CLASS_LIST_TOO_LARGE' });
    expect(parsePastedClassList('Anna Svensson\n'.repeat(classListLimits.maxTextChars / 10))).toEqual({ ok: false, code: 'CLASS_LIST_TOO_LARGE' });
  });
});

describe('CSV class lists', () => {
  it('finds columns by headers in any case, with or without diacritics, in Swedish or English', () => {
    const swedishAscii = preview(parseCsvClassList('FORNAMN;EFTERNAMN;KLASS\nAnna;Svensson;9B\nBo;Ek;9B'));
    expect(swedishAscii.columns).toMatchObject({ firstName: 'FORNAMN', lastName: 'EFTERNAMN', className: 'KLASS' });
    expect(swedishAscii.className).toBe('9B');
    const english = preview(parseCsvClassList('Student name,Class,E-Mail\n"Svensson, Anna",9B,anna@school.se\nBo Ek,9C,'));
    expect(english.pupils).toEqual([{ firstName: 'Anna', lastName: 'Svensson', email: 'anna@school.se' }, { firstName: 'Bo', lastName: 'Ek' }]);
    expect(english.columns).toEqual({ firstName: null, lastName: null, fullName: 'Student name', className: 'Class', email: 'E-Mail' });
    // Two classes in one list: no class name for the list.
    expect(english.className).toBeNull();
  });

  it('prefers the name a pupil goes by, and does not take a guardian’s address for the pupil’s', () => {
    const csv = [
      'Förnamn;Tilltalsnamn;Efternamn;Vårdnadshavare e-post;Elevens e-post',
      'Anna Maria;Maria;Svensson;mamma@example.se;maria@elev.se',
      // No Tilltalsnamn: the pupil goes by the first name.
      'Bo;;Ek;pappa@example.se;',
    ].join('\n');
    const shown = preview(parseCsvClassList(csv));
    expect(shown.pupils).toEqual([{ firstName: 'Maria', lastName: 'Svensson', email: 'maria@elev.se' }, { firstName: 'Bo', lastName: 'Ek' }]);
    expect(shown.columns).toMatchObject({ firstName: 'Tilltalsnamn', email: 'Elevens e-post' });
  });

  it('finds personnummer by their values under any header, and a birth date column that holds them', () => {
    const csv = ['Id;Namn;Födelsedatum;Grupp', `${PNR[0]};Anna Svensson;20${PNR[0]};Ma1`, `${PNR[3]};Bo Ek;20${PNR[3]};Ma1`].join('\n');
    const result = parseCsvClassList(csv);
    expect(preview(result).droppedPersonnummerColumns).toEqual(['Id', 'Födelsedatum']);
    expect(preview(result).className).toBe('Ma1');
    expectNoPersonnummer(result);
  });

  it('reports rows with content but no name by their row numbers', () => {
    const shown = preview(parseCsvClassList('Namn;Klass\nAnna Svensson;9B\n;9B\n\nBo Ek;9B'));
    expect(shown.pupils).toHaveLength(2);
    expect(shown.skippedRows).toEqual([3]);
  });

  it('tells a file with headers but none for names from a file without names', () => {
    expect(parseCsvClassList(`Personnummer;Klass\n${PNR[0]};9B`)).toEqual({ ok: false, code: 'CLASS_LIST_NO_NAME_COLUMN' });
    expect(parseCsvClassList('Klass,E-post\n9B,a@b.se')).toEqual({ ok: false, code: 'CLASS_LIST_NO_NAME_COLUMN' });
    expect(parseCsvClassList('Namn;Klass\n;9B')).toEqual({ ok: false, code: 'CLASS_LIST_NO_NAMES' });
  });
});

describe('class-list messages', () => {
  it('has a message for every error code in Swedish and English, stating the limits as they are', () => {
    for (const code of ClassListErrorCode.options) {
      for (const lang of ['sv', 'en'] as const) expect(translate(lang, `classList.error.${code}`).length, `${lang} ${code}`).toBeGreaterThan(20);
    }
    expect(translate('sv', 'classList.error.CLASS_LIST_TOO_LARGE')).toContain(`${classListLimits.maxFileBytes / 1024 / 1024} MB`);
    expect(translate('sv', 'classList.error.CLASS_LIST_TOO_LARGE')).toContain(classListLimits.maxPupils.toLocaleString('sv-SE').replace('\u00a0', ' '));
    expect(translate('en', 'classList.error.CLASS_LIST_TOO_LARGE')).toContain(classListLimits.maxPupils.toLocaleString('en-GB'));
    expect(translate('sv', 'classList.personnummerDropped', { columns: 'Personnummer' })).toContain('Personnummer.');
  });
});
