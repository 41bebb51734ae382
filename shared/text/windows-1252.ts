/**
 * Windows-1252, decoded by table. Node's TextDecoder treats the label as
 * ISO-8859-1 and turns 0x80–0x9F (curly quotes, dashes, €) into control
 * characters, so we cannot rely on it anywhere.
 */
const HIGH_C1 =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  return charsOf(bytes, (b) => (b >= 0x80 && b <= 0x9f ? HIGH_C1.charCodeAt(b - 0x80) : b));
}

/** One character per byte, for formats whose syntax is ASCII (RTF, file signatures). */
export function byteString(bytes: Uint8Array): string {
  return charsOf(bytes, (b) => b);
}

function charsOf(bytes: Uint8Array, code: (byte: number) => number): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x4000) {
    out += String.fromCharCode(...Array.from(bytes.subarray(i, i + 0x4000), code));
  }
  return out;
}
