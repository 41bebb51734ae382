import { decodeWindows1252 } from './windows-1252';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** Why bytes are not text: `binary` is another kind of file; `invalid` claims an encoding (a BOM) its bytes break. */
export type UndecodableText = { reason: 'binary' } | { reason: 'invalid'; encoding: string };

/**
 * Decodes a plain-text file whose encoding nobody told us. Order matters:
 * a BOM is certain; UTF-16 without a BOM shows as zero bytes in every other
 * position; valid UTF-8 is almost never accidental; anything else that still
 * looks like text is read as Windows-1252, the encoding of Swedish Notepad
 * and of school systems' exports. Pure, so the renderer can use it too.
 */
export function decodePlainText(bytes: Uint8Array): DecodedText | UndecodableText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict('utf-8', 'utf-8-bom', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict('utf-16le', 'utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict('utf-16be', 'utf-16be', bytes.subarray(2));

  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return strict(utf16, utf16, bytes);

  let decoded: DecodedText;
  try {
    decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    decoded = { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
  return looksLikeText(decoded.text) ? decoded : { reason: 'binary' };
}

function strict(label: string, encoding: TextEncoding, bytes: Uint8Array): DecodedText | UndecodableText {
  try {
    return { text: new TextDecoder(label, { fatal: true }).decode(bytes), encoding };
  } catch {
    return { reason: 'invalid', encoding: label };
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
