import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/** The dev server injects an inline React preamble and talks over a websocket; the built app keeps the strict policy. */
const devServerCsp: Plugin = {
  name: 'huledu-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*"),
};

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve(root, 'src-main/hosts/electron/main.ts') } },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/hosts/electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    base: './',
    build: { rolldownOptions: { input: resolve(root, 'src-renderer/index.html') } },
    plugins: [react(), devServerCsp],
  },
});
