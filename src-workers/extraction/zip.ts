import { Inflate } from 'fflate';
import { Rejected } from './rejection';

/**
 * A minimal reader of a zip's central directory. We read it ourselves, rather
 * than trusting a library to unpack, so that sizes and entry counts are
 * checked before anything is inflated, names are decoded right, and every
 * inflate is stopped as soon as its running total passes a limit.
 */
export interface ZipEntry {
  name: string;
  encrypted: boolean;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEndOfCentralDirectory(bytes: Uint8Array, dv: DataView): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (dv.getUint32(i, true) === EOCD) return i;
  }
  throw new Rejected('CORRUPT_FILE', 'zip: no end of central directory (truncated?)');
}

export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const dv = view(bytes);
  const eocd = findEndOfCentralDirectory(bytes, dv);
  const count = dv.getUint16(eocd + 10, true);
  const cdSize = dv.getUint32(eocd + 12, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    throw new Rejected('ARCHIVE_TOO_LARGE', 'zip64 archive');
  }
  if (count > limits.maxEntries) throw new Rejected('ARCHIVE_TOO_LARGE', `zip: ${count} entries`);
  if (cdOffset + cdSize > eocd) throw new Rejected('CORRUPT_FILE', 'zip: central directory out of range');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || dv.getUint32(p, true) !== CENTRAL) {
      throw new Rejected('CORRUPT_FILE', 'zip: bad central directory entry');
    }
    const flags = dv.getUint16(p + 8, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: decodeName(bytes.subarray(p + 46, p + 46 + nameLength), (flags & 0x800) !== 0),
      encrypted: (flags & 1) !== 0,
      method: dv.getUint16(p + 10, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localHeaderOffset: dv.getUint32(p + 42, true),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) {
      throw new Rejected('ARCHIVE_TOO_LARGE', 'zip64 entry');
    }
    total += entry.size;
    if (total > limits.maxUncompressedBytes) {
      throw new Rejected('ARCHIVE_TOO_LARGE', 'zip: uncompressed size over the limit');
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates one entry in small steps, handing each piece of output to
 * `onChunk`, which can stop a bomb (by throwing) long before it is unpacked.
 */
export function streamZipEntry(bytes: Uint8Array, entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
  if (entry.encrypted) throw new Rejected('ENCRYPTED_FILE', 'zip: encrypted entry');
  const dv = view(bytes);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || dv.getUint32(at, true) !== LOCAL) {
    throw new Rejected('CORRUPT_FILE', 'zip: bad local header');
  }
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new Rejected('CORRUPT_FILE', 'zip: entry truncated');
  if (entry.method === 0) return onChunk(data);
  if (entry.method !== 8) throw new Rejected('UNSUPPORTED_FILE_TYPE', `zip: method ${entry.method}`);
  const inflater = new Inflate((chunk) => onChunk(chunk));
  try {
    // 4 KiB of deflate unpacks to at most about 4 MiB, so no single step can blow memory up.
    for (let p = 0; p < data.length || p === 0; p += INFLATE_STEP) {
      inflater.push(data.subarray(p, p + INFLATE_STEP), p + INFLATE_STEP >= data.length);
    }
  } catch (error) {
    if (error instanceof Rejected) throw error;
    throw new Rejected('CORRUPT_FILE', 'zip: inflate failed');
  }
}

const INFLATE_STEP = 4096;

/**
 * Unpacks one entry into a buffer of exactly its declared size; `onBytes`
 * sees the running total and may throw to stop. Output beyond the declared
 * size means the directory lied: the file is damaged.
 */
export function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  onBytes: (total: number) => void = () => {},
): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(entry.size);
  let total = 0;
  streamZipEntry(bytes, entry, (chunk) => {
    if (total + chunk.length > entry.size) throw new Rejected('CORRUPT_FILE', 'zip: entry larger than declared');
    out.set(chunk, total);
    total += chunk.length;
    onBytes(total);
  });
  if (total !== entry.size) throw new Rejected('CORRUPT_FILE', 'zip: size mismatch');
  return out;
}

/** Whether a zip's entries are an office document's parts (ODF's mimetype, OOXML's content types), not a folder of files. */
export function hasDocumentParts(entries: ZipEntry[]): boolean {
  return findEntry(entries, 'mimetype') !== undefined || findEntry(entries, '[Content_Types].xml') !== undefined;
}

export function findEntry(entries: ZipEntry[], name: string): ZipEntry | undefined {
  return entries.find((e) => e.name === name);
}

// Code page 437 (the DOS code page Windows' built-in zipper uses for names without the UTF-8 flag), 0x80-0xFF.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(raw);
  try {
    // Many tools write UTF-8 names without setting the flag.
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return Array.from(raw, (b) => (b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80])).join('');
  }
}
