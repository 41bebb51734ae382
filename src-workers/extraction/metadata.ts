import { Rejected } from './rejection';
import { xmlTokens } from './xml';
import { findEntry, readZipEntry, type ZipEntry } from './zip';

/**
 * A document's author property, read as a hint for matching an essay to its
 * pupil. It is metadata, not the essay: a part that is missing, too large or
 * unreadable gives no author, never a rejection of a document whose text is fine.
 */

export const maxAuthorLength = 300;

/** A properties part is a few hundred bytes; one larger than this is not read. */
const maxPropertiesPartBytes = 64 * 1024;

/** The author as the contract carries it: one line, trimmed, at most 300 characters; undefined when empty. */
export function cleanAuthor(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const line = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!line) return undefined;
  // Cut by code points, so a surrogate pair is never split.
  return [...line].slice(0, maxAuthorLength).join('').trim();
}

/**
 * The text of the first of `elements` (in the order given) that has any, in
 * the zip part `partName`. The part is read through the same checked path as
 * the text part: its declared size is bounded before anything inflates, and
 * inflating stops at that size.
 */
export function readPartProperty(bytes: Uint8Array, entries: ZipEntry[], partName: string, elements: readonly string[]): string | undefined {
  const part = findEntry(entries, partName);
  if (!part || part.size > maxPropertiesPartBytes) return undefined;
  let xml: string;
  try {
    xml = new TextDecoder('utf-8').decode(readZipEntry(bytes, part));
  } catch (error) {
    if (error instanceof Rejected) return undefined;
    throw error;
  }
  const found = new Map<string, string>();
  let inside: string | null = null;
  let text = '';
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'open' && !token.selfClosing && inside === null && elements.includes(token.name)) {
      inside = token.name;
      text = '';
    } else if (token.kind === 'text' && inside !== null) {
      if (text.length <= maxAuthorLength * 4) text += token.text;
    } else if (token.kind === 'close' && token.name === inside) {
      const value = cleanAuthor(text);
      if (value && !found.has(inside)) found.set(inside, value);
      inside = null;
    }
  }
  for (const element of elements) {
    const value = found.get(element);
    if (value) return value;
  }
  return undefined;
}
