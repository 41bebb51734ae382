/**
 * `npm run huledu`: the CLI from JavaScript that esbuild built into out/cli/,
 * so no start pays for transpiling TypeScript (issue #14). It builds on the
 * first run after `npm ci`, and again whenever a source is newer than the
 * build; each file is written beside its place and renamed over it, so two
 * runs that build at once never read half a file.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, 'out/cli');
const main = join(out, 'main.mjs');
const entryPoints = {
  main: 'src-main/hosts/cli/main.ts',
  'workers/extraction': 'src-workers/extraction/worker.ts',
  'workers/spellcheck': 'src-workers/spellcheck/worker.ts',
  'workers/cj': 'src-workers/cj/worker.ts',
};

/** The newest modification time among the sources the CLI is built from. */
function newestSource() {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['src-main', 'src-workers', 'shared']) walk(join(root, dir));
  return newest;
}

function builtAt() {
  try {
    return statSync(main).mtimeMs;
  } catch {
    return -Infinity;
  }
}

if (builtAt() < newestSource()) {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies load from node_modules as they are: dictionaries and workers' packages find their files beside them.
    // Except zod, which every thread loads at start: bundled, its hundred small files are one (about 80 ms less each).
    external: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => name !== 'zod'),
    write: false,
    logLevel: 'warning',
  });
  // main.mjs last: its time is what says the build is complete.
  const files = [...result.outputFiles].sort((a, b) => (a.path === main) - (b.path === main));
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
}

await import(pathToFileURL(main).href);
