import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import direction (lint)', () => {
  it('keeps shared/ free of process code', async () => {
    expect(await restricted('shared/x.ts', "import { extract } from '../src-workers/extraction/extract';\nexport { extract };")).toHaveLength(1);
  });

  it('lets main reach workers only through worker entry paths, and Electron only in the shell', async () => {
    expect(await restricted('src-main/core/x.ts', "import { extract } from '../../src-workers/extraction/extract';\nexport { extract };")).toHaveLength(1);
    expect(await restricted('src-main/core/x.ts', "import { app } from 'electron';\nexport { app };")).toHaveLength(1);
    expect(
      await restricted('src-main/hosts/electron/x.ts', "import w from '../../../src-workers/extraction/worker?modulePath';\nimport { app } from 'electron';\nexport { w, app };"),
    ).toEqual([]);
  });

  it('keeps the renderer to shared/ and the browser', async () => {
    expect(await restricted('src-renderer/src/x.ts', "import { createServices } from '../../src-main/app/services';\nexport { createServices };")).toHaveLength(1);
    expect(await restricted('src-renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };")).toHaveLength(1);
    expect(await restricted('src-renderer/src/x.ts', "import { db } from './db';\nexport { db };")).toEqual([]);
  });
});
