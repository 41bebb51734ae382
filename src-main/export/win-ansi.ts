/**
 * The feedback sheets use the PDF standard fonts (Helvetica), which every PDF
 * reader has, so no font file ships with the app. Their WinAnsi encoding
 * covers Swedish and the Western European letters (å ä ö é ü ß …) but not,
 * say, ł or ő: pdfkit would print such a character as garbage. This keeps
 * what the encoding has, writes a letter without its accent when only the
 * accent is missing, and puts "?" for the rest.
 */

/** Windows-1252's characters above Latin-1's ASCII range, at 0x80–0x9F. */
const CP1252_HIGH = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Typographic characters the Intl formatters and word processors produce, written with what WinAnsi has. */
const SUBSTITUTES: Record<string, string> = {
  '\u2212': '-', // minus sign (Intl's sv-SE negative numbers)
  '\u2010': '-',
  '\u2011': '-',
  '\u2009': ' ',
  '\u202F': ' ',
  '\u2007': ' ',
  '\u200B': '',
  '\u00AD': '',
  '\t': ' ',
};

function encodable(char: string): boolean {
  const code = char.codePointAt(0)!;
  return char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_HIGH.includes(char);
}

export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
    if (char in SUBSTITUTES) out += SUBSTITUTES[char];
    else if (encodable(char)) out += char;
    else {
      const bare = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += bare && [...bare].every(encodable) ? bare : /\p{C}/u.test(char) ? '' : '?';
    }
  }
  return out;
}
