import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../../src-main/app/repo-path';
import { memorySecrets } from '../../src-main/secrets/index.memory';
import { KEY_SECRET } from '../../src-main/sync/secrets';
import { leaks, startReceiver, throwawayPostgres, type Postgres, type Receiver } from '../support/receiver';
import { readStores, screens, seriousA11yViolations, waitForBatchDone } from './support/app';
import { openApp } from './support/browser';
import { judgeByLength } from '../support/judging';
import { startMainHost, type MainHost } from './support/main-host';

/**
 * Sync end to end: the built renderer in Chromium, the main-side services,
 * and the real municipal receiver on loopback over a throwaway PostgreSQL.
 * The teacher sends a batch while the receiver is down; the app retries and
 * shows why; the receiver comes back; exactly one copy is stored, and no
 * personal data is anywhere in PostgreSQL.
 */

const SCHOOL = 'skola-e2e';
const NAMES = ['Leila Karimi', 'Omar Hassan', 'Wilma Öberg', 'Noah Lindqvist', 'Sumaya Jusuf', 'Hugo Strömberg'];
const SAMPLES = repoPath('resources/samples/sv');
const FILES = readdirSync(SAMPLES).sort();

let postgres: Postgres;
let receiver: Receiver;
let token: string;
const secrets = memorySecrets();
let host: MainHost;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  postgres = await throwawayPostgres();
  // Down until the test brings it up: nothing listens on its port yet.
  receiver = await startReceiver(postgres.url, 'sync_e2e', { up: false });
  token = await receiver.addSchool(SCHOOL);
  host = startMainHost(2, { secrets, syncTiming: { baseDelayMs: 400, maxDelayMs: 1_500, timeoutMs: 5_000 } });
  ({ context, page } = await openApp((connection) => host.connect(connection)));
});

afterAll(async () => {
  await context?.close();
  await host?.close();
  await receiver?.close();
  postgres?.stop();
});

/** Every object store of the app's IndexedDB, as JSON text. */
async function wholeDatabase(p: Page): Promise<string> {
  return p.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('huledu');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const requests = names.map((name) => tx.objectStore(name).getAll());
          tx.oncomplete = () => {
            resolve(JSON.stringify(Object.fromEntries(names.map((name, i) => [name, requests[i].result])), (_k, v) => (v instanceof Uint8Array ? [...v] : v)));
            db.close();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Judges the batch through the main API (the judging e2e test covers the keyboard): a session with a fit and grades. */
async function judge(batchId: string): Promise<void> {
  const { api } = host.services;
  const stored = (await readStores(page, { essays: 'rows' })).essays as { id: string; batchId: string; state: string; words: number }[];
  const essays = stored.filter((e) => e.batchId === batchId && e.state === 'spellchecked');
  await judgeByLength(api, () => host.services.idle(), batchId, essays, 4);
}

describe('sync to the municipal receiver, end to end', () => {
  it('sends a batch while the receiver is down, retries, stores it exactly once, and leaks no personal data', async () => {
    // A teacher's batch: the Swedish sample essays, a class list, and a pupil's name in the title.
    await page.getByRole('button', { name: 'Ny batch' }).click();
    await page.getByLabel('Titel').fill('Argumenterande text (Leila Karimi)');
    await page.getByLabel('Klass', { exact: true }).fill('Klass Lärkan');
    await page.getByLabel('Kurs').fill('Svenska 1');
    await page.getByLabel('Klasslista (valfri)').fill(NAMES.join('\n'));
    await page.getByRole('button', { name: 'Skapa batch' }).click();
    await page.getByRole('heading', { name: 'Argumenterande text (Leila Karimi)' }).waitFor();
    const batchUrl = page.url();
    const batchId = decodeURIComponent(batchUrl.split('#/batch/')[1]);
    await page.getByTestId('import-files').setInputFiles(FILES.map((f) => join(SAMPLES, f)));
    await waitForBatchDone(page, 6);
    await judge(batchId);
    // Sync is off: nothing to send with.
    expect(await page.getByRole('button', { name: 'Skicka till kommunen' }).count()).toBe(0);

    // The settings: plain http to another machine is refused, with the reason in Swedish and in English.
    await page.getByRole('link', { name: 'Inställningar' }).click();
    await page.getByRole('heading', { name: 'Inställningar', level: 1 }).waitFor();
    await page.getByLabel('Slå på skickandet').check();
    await page.getByLabel('Serverns adress').fill('http://resultat.kommun.example');
    await page.getByLabel('Skolans id').fill(SCHOOL);
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Spara inställningarna' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Inställningarna sparades inte\. Adressen måste börja med https:\/\//);
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^The settings were not saved\. The address must start with https:\/\//);
    await page.getByRole('button', { name: 'På svenska' }).click();
    // Loopback is allowed for a receiver on the same machine.
    await page.getByLabel('Serverns adress').fill(receiver.url);
    await page.getByRole('button', { name: 'Spara inställningarna' }).click();
    await page.getByRole('status').filter({ hasText: 'Inställningarna är sparade.' }).waitFor();
    // The token field is write-only: empty again, with only a note that a token is stored.
    expect(await page.getByLabel('Token', { exact: true }).inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('token-state').textContent()).toBe('En token är sparad för skolan. Fyll i en ny bara om du vill byta.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screens, 'sync-settings.png'), fullPage: true });

    // The receiver is down. The teacher sends the batch; the app retries and shows why.
    expect(receiver.isUp()).toBe(false);
    await page.goto(batchUrl);
    await page.getByRole('button', { name: 'Skicka till kommunen' }).click();
    await page.getByTestId('sync-message').filter({ hasText: 'Resultaten ligger i kön' }).waitFor();
    const row = page.locator('tr[data-outbox-id]');
    await expect.poll(() => row.count()).toBe(1);
    const key = (await row.getAttribute('data-outbox-id'))!;
    expect(await row.getAttribute('data-status')).toBe('pending');
    await expect
      .poll(() => row.getByTestId('outbox-detail').textContent(), { timeout: 20_000 })
      .toMatch(/^Försök [2-9]\d* misslyckades: Servern svarar inte\. Nästa försök \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.$/);
    expect(await row.getAttribute('data-status')).toBe('pending');
    expect(await row.locator('td.num').textContent()).toBe('6');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screens, 'sync-pending.png'), fullPage: true });
    expect(receiver.answered).toEqual([]);

    // The receiver comes back: the next retry delivers, on its own.
    await receiver.up();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe('delivered');
    expect(await row.getByTestId('outbox-detail').textContent()).toMatch(/^Mottagen av servern \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.$/);
    await page.screenshot({ path: join(screens, 'sync-delivered.png'), fullPage: true });

    // Exactly one copy.
    expect(await receiver.pushes(key)).toBe(1);
    expect(receiver.answered).toEqual([201]);
    const stored = (await receiver.pool.query('SELECT payload FROM pushes')).rows.map((r) => r.payload);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ idempotencyKey: key, schoolId: SCHOOL, course: 'Svenska 1', language: 'sv' });
    expect(stored[0].pupils).toHaveLength(6);
    expect(stored[0].pupils.every((p: { grade: string | null; text?: string }) => p.grade !== null && p.text === undefined)).toBe(true);

    // No personal data in any text column of any table: no name from the class list, no file name,
    // no essay text (texts were not opted in), no personnummer, e-mail address or phone number.
    const local = JSON.parse(await wholeDatabase(page));
    const texts = (local.contents as { text: string }[]).map((c) => c.text);
    expect(texts.length).toBeGreaterThanOrEqual(6);
    const values = await receiver.textValues();
    expect(values.filter((v) => v.column === 'pushes.payload')).toHaveLength(1);
    expect(leaks(values, { names: NAMES, fileNames: FILES, texts, other: ['Lärkan'] })).toEqual([]);

    // Neither secret is in IndexedDB, the logs or PostgreSQL; the key never left the laptop.
    const schoolKey = (await secrets.get(KEY_SECRET))!;
    const everywhere = [await wholeDatabase(page), host.logs.join('\n'), values.map((v) => v.value).join('\n')];
    for (const secret of [token, schoolKey, Buffer.from(schoolKey, 'base64').toString('hex')]) {
      for (const place of everywhere) expect(place.includes(secret)).toBe(false);
    }
    // Nor any name, file name or text in the main log.
    expect(leaks([{ column: 'main.log', value: host.logs.join('\n') }], { names: NAMES, fileNames: FILES, texts })).toEqual([]);
    console.log(`sync e2e: ${values.length} text values in PostgreSQL checked, ${host.logs.filter((l) => l.includes('sync push')).length} push log lines`);
  });
});
