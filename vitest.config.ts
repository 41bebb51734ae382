import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Unit, renderer, integration, server and reference-data tests. End-to-end tests have their own config (vitest.e2e.config.ts). */
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        plugins: [react()],
        test: { name: 'renderer', include: ['test/renderer/**/*.test.tsx'], environment: 'happy-dom' },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The municipal receiver (server/) against a real PostgreSQL that test/server/postgres.ts starts and removes.
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/server/postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Checks against the reference data in ../shared/data (never copied into the repo). Not part of
        // `npm test`: run with `npm run test:data`. Each fails with a clear message when the data is absent.
        test: { name: 'data', include: ['test/data/**/*.test.ts'], environment: 'node', testTimeout: 600_000 },
      },
    ],
  },
});
