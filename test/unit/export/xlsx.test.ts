import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { resultsTable } from '../../../src-main/export/results-table';
import { resultsXlsx } from '../../../src-main/export/xlsx';
import { fixture } from './fixture';

async function readBack(): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await resultsXlsx(resultsTable(fixture()), 'sv')).buffer);
  return workbook.getWorksheet('Resultat')!;
}

describe('the results workbook (.xlsx)', () => {
  it('has the CSV’s header and rows, numbers as numbers and blanks as empty cells', async () => {
    const sheet = await readBack();
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Elev',
      'Fil',
      'Ord',
      'Stavfel per 100 ord',
      'Plats',
      'Placering på skalan (θ)',
      'Osäkerhet i placeringen (SE)',
      'Betyg',
      'Betyget från',
      'Sannolikhet för betyget',
      'Preliminärt',
      'Jämförelser',
    ]);
    const asa = sheet.getRow(3);
    expect(asa.values).toEqual([undefined, 'Åsa Öberg', 'Åsa-Öberg uppsats.docx', 24, 8.33, 2, 1.35, 0.42, 'C', 'modellen', '78 %', 'ja', 12]);
    for (const column of [3, 4, 5, 6, 7, 12]) expect(asa.getCell(column).type, `column ${column}`).toBe(ExcelJS.ValueType.Number);
    expect(asa.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(2).getCell(10).value).toBe('> 99 %');
    expect(sheet.getRow(5).getCell(2).value).toBe('klass 9B/anna;"citat".txt');
    // Zenta is not ranked yet: no rank, θ, SE, grade, probability or comparisons.
    const zenta = sheet.getRow(6);
    for (const column of [5, 6, 7, 8, 9, 10, 11, 12]) expect(zenta.getCell(column).type, `column ${column}`).toBe(ExcelJS.ValueType.Null);
  });

  it('freezes the header, formats the numbers and sizes the columns to their contents', async () => {
    const sheet = await readBack();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('F3').numFmt).toBe('0.00');
    expect(sheet.getCell('C3').numFmt).toBe('0');
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual('klass 9B/anna;"citat".txt'.length);
    expect(sheet.getColumn(10).width).toBeGreaterThanOrEqual('Sannolikhet för betyget'.length);
    expect(sheet.getColumn(8).width).toBeLessThan(15);
  });
});
