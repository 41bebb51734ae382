import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The first lint loads the whole typed config, which takes seconds on a loaded machine.
describe('import direction (lint)', { timeout: 30_000 }, () => {
  it('keeps shared/ free of process code and of Node built-ins (the renderer imports it)', async () => {
    expect(await restricted('shared/x.ts', "import { extract } from '../src-workers/extraction/extract';\nexport { extract };")).toHaveLength(1);
    expect(await restricted('shared/x.ts', "import { createHash } from 'node:crypto';\nexport { createHash };")).toHaveLength(1);
    expect(await restricted('shared/x.ts', "import { z } from 'zod';\nexport { z };")).toEqual([]);
  });

  it('keeps workers to shared/', async () => {
    expect(await restricted('src-workers/cj/x.ts', "import { createServices } from '../../src-main/app/services';\nexport { createServices };")).toHaveLength(1);
    expect(await restricted('src-workers/cj/x.ts', "import { db } from '../../src-renderer/src/db';\nexport { db };")).toHaveLength(1);
    expect(await restricted('src-workers/cj/x.ts', "import { Eps } from '../../shared/contracts/cj';\nexport { Eps };")).toEqual([]);
  });

  it('keeps the receiver (server/) to shared/: it is a separate deployable', async () => {
    expect(await restricted('server/x.ts', "import { anonymise } from '../src-main/sync/anonymise';\nexport { anonymise };")).toHaveLength(1);
    expect(await restricted('server/x.ts', "import { fitScale } from '../src-workers/cj/scale';\nexport { fitScale };")).toHaveLength(1);
    expect(await restricted('server/x.ts', "import { SyncPayload } from '../shared/contracts/sync';\nexport { SyncPayload };")).toEqual([]);
  });

  it('lets main reach workers only through worker entry paths, and Electron only in the shell', async () => {
    expect(await restricted('src-main/core/x.ts', "import { extract } from '../../src-workers/extraction/extract';\nexport { extract };")).toHaveLength(1);
    expect(await restricted('src-main/core/x.ts', "import { app } from 'electron';\nexport { app };")).toHaveLength(1);
    expect(
      await restricted('src-main/hosts/electron/x.ts', "import w from '../../../src-workers/extraction/worker?modulePath';\nimport { app } from 'electron';\nexport { w, app };"),
    ).toEqual([]);
    // An adapter for Electron sits beside its siblings, named for its host.
    expect(await restricted('src-main/secrets/index.electron.ts', "import { safeStorage } from 'electron';\nexport { safeStorage };")).toEqual([]);
    expect(await restricted('src-main/secrets/index.file.ts', "import { safeStorage } from 'electron';\nexport { safeStorage };")).toHaveLength(1);
  });

  it('keeps the renderer to shared/ and the browser', async () => {
    expect(await restricted('src-renderer/src/x.ts', "import { createServices } from '../../src-main/app/services';\nexport { createServices };")).toHaveLength(1);
    expect(await restricted('src-renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };")).toHaveLength(1);
    expect(await restricted('src-renderer/src/x.ts', "import { db } from './db';\nexport { db };")).toEqual([]);
  });
});
