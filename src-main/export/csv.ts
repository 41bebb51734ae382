import type { UiLanguage } from '../../shared/i18n';
import { resultsCells, resultsColumns, resultsHeaders, type Cell, type ResultsColumn, type ResultsRow } from './results-table';

/**
 * The results as a CSV file that Swedish Excel opens by double-click: UTF-8
 * with a BOM (without it Excel reads the bytes as Windows-1252), `;` between
 * fields, decimal comma, CRLF line ends. Headers and words are in the
 * export's language; the number format follows Excel's, which follows the
 * laptop's locale rather than the app's language.
 */
export function resultsCsv(rows: readonly ResultsRow[], language: UiLanguage): Uint8Array<ArrayBuffer> {
  const lines = [resultsHeaders(language).map(field), ...resultsCells(rows, language).map((cells) => cells.map((cell, i) => format(cell, resultsColumns[i])))];
  return new TextEncoder().encode('\uFEFF' + lines.map((fields) => fields.join(';') + '\r\n').join(''));
}

function format(cell: Cell, column: ResultsColumn): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return column.decimals === undefined ? String(cell) : cell.toFixed(column.decimals).replace('.', ',');
  return field(cell);
}

/**
 * A text field, quoted when it holds a separator, a quote or a line break.
 * Text that a spreadsheet would take for a formula (a pupil can name a file
 * "=HYPERLINK(…)") gets a leading apostrophe, so it stays text.
 */
export function field(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV record and the line it starts on (quoted fields may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180: fields may be quoted, and a quoted field may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') field += body[i++];
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      recordLine = ++line;
    } else field += c;
  }
  if (field !== '' || fields.length) records.push({ line: recordLine, fields: [...fields, field] });
  // Blank lines carry no record.
  return records.filter((record) => record.fields.some((f) => f.trim() !== ''));
}
