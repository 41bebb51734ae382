import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import Ajv from 'ajv';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { repoPath } from '../../src-main/app/repo-path';

const config = JSON.parse(readFileSync(repoPath('electron-builder.json'), 'utf8'));

function validator() {
  const schema = JSON.parse(readFileSync(repoPath('node_modules/app-builder-lib/scheme.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  // electron-builder's schema marks hook options with {"typeof": "function"}.
  ajv.addKeyword({ keyword: 'typeof', validate: (type: string, data: unknown) => typeof data === type });
  return ajv.compile(schema);
}

describe('electron-builder configuration', () => {
  it('is valid against electron-builder\'s own schema (offline), and the schema does bite', () => {
    const validate = validator();
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...config, asar: 'maybe' })).toBe(false);
    expect(validate({ ...config, mac: { ...config.mac, hardenedRuntim: true } })).toBe(false);
  });

  it('builds what schools install: NSIS for Windows, a hardened, notarised dmg for macOS, AppImage and deb for Linux', () => {
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: 'build/entitlements.mac.plist' });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    for (const file of [config.mac.entitlements, config.win.icon]) expect(existsSync(repoPath(file)), file).toBe(true);
  });
});

/** What the extraction and spellcheck workers answer, as far as these tests read it. */
interface WorkerAnswer {
  kind?: string;
  words?: number;
  dictionary?: string;
  findings?: { text: string; suggestions: string[] }[];
  correctedText?: string;
}

describe('the unpacked app (electron-builder --dir with a stub Electron)', () => {
  let resources: string;
  let binary: string;
  /** The folder beside app.asar holding what must load from disk: the workers and the modules they import. */
  let unpacked: string;
  /** A file inside app.asar, read as Electron reads it. */
  let packed: (file: string) => string;
  const run = promisify(execFile);

  beforeAll(async () => {
    // The Electron binary cannot be downloaded here; electron-builder only needs its folder shape, and
    // @electron/fuses the fuse wire that every Electron binary carries after its sentinel: version 1,
    // eight fuses, set as Electron ships them (RunAsNode, NodeOptions, inspect and file:// privileges on).
    const stub = mkdtempSync(join(tmpdir(), 'huledu-electron-stub-'));
    mkdirSync(join(stub, 'locales'));
    writeFileSync(join(stub, 'locales', 'sv.pak'), '');
    writeFileSync(join(stub, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001')]));
    chmodSync(join(stub, 'electron'), 0o755);
    const output = mkdtempSync(join(tmpdir(), 'huledu-dist-'));
    await run('npx', ['electron-builder', '--dir', '--linux', '--x64', `-c.electronDist=${stub}`, `-c.directories.output=${output}`], {
      cwd: repoPath('.'),
      maxBuffer: 20_000_000,
    });
    resources = join(output, 'linux-unpacked', 'resources');
    binary = join(output, 'linux-unpacked', config.executableName);
    unpacked = join(resources, 'app.asar.unpacked');
    packed = (file) => extractFile(join(resources, 'app.asar'), file).toString('utf8');
  });

  it('flips the fuses in the packed binary: no running as Node, no NODE_OPTIONS or inspect, encrypted cookies, the app only from a checked asar', async () => {
    const wire = await getCurrentFuseWire(binary);
    // A fuse's state in the wire is the byte '0' (off) or '1' (on).
    const FuseState = { DISABLE: 48, ENABLE: 49 };
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
  });

  it('packs main, preload and renderer in app.asar, and the sample essays where main looks for them', () => {
    expect(existsSync(join(resources, 'app'))).toBe(false);
    const main = packed('out/main/index.js');
    expect(packed('out/preload/index.cjs')).toContain('huledu:connect');
    expect(packed('out/renderer/index.html')).toContain('Content-Security-Policy');
    expect(existsSync(join(unpacked, 'out/renderer')), 'the renderer stays in the asar').toBe(false);
    // The command line's build (build/cli.mjs) is for the repository, not for schools' laptops.
    expect(listPackage(join(resources, 'app.asar'), { isPack: false }).some((path) => path.includes('out/cli'))).toBe(false);
    // Main reads samples from process.resourcesPath/samples when packaged.
    expect(main).toContain("join(resourcesDir, \"samples\")");
    const manifest = JSON.parse(readFileSync(join(resources, 'samples/manifest.json'), 'utf8'));
    for (const batch of manifest.batches) for (const file of batch.files) expect(existsSync(join(resources, 'samples', file)), file).toBe(true);
  });

  it('ships runtime dependencies only', () => {
    const modules = readdirSync(join(unpacked, 'node_modules'));
    for (const needed of ['piscina', 'pdfjs-dist', 'mammoth', 'fflate', 'zod', 'comlink', 'hunspell-asm', 'dictionary-sv', 'dictionary-en']) {
      expect(modules).toContain(needed);
    }
    for (const devOnly of ['electron', 'vitest', 'typescript', 'react', 'playwright-core', 'tsx', 'pg', 'axe-core']) expect(modules).not.toContain(devOnly);
  });

  async function withPackedWorker(index: number, use: (run: (task: unknown) => Promise<WorkerAnswer>) => Promise<void>) {
    const main = packed('out/main/index.js');
    const chunks = [...main.matchAll(/"\.\/(chunks\/worker-[\w-]+\.js)"/g)].map((m) => m[1]);
    expect(chunks, 'main refers to the extraction, spellcheck and CJ worker chunks').toHaveLength(3);
    // Main starts each worker from outside the asar (pools/unpacked-path.ts), where this test loads it.
    const workerFile = join(unpacked, 'out/main', chunks[index]);
    expect(existsSync(workerFile)).toBe(true);
    // Piscina and every import of the worker resolve inside the package, not in the repo.
    const { Piscina } = await import(pathToFileURL(join(unpacked, 'node_modules/piscina/dist/main.js')).href);
    const pool = new Piscina({ filename: pathToFileURL(workerFile).href, maxThreads: 1 });
    try {
      await use((task) => pool.run(task));
    } finally {
      await pool.destroy();
    }
  }

  it('loads the packed extraction worker from the package itself and reads real documents with it', async () => {
    await withPackedWorker(0, async (run) => {
      for (const name of ['01-sommar.docx', '03-skoldagen.pdf', '02-biblioteket.odt']) {
        const bytes = new Uint8Array(readFileSync(join(inject('fixtures'), 'done-when', name)));
        const result = await run({ bytes });
        expect(result.kind, name).toBe('text');
        expect(result.words, name).toBeGreaterThan(40);
      }
    });
  });

  it('spellchecks with the packed worker, its dictionaries, the learner lists and the word frequencies shipped beside it', async () => {
    expect(readdirSync(join(resources, 'learner-lists')).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    expect(readdirSync(join(resources, 'word-frequencies'))).toEqual(['en.txt']);
    await withPackedWorker(1, async (run) => {
      const sv = await run({ text: 'Jag tyker att min sjuk sköterska är snäll.', language: 'sv' });
      expect(sv.dictionary).toBe(join(unpacked, 'node_modules/dictionary-sv/index.dic'));
      expect(sv.findings?.map((f) => [f.text, f.suggestions[0]])).toEqual([
        ['tyker', 'tycker'],
        ['sjuk sköterska', 'sjuksköterska'],
      ]);
      const en = await run({ text: 'I dont have definately time.', language: 'en' });
      expect(en.correctedText).toBe("I don't have definitely time.");
    });
  });

  it('fits a Bradley–Terry scale with the packed CJ worker', async () => {
    await withPackedWorker(2, async (run) => {
      // a beats b twice, b beats c twice, c beats a once: a finite, ordered scale.
      const fit = (await run({
        kind: 'fit',
        judgements: {
          scripts: ['a', 'b', 'c'],
          judges: ['j'],
          winner: Int32Array.of(0, 0, 1, 1, 2),
          loser: Int32Array.of(1, 1, 2, 2, 0),
          judge: Int32Array.of(0, 0, 0, 0, 0),
        },
      })) as WorkerAnswer & { theta?: Float64Array };
      expect(fit.kind).toBe('fit');
      const [a, b, c] = fit.theta!;
      expect(a).toBeGreaterThan(b);
      expect(b).toBeGreaterThan(c);
    });
  });
});
