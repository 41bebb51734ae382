import type ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { ClassListReadResult } from '../../shared/contracts/pupils';
import {
  classListError,
  classListFromRows,
  classListLimits,
  parseCsvClassList,
  parsePastedClassList,
  type ClassListRow,
} from '../../shared/pupils/class-list';
import { decodePlainText } from '../../shared/text/decode-text';

export { parsePastedClassList };

/** Signatures of files teachers pick by mistake: images, PDF, old Office (.xls) and other binaries. */
const OTHER_KINDS: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0xd0, 0xcf, 0x11, 0xe0], // OLE2: .xls, .doc, a password-protected .xlsx
  [0x52, 0x49, 0x46, 0x46], // RIFF: WebP
  [0x42, 0x4d], // BMP
  [0x49, 0x49, 0x2a, 0x00], // TIFF
  [0x4d, 0x4d, 0x00, 0x2a],
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

/**
 * A class list file's bytes as a preview, or why not. The bytes decide the
 * kind where they can (a workbook is a zip, whatever it is called); the name
 * decides between CSV and plain text. Never throws.
 */
export async function readClassList(bytes: Uint8Array, fileName: string): Promise<ClassListReadResult> {
  try {
    if (bytes.length > classListLimits.maxFileBytes) return classListError('CLASS_LIST_TOO_LARGE');
    const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
    if (startsWith(bytes, ZIP)) return await readWorkbook(bytes);
    if (OTHER_KINDS.some((signature) => startsWith(bytes, signature))) return classListError('CLASS_LIST_UNSUPPORTED_FILE');
    // A workbook that is not a zip is damaged: cut short or overwritten.
    if (extension === 'xlsx') return classListError('CLASS_LIST_UNREADABLE');
    if (!['csv', 'txt', 'tsv', 'text', ''].includes(extension)) return classListError('CLASS_LIST_UNSUPPORTED_FILE');

    const decoded = decodePlainText(bytes);
    if (!('text' in decoded)) return classListError(decoded.reason === 'binary' ? 'CLASS_LIST_UNSUPPORTED_FILE' : 'CLASS_LIST_UNREADABLE');
    return extension === 'csv' ? parseCsvClassList(decoded.text) : parsePastedClassList(decoded.text);
  } catch {
    return classListError('CLASS_LIST_UNREADABLE');
  }
}

async function readWorkbook(bytes: Uint8Array): Promise<ClassListReadResult> {
  // Read the zip's directory only, to refuse a workbook that would inflate past the limit before exceljs inflates it.
  let declared = 0;
  let isWorkbook = false;
  let entries = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries++;
        declared += file.originalSize;
        if (file.name === 'xl/workbook.xml') isWorkbook = true;
        return false;
      },
    });
  } catch {
    return classListError('CLASS_LIST_UNREADABLE');
  }
  // A zip that is not a workbook: a .docx, an .ods, an archive of files.
  if (!isWorkbook) return classListError('CLASS_LIST_UNSUPPORTED_FILE');
  if (declared > classListLimits.maxUncompressedBytes || entries > 10_000) return classListError('CLASS_LIST_TOO_LARGE');

  // Loaded when first asked for: it takes longer to load than the whole CLI to start.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch {
    return classListError('CLASS_LIST_UNREADABLE');
  }

  // The first visible sheet that gives a list; else what the first sheet with content said.
  let first: ClassListReadResult | null = null;
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible') continue;
    const rows = sheetRows(sheet);
    if (rows.length === 0) continue;
    const result = classListFromRows(rows);
    if (result.ok) return result;
    first ??= result;
  }
  return first ?? classListError('CLASS_LIST_NO_NAMES');
}

function sheetRows(sheet: ExcelJS.Worksheet): ClassListRow[] {
  const rows: ClassListRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column <= 200) cells[column - 1] = cellText(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

/** A cell's value as the sheet shows it, near enough: text, numbers without grouping, dates as ISO dates. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  return '';
}
