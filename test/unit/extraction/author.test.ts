import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cleanAuthor, readPartProperty } from '../../../src-workers/extraction/metadata';
import { readZipDirectory } from '../../../src-workers/extraction/zip';

const limits = { maxEntries: 10, maxUncompressedBytes: 10_000_000 };
const core = (body: string) => `<?xml version="1.0"?><cp:coreProperties xmlns:dc="x" xmlns:cp="y">${body}</cp:coreProperties>`;
const read = (files: Record<string, Uint8Array>, elements: string[]) => {
  const zip = zipSync(files);
  return readPartProperty(zip, readZipDirectory(zip, limits), 'docProps/core.xml', elements);
};

describe('document author property', () => {
  it('is one trimmed line of at most 300 characters, and absent when empty', () => {
    expect(cleanAuthor('  Anna\n\tLindqvist \u200b')).toBe('Anna Lindqvist');
    expect(cleanAuthor(' \n ')).toBeUndefined();
    expect(cleanAuthor(undefined)).toBeUndefined();
    expect([...cleanAuthor('Å'.repeat(400) + '😀')!]).toHaveLength(300);
  });

  it('reads the first element that has a value, entities decoded', () => {
    const files = { 'docProps/core.xml': strToU8(core('<dc:creator></dc:creator><cp:lastModifiedBy>Lärare</cp:lastModifiedBy><dc:creator>Åsa &amp; Öberg</dc:creator>')) };
    expect(read(files, ['dc:creator'])).toBe('Åsa & Öberg');
    expect(read(files, ['cp:lastModifiedBy', 'dc:creator'])).toBe('Lärare');
  });

  it('gives no author, rather than a rejection, for a missing, oversized or damaged part', () => {
    expect(read({ 'word/document.xml': strToU8('<w:document/>') }, ['dc:creator'])).toBeUndefined();
    const huge = core(`<dc:creator>Anna</dc:creator>${'<x/>'.repeat(50_000)}`);
    expect(read({ 'docProps/core.xml': strToU8(huge) }, ['dc:creator'])).toBeUndefined();
    const zip = zipSync({ 'docProps/core.xml': strToU8(core('<dc:creator>Anna Lindqvist</dc:creator>'.repeat(20))) });
    const entries = readZipDirectory(zip, limits);
    // Cut the deflated data short, keeping the directory: the entry no longer inflates to its size.
    const damaged = zip.slice();
    damaged.fill(0, 40, 60);
    expect(readPartProperty(damaged, entries, 'docProps/core.xml', ['dc:creator'])).toBeUndefined();
  });
});
