import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extract } from '../../../src-workers/extraction/extract';
import { readZipDirectory, readZipEntry } from '../../../src-workers/extraction/zip';

const limits = { maxEntries: 10, maxUncompressedBytes: 1_000_000 };

describe('zip reader', () => {
  it('lists entries with UTF-8 names and unpacks them to their declared size', () => {
    const zip = zipSync({ 'Åsa/uppsats.txt': strToU8('Hej på dig'), 'tom.txt': new Uint8Array() });
    const entries = readZipDirectory(zip, limits);
    expect(entries.map((e) => e.name)).toEqual(['Åsa/uppsats.txt', 'tom.txt']);
    expect(new TextDecoder().decode(readZipEntry(zip, entries[0]))).toBe('Hej på dig');
  });

  it('refuses too many entries and too much declared data before unpacking anything', () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`${i}.txt`, strToU8('x')])));
    expect(() => readZipDirectory(many, limits)).toThrow(expect.objectContaining({ code: 'ARCHIVE_TOO_LARGE' }));
    // 2 MB of zeros compresses to a few kB: a small bomb.
    const bomb = zipSync({ 'a.txt': new Uint8Array(2_000_000) });
    expect(bomb.length).toBeLessThan(10_000);
    expect(() => readZipDirectory(bomb, limits)).toThrow(expect.objectContaining({ code: 'ARCHIVE_TOO_LARGE' }));
  });

  it('calls a truncated zip damaged', () => {
    const zip = zipSync({ 'a.txt': strToU8('hej hej hej') });
    expect(() => readZipDirectory(zip.subarray(0, zip.length - 30), limits)).toThrow(expect.objectContaining({ code: 'CORRUPT_FILE' }));
  });

  it('unpacks a class archive into its files and skips operating-system clutter', async () => {
    const zip = zipSync({
      '9B/': new Uint8Array(),
      '9B/anna.txt': strToU8('Anna skriver.'),
      '9B/.DS_Store': new Uint8Array([0, 0, 0, 1]),
      '__MACOSX/9B/._anna.txt': new Uint8Array([0, 5]),
    });
    const result = await extract(zip);
    expect(result.kind).toBe('archive');
    if (result.kind === 'archive') expect(result.entries.map((e) => e.path)).toEqual(['9B/anna.txt']);
  });
});
