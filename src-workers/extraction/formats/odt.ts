import { intakeLimits } from '../../../shared/contracts/limits';
import { readPartProperty } from '../metadata';
import { Rejected } from '../rejection';
import { attribute, xmlTokens } from '../xml';
import { findEntry, readZipEntry, type ZipEntry } from '../zip';

export const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

/** Elements whose content is not the essay's running text. */
const SKIPPED = new Set([
  'office:annotation', 'office:annotation-end', 'text:tracked-changes', 'text:note',
  'text:table-of-content', 'text:alphabetical-index', 'draw:image',
]);
const BLOCKS = new Set(['text:p', 'text:h']);

export function extractOdt(bytes: Uint8Array, entries: ZipEntry[]): string {
  if (entries.length > intakeLimits.maxDocumentEntries) throw new Rejected('ARCHIVE_TOO_LARGE');
  const manifest = findEntry(entries, 'META-INF/manifest.xml');
  if (manifest && /encryption-data/.test(new TextDecoder().decode(readZipEntry(bytes, manifest)))) {
    throw new Rejected('ENCRYPTED_FILE', 'odt: encrypted');
  }
  const content = findEntry(entries, 'content.xml');
  if (!content) throw new Rejected('CORRUPT_FILE', 'odt: no content.xml');
  if (content.size > intakeLimits.maxDocumentTextPartBytes) throw new Rejected('ARCHIVE_TOO_LARGE', 'odt: content.xml too large');
  const xml = new TextDecoder('utf-8').decode(readZipEntry(bytes, content));

  const out: string[] = [];
  let characters = 0;
  let inBody = false;
  let skipDepth = 0;
  let paragraphDepth = 0;
  let atParagraphStart = false;
  for (const token of xmlTokens(xml)) {
    if (characters > intakeLimits.maxCharacters) throw new Rejected('CONTENT_TOO_MANY_CHARACTERS');
    if (token.kind === 'open') {
      if (token.name === 'office:text') inBody = true;
      if (!inBody || skipDepth > 0 || SKIPPED.has(token.name)) {
        if (skipDepth > 0 || SKIPPED.has(token.name)) skipDepth += token.selfClosing ? 0 : 1;
        continue;
      }
      if (token.selfClosing) {
        const text = selfClosingText(token.name, token.attrs);
        out.push(text);
        characters += text.length;
      } else if (BLOCKS.has(token.name)) {
        paragraphDepth++;
        atParagraphStart = true;
      }
    } else if (token.kind === 'close') {
      if (token.name === 'office:text') inBody = false;
      if (skipDepth > 0) skipDepth--;
      else if (inBody && BLOCKS.has(token.name)) {
        paragraphDepth--;
        out.push('\n\n');
      }
    } else if (inBody && skipDepth === 0 && paragraphDepth > 0) {
      // ODF collapses whitespace in running text; spaces that matter are <text:s/>.
      let text = token.text.replace(/[\t\n\r ]+/g, ' ');
      if (atParagraphStart) text = text.trimStart();
      if (text) {
        out.push(text);
        characters += text.length;
        atParagraphStart = false;
      }
    }
  }
  return out.join('');
}

/**
 * The author in meta.xml: who created the document (`meta:initial-creator`),
 * else who saved it last (`dc:creator`), which some tools write alone.
 */
export function readOdtAuthor(bytes: Uint8Array, entries: ZipEntry[]): string | undefined {
  return readPartProperty(bytes, entries, 'meta.xml', ['meta:initial-creator', 'dc:creator']);
}

function selfClosingText(name: string, attrs: string): string {
  switch (name) {
    case 'text:s':
      return ' '.repeat(Math.min(Number(attribute(attrs, 'text:c') ?? 1) || 1, 100));
    case 'text:tab':
      return '\t';
    case 'text:line-break':
      return '\n';
    case 'text:p':
    case 'text:h':
      return '\n\n';
    default:
      return '';
  }
}
