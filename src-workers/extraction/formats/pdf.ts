import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { cleanAuthor } from '../metadata';
import { Rejected } from '../rejection';

interface Line {
  text: string;
  y: number;
  height: number;
}

/**
 * Reads a PDF's text layer with pdfjs, and rebuilds paragraphs from line
 * positions. A page number alone on the first or last line is dropped.
 * The author is the document information's Author, when there is one.
 */
export async function extractPdf(bytes: Uint8Array): Promise<{ text: string; author?: string }> {
  // pdfjs is loaded with the first PDF: a class of .docx files never pays for it.
  const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: PDFDocumentProxy;
  try {
    doc = await getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new Rejected('ENCRYPTED_FILE', 'pdf: password');
    throw new Rejected('CORRUPT_FILE', `pdf: ${name ?? 'unreadable'}`);
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(joinLines(dropPageNumber(toLines(content.items as TextItem[]), n)));
    }
    const text = pages.reduce((all, page) => (all === '' ? page : all + pageJoin(all) + page), '');
    if (text.trim() === '' && (await hasImages(doc, new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject])))) throw new Rejected('NO_TEXT_LAYER');
    const author = await readAuthor(doc);
    return author ? { text, author } : { text };
  } catch (error) {
    if (error instanceof Rejected) throw error;
    throw new Rejected('CORRUPT_FILE', 'pdf: page unreadable');
  } finally {
    await doc.destroy();
  }
}

/** Metadata is a hint: a damaged information dictionary gives no author, not a rejected essay. */
async function readAuthor(doc: PDFDocumentProxy): Promise<string | undefined> {
  try {
    const { info } = await doc.getMetadata();
    const author = (info as { Author?: unknown } | null)?.Author;
    return typeof author === 'string' ? cleanAuthor(author) : undefined;
  } catch {
    return undefined;
  }
}

function toLines(items: TextItem[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const item of items) {
    if (!('str' in item)) continue;
    const y = item.transform[5];
    const height = Math.abs(item.height) || Math.abs(item.transform[3]) || 10;
    if (!current) current = { text: '', y, height };
    current.text += item.str;
    current.height = Math.max(current.height, height);
    if (item.hasEOL) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines.filter((l) => l.text.trim() !== '');
}

/** A page that ends mid-sentence continues its paragraph on the next page. */
function pageJoin(before: string): string {
  return /[.!?…:"”»)]$/.test(before) ? '\n\n' : before.endsWith('-') ? '' : ' ';
}

function dropPageNumber(lines: Line[], pageNumber: number): Line[] {
  const isNumber = (l: Line | undefined): boolean => l?.text.trim() === String(pageNumber);
  if (isNumber(lines.at(-1))) lines = lines.slice(0, -1);
  if (isNumber(lines[0])) lines = lines.slice(1);
  return lines;
}

function joinLines(lines: Line[]): string {
  // Line spacing is the smallest real gap between lines (paragraph gaps are larger); a clearly
  // larger gap, or a change of font size, starts a paragraph.
  const gaps = lines.slice(1).map((line, i) => lines[i].y - line.y).filter((g, i) => g >= lines[i].height * 0.5);
  const usual = gaps.length ? Math.min(...gaps) : (lines[0]?.height ?? 12) * 1.2;
  let out = '';
  lines.forEach((line, i) => {
    const text = line.text.trim();
    if (i === 0) {
      out = text;
      return;
    }
    const previous = lines[i - 1];
    const gap = previous.y - line.y;
    const newParagraph = gap <= 0 || gap > usual * 1.3 || Math.abs(previous.height - line.height) > 1;
    if (newParagraph) out += '\n\n' + text;
    else if (out.endsWith('-')) out += text;
    else out += ' ' + text;
  });
  return out;
}

/** Whether any page draws an image, with one of pdfjs's `imageOps`: a scan without a text layer. */
async function hasImages(doc: PDFDocumentProxy, imageOps: Set<number>): Promise<boolean> {
  for (let n = 1; n <= doc.numPages; n++) {
    const ops = await (await doc.getPage(n)).getOperatorList();
    if (ops.fnArray.some((fn) => imageOps.has(fn))) return true;
  }
  return false;
}
