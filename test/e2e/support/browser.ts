import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { RendererConnection } from '../../../src-main/app/renderer-connection';
import { repoPath } from '../../../src-main/app/repo-path';
import { installBridge } from './bridge';
import { startMainHost, type MainHost } from './main-host';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const rendererUrl = (): string => {
  const index = repoPath('out/renderer/index.html');
  if (!existsSync(index)) throw new Error('The renderer is not built: run `npx electron-vite build` (npm run test:e2e does).');
  return `file://${index}`;
};

/**
 * Debian's Chromium with a profile of its own, so IndexedDB persists across
 * reloads and restarts. The flags keep it off this machine's closed network.
 */
export async function launchChromium(profile = mkdtempSync(join(tmpdir(), 'huledu-e2e-'))): Promise<{ context: BrowserContext; profile: string }> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (see .ci/run).`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--allow-file-access-from-files',
    ],
  });
  return { context, profile };
}

/** The built app in a fresh Chromium profile, its store connected to the given main side (an in-process host, or a relay to a child process). */
export async function openApp(connect: (connection: RendererConnection) => void): Promise<{ context: BrowserContext; page: Page }> {
  const { context } = await launchChromium();
  await installBridge(context, connect);
  const page = await context.newPage();
  await page.goto(rendererUrl());
  return { context, page };
}

/** A laptop: the real main-side services in this process, and the app in a Chromium profile (so an IndexedDB) of its own. */
export interface Laptop {
  host: MainHost;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openLaptop(...hostOptions: Parameters<typeof startMainHost>): Promise<Laptop> {
  const host = startMainHost(...hostOptions);
  const { context, page } = await openApp((connection) => host.connect(connection));
  return {
    host,
    context,
    page,
    close: async () => {
      await context.close();
      await host.close();
    },
  };
}
