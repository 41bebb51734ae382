/**
 * Renders build/icon.svg to build/icon.png (1024×1024), the icon electron-builder
 * turns into .ico, .icns and Linux icons. Uses Debian's Chromium.
 *
 *   npx tsx build/make-icon.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const svg = readFileSync(join(import.meta.dirname, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg width="1024" height="1024" ')}</body></html>`);
await page.screenshot({ path: join(import.meta.dirname, 'icon.png'), omitBackground: true });
await browser.close();
