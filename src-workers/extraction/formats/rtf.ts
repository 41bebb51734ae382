import { Rejected } from '../rejection';
import { byteString, decodeWindows1252 } from '../../../shared/text/windows-1252';

/** Destinations whose text is not part of the essay. */
const SKIPPED_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'header', 'headerl', 'headerr', 'headerf',
  'footer', 'footerl', 'footerr', 'footerf', 'footnote', 'annotation', 'object', 'themedata',
  'colorschememapping', 'datastore', 'latentstyles', 'listtable', 'listoverridetable',
  'rsidtbl', 'generator', 'xmlnstbl', 'mmathPr', 'filetbl', 'revtbl', 'pgdsctbl', 'field', 'fldinst',
  'bkmkstart', 'bkmkend', 'atnid', 'atnauthor', 'atndate', 'nonshppict', 'shp', 'listtext', 'pntext',
]);

/** Control words that stand for a character. */
const CHARACTER_WORDS: Record<string, string> = {
  par: '\n\n', line: '\n', sect: '\n\n', page: '\n\n', row: '\n', cell: '\t', tab: '\t',
  emdash: '—', endash: '–', lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', bullet: '•',
  emspace: ' ', enspace: ' ', qmspace: ' ',
};

interface GroupState {
  skip: boolean;
  /** Characters to skip after a \uN escape (the ANSI fallback). */
  uc: number;
}

/**
 * Reads the text of an RTF document: groups, control words, \'hh bytes in the
 * document's ANSI code page and \uN escapes; skips tables of fonts, colours,
 * styles and other non-text destinations.
 */
export function extractRtf(bytes: Uint8Array): string {
  const src = byteString(bytes);
  if (!/^\s*\{\\rtf/.test(src)) throw new Rejected('CORRUPT_FILE', 'rtf: no header');
  let decode = decodeWindows1252;
  const out: string[] = [];
  const pendingBytes: number[] = [];
  const flushBytes = (): void => {
    if (pendingBytes.length) {
      out.push(decode(new Uint8Array(pendingBytes)));
      pendingBytes.length = 0;
    }
  };
  const stack: GroupState[] = [];
  let state: GroupState = { skip: false, uc: 1 };
  let skipFallback = 0;
  let depthSeen = 0;

  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '{') {
      flushBytes();
      stack.push(state);
      state = { ...state };
      depthSeen++;
      i++;
      continue;
    }
    if (ch === '}') {
      flushBytes();
      const previous = stack.pop();
      if (!previous) break;
      state = previous;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i++;
      continue;
    }
    if (ch !== '\\') {
      if (skipFallback > 0) skipFallback--;
      else if (!state.skip) {
        flushBytes();
        out.push(ch);
      }
      i++;
      continue;
    }
    // A control sequence.
    const next = src[i + 1];
    if (next === "'") {
      const byte = parseInt(src.slice(i + 2, i + 4), 16);
      i += 4;
      if (skipFallback > 0) skipFallback--;
      else if (!state.skip && Number.isFinite(byte)) pendingBytes.push(byte);
      continue;
    }
    if (next === '\\' || next === '{' || next === '}') {
      if (skipFallback > 0) skipFallback--;
      else if (!state.skip) {
        flushBytes();
        out.push(next);
      }
      i += 2;
      continue;
    }
    if (next === '*') {
      state.skip = true;
      i += 2;
      continue;
    }
    if (next === '~' || next === '_' || next === '-') {
      if (!state.skip) {
        flushBytes();
        out.push(next === '~' ? '\u00a0' : next === '_' ? '‑' : '');
      }
      i += 2;
      continue;
    }
    const m = /^\\([a-zA-Z]+)(-?\d+)? ?/.exec(src.slice(i, i + 40));
    if (!m) {
      i += 2;
      continue;
    }
    i += m[0].length;
    const word = m[1];
    const arg = m[2] === undefined ? undefined : Number(m[2]);
    if (SKIPPED_DESTINATIONS.has(word)) {
      state.skip = true;
    } else if (word === 'u' && arg !== undefined) {
      if (!state.skip) {
        flushBytes();
        out.push(String.fromCharCode(arg < 0 ? arg + 65536 : arg));
      }
      skipFallback = state.uc;
    } else if (word === 'uc' && arg !== undefined) {
      state.uc = arg;
    } else if (word === 'ansicpg' && arg !== undefined && arg !== 1252) {
      try {
        const decoder = new TextDecoder(`windows-${arg}`);
        decode = (b) => decoder.decode(b);
      } catch {
        // An unknown code page keeps Windows-1252.
      }
    } else if (word in CHARACTER_WORDS && !state.skip) {
      flushBytes();
      out.push(CHARACTER_WORDS[word]);
    }
  }
  flushBytes();
  if (depthSeen === 0) throw new Rejected('CORRUPT_FILE', 'rtf: no groups');
  return out.join('');
}
