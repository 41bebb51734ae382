import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { screens, storedCounts, waitForBatchDone } from './support/app';
import { openApp } from './support/browser';
import { forkMain, relay } from './support/main-child';

let context: BrowserContext;
let page: Page;
let main: ChildProcess | null = null;

beforeAll(async () => {
  main = await forkMain();
  ({ context, page } = await openApp((connection) => relay(main, connection)));
});

afterAll(async () => {
  main?.kill('SIGKILL');
  await context?.close();
});

describe('killing main mid-run (named for the foundation issue: after restart every essay completes exactly once)', () => {
  it('resumes after SIGKILL and a renderer restart: no essay lost, none done twice', async () => {
    // A class folder: three copies of a varied set, so the run takes a while on one worker thread.
    const folder = join(mkdtempSync(join(tmpdir(), 'huledu-kill-')), 'Klass 9B');
    for (const copy of ['a', 'b', 'c']) {
      mkdirSync(join(folder, copy), { recursive: true });
      cpSync(join(inject('fixtures'), 'done-when'), join(folder, copy), { recursive: true });
    }

    await page.getByRole('button', { name: 'Ny batch' }).click();
    await page.getByLabel('Titel').fill('Krasch mitt i');
    await page.getByRole('button', { name: 'Skapa batch' }).click();
    await page.getByRole('heading', { name: 'Krasch mitt i' }).waitFor();
    await page.getByTestId('import-folder').setInputFiles(folder);

    // Wait until every file is received and some, not all, are decided; then kill main outright.
    let atKill = await storedCounts(page);
    await expect
      .poll(async () => {
        atKill = await storedCounts(page);
        return atKill.essays === 36 && atKill.terminal >= 3;
      }, { interval: 20, timeout: 60_000 })
      .toBe(true);
    main!.kill('SIGKILL');
    expect(atKill.terminal).toBeLessThan(atKill.essays);

    // Start again: a new main process, and the window reloads.
    main = await forkMain();
    await page.reload();
    await waitForBatchDone(page, 36);
    const after = await storedCounts(page);
    expect(after).toMatchObject({ essays: 36, terminal: 36, outcomeEvents: 36 });
    // Four distinct texts, each stored once, and each corrected version that differs from its text, once:
    // the first copy's are accepted and spellchecked; its UTF-8 twin and all five readable files of each later copy are duplicates.
    expect(after.contents).toBe(after.referencedTexts);
    expect(after.contents).toBeGreaterThanOrEqual(4);
    expect(await page.locator('tr[data-state="spellchecked"]').count()).toBe(4);
    expect(await page.locator('td[data-code="DUPLICATE_CONTENT"]').count()).toBe(1 + 5 + 5);
    await page.screenshot({ path: join(screens, 'after-kill-resume.png'), fullPage: true });
    console.log(`killed with ${atKill.terminal} of ${atKill.essays} essays decided; after restart ${after.terminal} of ${after.essays}, ${after.outcomeEvents} outcome events`);
  });
});
