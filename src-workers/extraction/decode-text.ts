import { Rejected } from './rejection';
import { decodeWindows1252 } from './windows-1252';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

/**
 * Decodes a plain-text file whose encoding nobody told us. Order matters:
 * a BOM is certain; UTF-16 without a BOM shows as zero bytes in every other
 * position; valid UTF-8 is almost never accidental; anything else that still
 * looks like text is read as Windows-1252, the encoding of Swedish Notepad.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: strict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };

  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: strict(utf16, bytes), encoding: utf16 };

  let decoded: DecodedText;
  try {
    decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    decoded = { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
  if (!looksLikeText(decoded.text)) throw new Rejected('UNSUPPORTED_FILE_TYPE', 'binary data');
  return decoded;
}

function strict(label: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw new Rejected('CORRUPT_FILE', `invalid ${label}`);
  }
}

function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Text has almost no control characters other than tab, newline, carriage return and form feed. */
function looksLikeText(text: string): boolean {
  if (text.length === 0) return true;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return control / text.length < 0.01;
}
