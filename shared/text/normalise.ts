/** Word tokens: letters or digits, joined by inner hyphens or apostrophes. */
const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

/**
 * The stored form of an extracted text: Unix newlines, NFC, no control
 * characters, no trailing spaces, at most one blank line in a row.
 */
export function cleanExtractedText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\ufeff]/g, '')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The form used to find duplicates: words only, lowercased, single-spaced. The
 * same essay saved as .docx and as .pdf gives the same form.
 */
export function duplicateForm(text: string): string {
  return Array.from(text.normalize('NFC').toLowerCase().matchAll(WORD), (m) => m[0]).join(' ');
}

export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
