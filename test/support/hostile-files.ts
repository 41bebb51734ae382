import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The hostile files of issue #12, crafted by python's zipfile module
 * (hostile-files.py) on top of real documents that pandoc makes. Shared by
 * the tests and `npm run bench:hostile`.
 */
export const hostileKinds = {
  'backslash-name': 'klass.zip',
  'long-name': 'lang-namn.zip',
  'unsafe-names': 'farliga-namn.zip',
  'many-entries': '5000-filer.zip',
  'zeros-2': 'nollor-2.zip',
  'zeros-6': 'nollor-6.zip',
  'zeros-20': 'nollor-20.zip',
  'nested-zip': 'zip-i-zip.zip',
  'nested-zip-small': 'liten-zip-i-zip.zip',
  'random-word-docx-30000000': 'ett-ord-30mb.docx',
  'one-word-docx-2000000': 'ett-ord-2m.docx',
  'one-word-docx-190000000': 'ett-ord-190m.docx',
  'unclosed-odt-30000': 'oavslutad-30k.odt',
  'unclosed-odt-120000': 'oavslutad-120k.odt',
  'unclosed-odt-240000': 'oavslutad-240k.odt',
} as const;
export type HostileKind = keyof typeof hostileKinds;

const script = join(import.meta.dirname, 'hostile-files.py');

/** A real one-paragraph document of this format, made by pandoc once per folder. */
function baseDocument(dir: string, format: 'docx' | 'odt'): string {
  const path = join(dir, `base.${format}`);
  if (!existsSync(path)) {
    const markdown = join(dir, 'base.md');
    writeFileSync(markdown, '# Sommar\n\nDet var en varm sommar i Göteborg och vi åt räkmackor på Järntorget.\n');
    execFileSync('pandoc', [markdown, '-o', path]);
  }
  return path;
}

/** Makes one hostile file in `dir` and returns its path. */
export function makeHostileFile(kind: HostileKind, dir: string): string {
  const out = join(dir, hostileKinds[kind]);
  const base = kind.includes('docx') ? [baseDocument(dir, 'docx')] : kind.includes('odt') ? [baseDocument(dir, 'odt')] : [];
  execFileSync('python3', [script, kind, out, ...base], { stdio: 'pipe', timeout: 120_000 });
  return out;
}
