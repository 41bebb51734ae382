import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Essay } from '../../../shared/contracts/domain';
import { baseName } from '../../../shared/files';
import { extract } from '../../../src-workers/extraction/extract';
import { xmlTokens } from '../../../src-workers/extraction/xml';
import { makeHostileFile, type HostileKind } from '../../support/hostile-files';

const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function extractCrafted(kind: HostileKind) {
  const bytes = new Uint8Array(readFileSync(makeHostileFile(kind, dir)));
  return extract(bytes, kind.includes('docx') ? 'docx' : kind.includes('odt') ? 'odt' : 'zip');
}

async function archiveEntries(kind: HostileKind) {
  const result = await extractCrafted(kind);
  if (result.kind !== 'archive') throw new Error(`expected an archive, got ${JSON.stringify(result)}`);
  return result.entries.map((e) => ({ path: e.path, rejected: 'rejected' in e ? e.rejected : undefined }));
}

/** Every entry must become an essay: its path and base name pass the essay's own schema. */
function expectValidEssayNames(paths: string[]): void {
  for (const path of paths) {
    expect(Essay.shape.fileName.safeParse(baseName(path)).success, path).toBe(true);
    expect(Essay.shape.relativePath.safeParse(path).success, path).toBe(true);
    expect(path).not.toMatch(/[\u0000-\u001f\u007f\\]|^\/|(^|\/)\.\.(\/|$)/);
  }
}

describe('hostile files (issue #12)', () => {
  it('never trusts a zip entry name: a name ending in \\ or over 1,000 characters is refused with its own code, the other entry goes on', async () => {
    for (const kind of ['backslash-name', 'long-name'] as const) {
      const entries = await archiveEntries(kind);
      expectValidEssayNames(entries.map((e) => e.path));
      expect(entries.find((e) => e.path === 'uppsats.txt')?.rejected, kind).toBeUndefined();
      expect(entries.filter((e) => e.path !== 'uppsats.txt').map((e) => e.rejected), kind).toEqual(['INVALID_FILE_NAME']);
    }
  });

  it('sanitises absolute, .. , drive-letter and control-character names instead of trusting them', async () => {
    const entries = await archiveEntries('unsafe-names');
    expectValidEssayNames(entries.map((e) => e.path));
    expect(entries).toEqual([
      { path: 'etc/uppsats.txt', rejected: undefined },
      { path: 'abs/uppsats.txt', rejected: undefined },
      { path: 'C:/elev/uppsats.txt', rejected: undefined },
      { path: 'kontroll.txt', rejected: undefined },
    ]);
  });

  it('refuses a text with too many characters, even as one word, while reading it', async () => {
    const bytes = new Uint8Array(readFileSync(makeHostileFile('one-word-docx-2000000', dir)));
    const started = performance.now();
    expect(await extract(bytes, 'docx')).toMatchObject({ kind: 'rejected', code: 'CONTENT_TOO_MANY_CHARACTERS' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses high-ratio entries while inflating them, each alone', async () => {
    const entries = await archiveEntries('zeros-2');
    expect(entries.map((e) => e.rejected)).toEqual(['ARCHIVE_TOO_LARGE', 'ARCHIVE_TOO_LARGE']);
  });

  it('refuses a zip inside a zip before unpacking it, and keeps the essay beside it', async () => {
    const entries = await archiveEntries('nested-zip-small');
    expect(entries).toEqual([
      { path: 'inre.zip', rejected: 'NESTED_ARCHIVE' },
      { path: 'uppsats.txt', rejected: undefined },
    ]);
  });

  it('tokenizes XML ending in unclosed tags in linear time', async () => {
    const open = '<a'.repeat(60_000);
    const started = performance.now();
    const tokens = [...xmlTokens(`<office:text><text:p>Hej${open}`)];
    expect(performance.now() - started).toBeLessThan(500);
    expect(tokens.slice(0, 3)).toEqual([
      { kind: 'open', name: 'office:text', attrs: '', selfClosing: false },
      { kind: 'open', name: 'text:p', attrs: '', selfClosing: false },
      { kind: 'text', text: 'Hej' },
    ]);
    const result = await extractCrafted('unclosed-odt-120000');
    expect(result.kind).toBe('text');
  });
});
