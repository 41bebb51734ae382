import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { repoPath } from '../../../src-main/hosts/cli/compose';

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
