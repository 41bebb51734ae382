/**
 * Just enough XML for office documents: a tokenizer over tags and text with
 * entity decoding. Office files are machine-written, so comments, CDATA and
 * processing instructions are the only oddities to step over.
 */
export type XmlToken =
  | { kind: 'open'; name: string; attrs: string; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

/**
 * One pass from left to right: each construct is closed by searching forward
 * from where it opened, and an unclosed one ends the scan, so broken or
 * hostile XML costs linear time (a backtracking regex was quadratic on
 * unclosed tags).
 */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    if (lt !== at) {
      const end = lt === -1 ? xml.length : lt;
      yield { kind: 'text', text: decodeEntities(xml.slice(at, end)) };
      at = end;
      continue;
    }
    const special = SPECIAL.find(([open]) => xml.startsWith(open, at));
    if (special) {
      const [open, close] = special;
      const end = xml.indexOf(close, at + open.length);
      if (end === -1) return;
      if (open === '<![CDATA[') yield { kind: 'text', text: xml.slice(at + open.length, end) };
      at = end + close.length;
      continue;
    }
    const end = tagEnd(xml, at + 1);
    if (end === -1) return;
    const tag = TAG.exec(xml.slice(at + 1, end));
    if (tag) {
      const [, slash, name, attrs = '', selfClosing] = tag;
      if (slash) yield { kind: 'close', name };
      else yield { kind: 'open', name, attrs, selfClosing: selfClosing === '/' };
    }
    at = end + 1;
  }
}

/** Comments, CDATA, processing instructions and doctypes: stepped over to their closing mark. */
const SPECIAL: ReadonlyArray<readonly [string, string]> = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
  ['<!DOCTYPE', '>'],
];
const TAG = /^(\/?)([\w:.-]+)([\s\S]*?)(\/?)$/;

/** The index of the `>` that closes a tag opened before `from`, skipping quoted attribute values; -1 when unclosed. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

export function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeEntities(m[2] ?? m[3] ?? '') : undefined;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
}
