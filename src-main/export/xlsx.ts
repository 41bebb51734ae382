import { translate, type UiLanguage } from '../../shared/i18n';
import { resultsCells, resultsColumns, resultsHeaders, type ResultsColumn, type ResultsRow } from './results-table';

function numberFormat(column: ResultsColumn): string | undefined {
  if (column.kind === 'integer') return '0';
  return column.kind === 'decimal' ? `0.${'0'.repeat(column.decimals ?? 0)}` : undefined;
}

/** The results as an Excel workbook: the same rows as the CSV, numbers as numbers, a frozen header row. */
export async function resultsXlsx(rows: readonly ResultsRow[], language: UiLanguage): Promise<Uint8Array<ArrayBuffer>> {
  const cells = resultsCells(rows, language);
  const headers = resultsHeaders(language);
  // Loaded when first asked for: it takes longer to load than the whole CLI to start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'HuleEdu';
  const sheet = workbook.addWorksheet(translate(language, 'export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = resultsColumns.map((column, i) => {
    // Wide enough for the header and the longest value, within reason.
    const longest = Math.max(headers[i].length, ...cells.map((row) => String(row[i] ?? '').length));
    const numFmt = numberFormat(column);
    return { header: headers[i], key: column.key, width: Math.min(60, Math.max(8, longest + 2)), ...(numFmt ? { style: { numFmt } } : {}) };
  });
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(cells);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: resultsColumns.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
