import { resultsCells, resultsColumns, type Cell, type ResultsColumn, type ResultsRow } from './results-table';

/**
 * The results as a CSV file that Swedish Excel opens by double-click: UTF-8
 * with a BOM (without it Excel reads the bytes as Windows-1252), `;` between
 * fields, decimal comma, CRLF line ends.
 */
export function resultsCsv(rows: readonly ResultsRow[]): Uint8Array<ArrayBuffer> {
  const lines = [resultsColumns.map((c) => field(c.header)), ...resultsCells(rows).map((cells) => cells.map((cell, i) => format(cell, resultsColumns[i])))];
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
