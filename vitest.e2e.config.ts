import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built renderer in Debian's Chromium, and the packaged app layout. Run after `electron-vite build`. */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/integration/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
