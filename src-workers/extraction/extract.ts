import type { DocumentFormat, RejectionCode } from '../../shared/contracts/domain';
import type { ArchiveEntry, ClaimedFormat, ExtractionResult } from '../../shared/contracts/extraction';
import { intakeLimits } from '../../shared/contracts/limits';
import { entryPath, isJunkPath } from '../../shared/files';
import { cleanExtractedText, countWords, duplicateForm, sha256Hex } from '../../shared/text/normalise';
import { decodeText } from './decode-text';
import { extractDocx, readDocxAuthor } from './formats/docx';
import { extractOdt, ODT_MIMETYPE, readOdtAuthor } from './formats/odt';
import { extractPdf } from './formats/pdf';
import { extractRtf } from './formats/rtf';
import { Rejected } from './rejection';
import { isEncryptedOfficeContainer, sniff } from './sniff';
import { findEntry, hasDocumentParts, isZip, readZipDirectory, readZipEntry, type ZipEntry } from './zip';

type Read = { kind: 'text'; format: DocumentFormat; text: string; encoding?: string; author?: string } | ExtractionResult;

/**
 * The extraction engine: bytes in, a cleaned text (or a rejection, or an
 * archive's entries) out. Pure apart from CPU; runs in the worker pool.
 * `claimed` is the format the file's name claims: the bytes decide what the
 * file is, but a file that is none of the formats we know while its name
 * says it is a .docx, .odt, .pdf, .rtf or .zip is damaged, not of an unknown type.
 */
export async function extract(bytes: Uint8Array, claimed?: ClaimedFormat): Promise<ExtractionResult> {
  let read: Read;
  try {
    read = await readDocument(bytes, claimed);
  } catch (error) {
    if (error instanceof Rejected) return { kind: 'rejected', code: error.code };
    throw error;
  }
  if (read.kind !== 'text' || 'words' in read) return read;
  // Formats that are not checked as they are read (text, RTF, PDF) are bounded by the file size limit; this is their check.
  if (read.text.length > intakeLimits.maxCharacters) return { kind: 'rejected', code: 'CONTENT_TOO_MANY_CHARACTERS', format: read.format };
  const text = cleanExtractedText(read.text);
  return {
    kind: 'text',
    format: read.format,
    ...(read.encoding ? { encoding: read.encoding } : {}),
    ...(read.author ? { author: read.author } : {}),
    text,
    words: countWords(text),
    contentHash: await sha256Hex(text),
    normalisedHash: await sha256Hex(duplicateForm(text)),
  };
}

async function readDocument(bytes: Uint8Array, claimed: ClaimedFormat | undefined): Promise<Read> {
  switch (sniff(bytes)) {
    case 'empty':
      return { kind: 'text', format: 'txt', text: '' };
    case 'pdf':
      return { kind: 'text', format: 'pdf', ...(await extractPdf(bytes)) };
    case 'rtf':
      return { kind: 'text', format: 'rtf', text: extractRtf(bytes) };
    case 'ole2':
      // Legacy .doc files are refused as unsupported; encrypted .docx files live in the same container.
      throw new Rejected(isEncryptedOfficeContainer(bytes) ? 'ENCRYPTED_FILE' : 'UNSUPPORTED_FILE_TYPE');
    case 'text': {
      const decoded = asClaimed(claimed, () => decodeText(bytes));
      return { kind: 'text', format: 'txt', text: decoded.text, encoding: decoded.encoding };
    }
    case 'zip':
      return readZip(bytes, claimed);
  }
}

function withAuthor<T extends object>(read: T, author: string | undefined): T & { author?: string } {
  return author ? { ...read, author } : read;
}

/** Binary data that is no format we know is a damaged file when its name claims a format. */
function asClaimed<T>(claimed: ClaimedFormat | undefined, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (claimed && error instanceof Rejected && error.code === 'UNSUPPORTED_FILE_TYPE') throw new Rejected('CORRUPT_FILE', `${error.message}, named .${claimed}`);
    throw error;
  }
}

async function readZip(bytes: Uint8Array, claimed: ClaimedFormat | undefined): Promise<Read> {
  const entries = readZipDirectory(bytes, {
    maxEntries: intakeLimits.maxArchiveEntries,
    maxUncompressedBytes: intakeLimits.maxArchiveUncompressedBytes,
  });
  const mimetype = findEntry(entries, 'mimetype');
  const mime = mimetype && mimetype.size < 200 ? new TextDecoder().decode(readZipEntry(bytes, mimetype)).trim() : '';
  const isOdf = mime.startsWith('application/vnd.oasis.opendocument.');
  const isOoxml = findEntry(entries, '[Content_Types].xml') !== undefined;
  if (isOdf || isOoxml) {
    const declared = entries.reduce((sum, e) => sum + e.size, 0);
    if (declared > intakeLimits.maxDocumentUncompressedBytes) throw new Rejected('ARCHIVE_TOO_LARGE');
    if (mime === ODT_MIMETYPE) return withAuthor({ kind: 'text', format: 'odt', text: extractOdt(bytes, entries) }, readOdtAuthor(bytes, entries));
    if (isOoxml && findEntry(entries, 'word/document.xml')) {
      return withAuthor({ kind: 'text', format: 'docx', text: await extractDocx(bytes, entries) }, readDocxAuthor(bytes, entries));
    }
    // Spreadsheets, presentations and drawings are office files, but not essays.
    throw new Rejected('UNSUPPORTED_FILE_TYPE', 'office file that is not a text document');
  }
  // A zip without a document's parts, named as a document, lost them: it is not an archive to unpack.
  if (claimed === 'docx' || claimed === 'odt') throw new Rejected('CORRUPT_FILE', `zip without document parts, named .${claimed}`);
  return { kind: 'archive', entries: unpackArchive(bytes, entries) };
}

/**
 * Unpacks a class's archive entry by entry. Each entry is refused alone, with
 * its own code: a name that cannot name an essay, a bomb (stopped while it
 * inflates, by its ratio or by the archive's running total), or an archive
 * inside it (refused from its directory, before anything in it is unpacked).
 */
function unpackArchive(bytes: Uint8Array, entries: ZipEntry[]): ArchiveEntry[] {
  const out: ArchiveEntry[] = [];
  let unpacked = 0;
  for (const [i, e] of entries.entries()) {
    const isFolder = e.size === 0 && /[\\/]$/.test(e.name);
    if (isFolder || isJunkPath(e.name)) continue;
    const { path, usable } = entryPath(e.name, i);
    const entryLimit = Math.min(intakeLimits.maxFileBytes, Math.max(intakeLimits.bombFloorBytes, e.compressedSize * intakeLimits.maxCompressionRatio));
    const refuse = (rejected: RejectionCode) => out.push({ path, size: e.size, rejected });
    if (!usable) refuse('INVALID_FILE_NAME');
    else if (e.size > intakeLimits.maxFileBytes) refuse('FILE_TOO_LARGE');
    else if (e.size > entryLimit) refuse('ARCHIVE_TOO_LARGE');
    else {
      try {
        const entryBytes = readZipEntry(bytes, e, (total) => {
          if (total > entryLimit || unpacked + total > intakeLimits.maxArchiveUncompressedBytes) throw new Rejected('ARCHIVE_TOO_LARGE');
        });
        unpacked += entryBytes.length;
        if (isNestedArchive(entryBytes)) refuse('NESTED_ARCHIVE');
        else out.push({ path, size: e.size, bytes: entryBytes });
      } catch (error) {
        if (!(error instanceof Rejected)) throw error;
        refuse(error.code);
      }
    }
  }
  return out;
}

/** A zip that is not a document; one whose directory cannot be read is left to its own extraction to call damaged. */
function isNestedArchive(bytes: Uint8Array): boolean {
  if (!isZip(bytes)) return false;
  try {
    return !hasDocumentParts(readZipDirectory(bytes, { maxEntries: Infinity, maxUncompressedBytes: Infinity }));
  } catch {
    return false;
  }
}
