import mammoth from 'mammoth';
import { intakeLimits } from '../../../shared/contracts/limits';
import { Rejected } from '../rejection';
import { findEntry, type ZipEntry } from '../zip';

/** Reads a .docx with mammoth, after the zip directory has passed the size checks. */
export async function extractDocx(bytes: Uint8Array, entries: ZipEntry[]): Promise<string> {
  if (entries.length > intakeLimits.maxDocumentEntries) throw new Rejected('ARCHIVE_TOO_LARGE');
  if (!findEntry(entries, 'word/document.xml')) throw new Rejected('CORRUPT_FILE', 'docx: no document part');
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return result.value;
  } catch {
    throw new Rejected('CORRUPT_FILE', 'docx: mammoth failed');
  }
}
