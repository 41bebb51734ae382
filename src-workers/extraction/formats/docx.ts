import mammoth from 'mammoth';
import { intakeLimits } from '../../../shared/contracts/limits';
import { readPartProperty } from '../metadata';
import { Rejected } from '../rejection';
import { findEntry, streamZipEntry, type ZipEntry } from '../zip';

/**
 * Reads a .docx with mammoth, after the zip directory has passed the size
 * checks and the document part has passed the text-size checks.
 */
export async function extractDocx(bytes: Uint8Array, entries: ZipEntry[]): Promise<string> {
  if (entries.length > intakeLimits.maxDocumentEntries) throw new Rejected('ARCHIVE_TOO_LARGE');
  const part = findEntry(entries, 'word/document.xml');
  if (!part) throw new Rejected('CORRUPT_FILE', 'docx: no document part');
  checkTextSize(bytes, part);
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return result.value;
  } catch {
    throw new Rejected('CORRUPT_FILE', 'docx: mammoth failed');
  }
}

/**
 * The author Word records in the core properties (`dc:creator`). The last
 * editor (`cp:lastModifiedBy`) is not read: it is whoever saved the file
 * last, often the teacher who opened it.
 */
export function readDocxAuthor(bytes: Uint8Array, entries: ZipEntry[]): string | undefined {
  return readPartProperty(bytes, entries, 'docProps/core.xml', ['dc:creator']);
}

/**
 * Mammoth reads the whole part into a tree before it gives any text, so the
 * part is scanned first, as it inflates: its size, and the characters in its
 * text runs (`<w:t>`), each stop it as soon as they pass their limit.
 */
function checkTextSize(bytes: Uint8Array, part: ZipEntry): void {
  const decoder = new TextDecoder('utf-8');
  let partBytes = 0;
  let characters = 0;
  let inRun = false;
  let tag: string | null = null;
  streamZipEntry(bytes, part, (chunk) => {
    partBytes += chunk.length;
    if (partBytes > intakeLimits.maxDocumentTextPartBytes) throw new Rejected('ARCHIVE_TOO_LARGE', 'docx: document part too large');
    const text = decoder.decode(chunk, { stream: true });
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (tag !== null) {
        if (c === '>') {
          // A run's text is `<w:t>` or `<w:t xml:space="preserve">`; any other tag ends it.
          inRun = /^w:t(\s|$)/.test(tag) && !tag.endsWith('/');
          tag = null;
        } else if (tag.length < 16) tag += c;
      } else if (c === '<') tag = '';
      else if (inRun && ++characters > intakeLimits.maxCharacters) throw new Rejected('CONTENT_TOO_MANY_CHARACTERS');
    }
  });
}
