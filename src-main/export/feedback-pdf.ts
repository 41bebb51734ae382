import type { BatchResults } from '../../shared/contracts/ipc';
import type { ExportCoverage } from '../../shared/contracts/main/export';
import { formatNumber, formatProbability, localeOf, translate, type StringKey, type UiLanguage } from '../../shared/i18n';
import { countsAsError, segments } from '../../shared/spelling';
import { essayFindings, findingsByCategory, type ResultsRow } from './results-table';
import { toWinAnsi } from './win-ansi';

// PDF standard fonts: every reader has them, and their WinAnsi encoding covers å ä ö é (see win-ansi.ts).
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const INK = '#000000';
const MUTED = '#555555';
const SUGGESTION = '#a4262c';
const MARGIN = 56;

/** The engine's finding categories; an unknown one is shown by its own name. */
const CATEGORY_LABELS: Record<string, StringKey> = {
  spelling: 'export.category.spelling',
  'split-compound': 'export.category.split-compound',
  confusable: 'export.category.confusable',
  apostrophe: 'export.category.apostrophe',
  'word-form': 'export.category.word-form',
};

interface Run {
  text: string;
  font: string;
  color: string;
  underline: boolean;
}

/**
 * Printable feedback for a batch: one PDF with a section per essay, in the
 * results' order, each starting on a new page. A section has the pupil (or
 * the file), a summary (grade and its probability, words, misspellings per
 * 100 words by category, rank and θ) and the essay's text with each counted
 * misspelling underlined and, where the corrected text replaces it (the
 * teacher accepted it, or the engine was confident), the correction in
 * brackets after it. The footer
 * numbers the pages within the section, so the sheets can be handed out.
 * An export made while the batch is still importing (`partial`) says so at
 * the top of its first page and in its title.
 */
export async function feedbackPdf(
  data: BatchResults,
  rows: readonly ResultsRow[],
  language: UiLanguage,
  partial: ExportCoverage | null = null,
): Promise<Uint8Array<ArrayBuffer>> {
  const t = (key: StringKey, params?: Record<string, string | number>): string => toWinAnsi(translate(language, key, params));
  const num = (value: number | null, decimals: number): string => formatNumber(value, decimals, language);
  const percent = (p: number): string => formatProbability(p, language);
  const checks = new Map(data.spellchecks.map((c) => [c.essayId, c]));
  const essays = new Map(data.essays.map((e) => [e.id, e]));
  const ranked = rows.filter((r) => r.rank !== null).length;

  // Loaded when first asked for: it takes longer to load than the whole CLI to start.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 16, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: false,
    lang: localeOf(language),
    info: { Title: partial ? `${data.batch.title} (${translate(language, 'export.partial', partial)})` : data.batch.title, Creator: 'HuleEdu' },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const line = (text: string, font = REGULAR, size = 10.5, color = INK): void => {
    doc.font(font).fontSize(size).fillColor(color).text(text, { underline: false });
  };
  const sections: Array<{ name: string; first: number; last: number }> = [];
  const partialNotice = (): void => {
    if (!partial || doc.bufferedPageRange().count !== 1) return;
    line(t('export.partial', partial), BOLD, 10.5, SUGGESTION);
    doc.moveDown(0.6);
  };

  for (const row of rows) {
    const check = checks.get(row.essayId);
    doc.addPage();
    const first = doc.bufferedPageRange().count - 1;
    partialNotice();
    const name = toWinAnsi(row.student || row.file);

    line(name, BOLD, 16);
    const context = [data.batch.title, data.batch.className, data.batch.course, row.student ? row.file : ''].filter(Boolean);
    line(toWinAnsi(context.join(' · ')), REGULAR, 9.5, MUTED);
    doc.moveDown(0.8);

    line(t('export.pdf.summary'), BOLD, 12);
    doc.moveDown(0.2);
    if (row.grade === null) line(t('export.pdf.noGrade'), BOLD);
    else if (row.gradeSource === 'teacher' && row.grade !== row.modelGrade) {
      const model = row.modelGrade === null ? '–' : row.modelProbability === null ? row.modelGrade : `${row.modelGrade}, ${percent(row.modelProbability)}`;
      line(t('export.pdf.gradeOverride', { grade: row.grade, model }), BOLD);
    } else if (row.gradeSource === 'anchor') line(t('export.pdf.gradeAnchor', { grade: row.grade }), BOLD);
    else if (row.probability !== null) {
      const key = row.preliminary ? 'export.pdf.gradePreliminary' : 'export.pdf.gradeProbability';
      line(t(key, { grade: row.grade, probability: percent(row.probability) }), BOLD);
    } else line(t('export.pdf.grade', { grade: row.grade }), BOLD);
    line(t('export.pdf.words', { words: row.words }));

    const findings = check ? essayFindings(data, check) : [];
    const counted = findings.filter(countsAsError);
    if (!check || row.per100 === null) line(t('export.pdf.notChecked'));
    else {
      line(t('export.pdf.findings', { count: counted.length, per100: num(row.per100, 1) }));
      for (const [category, count] of findingsByCategory(findings)) {
        const label = Object.hasOwn(CATEGORY_LABELS, category) ? translate(language, CATEGORY_LABELS[category]) : category;
        const per100 = check.words === 0 ? 0 : (100 * count) / check.words;
        doc.text(t('export.pdf.category', { category: label, count, per100: num(per100, 1) }), { indent: 14, underline: false });
      }
    }
    if (row.rank === null || row.theta === null) line(t('export.pdf.unranked'));
    else line(t('export.pdf.rank', { rank: row.rank, total: ranked, theta: num(row.theta, 2), se: num(row.se, 2) }));
    doc.moveDown(1);

    line(t('export.pdf.text'), BOLD, 12);
    line(t('export.pdf.legend'), REGULAR, 9, MUTED);
    doc.moveDown(0.5);
    // Without a spellcheck, the text as intake extracted it.
    const hash = check?.contentHash ?? essays.get(row.essayId)?.contentHash;
    writeEssay(doc, hash === undefined ? '' : (data.texts[hash] ?? ''), counted);
    sections.push({ name, first, last: doc.bufferedPageRange().count - 1 });
  }

  if (sections.length === 0) {
    doc.addPage();
    partialNotice();
    line(toWinAnsi(data.batch.title), BOLD, 16);
    line(t('export.pdf.empty'));
  }

  for (const section of sections) {
    for (let page = section.first; page <= section.last; page++) {
      doc.switchToPage(page);
      // Writing in the bottom margin would otherwise start a new page.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const footer = t('export.pdf.page', { name: section.name, page: page - section.first + 1, pages: section.last - section.first + 1 });
      doc.font(REGULAR).fontSize(8.5).fillColor(MUTED);
      doc.text(footer, MARGIN, doc.page.height - MARGIN + 8, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false, underline: false });
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  await ended;
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/**
 * The essay line by line (pdfkit loses its place when a continued run holds a
 * line break), each line as runs: plain text, and each finding bold and
 * underlined with its correction, if any, after it.
 */
function writeEssay(doc: PDFKit.PDFDocument, text: string, counted: Parameters<typeof segments>[1]): void {
  const lines: Run[][] = [[]];
  const add = (run: Run): void => {
    toWinAnsi(run.text)
      .split('\n')
      .forEach((piece, i) => {
        if (i > 0) lines.push([]);
        if (piece) lines.at(-1)!.push({ ...run, text: piece });
      });
  };
  for (const part of segments(text, counted)) {
    if (typeof part === 'string') add({ text: part, font: REGULAR, color: INK, underline: false });
    else {
      add({ text: part.text, font: BOLD, color: INK, underline: true });
      if (part.replacement !== undefined) add({ text: ` [${part.replacement}]`, font: ITALIC, color: SUGGESTION, underline: false });
    }
  }
  doc.fontSize(11);
  for (const runs of lines) {
    if (runs.length === 0) {
      doc.moveDown(0.6);
      continue;
    }
    runs.forEach((run, i) => {
      doc.font(run.font).fillColor(run.color).text(run.text, { continued: i < runs.length - 1, underline: run.underline, lineGap: 3 });
    });
  }
}
