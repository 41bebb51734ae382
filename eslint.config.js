import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The import direction from the design brief, enforced:
 *   shared/       imports nothing from src-*
 *   src-workers/  imports shared/ only
 *   src-main/     imports shared/, and src-workers/ only as worker entry paths (?modulePath)
 *   src-renderer/ imports shared/ only, and no Node built-ins
 *   server/       imports shared/ only (the municipal receiver, a separate deployable)
 * and `electron` only in the Electron shell (with its preload) and in `*.electron.ts` adapters.
 */
const electronOnlyInShell = { name: 'electron', message: 'Only src-main/hosts/electron and *.electron.ts adapters may import electron.' };
const workerEntriesOnly = {
  regex: 'src-workers/(?!.*/worker\\?modulePath$)',
  message: 'src-main may import src-workers only as a worker entry (…/worker?modulePath).',
};
const noNode = { group: ['node:*', 'fs', 'path', 'child_process', 'crypto', 'os'], message: 'The renderer has no Node.js (and shared/ runs in it).' };
const layer = (forbidden, extra = [], { allowElectron = false } = {}) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: allowElectron ? [] : [electronOnlyInShell],
      patterns: [
        ...forbidden.map((dir) => ({ group: [`**/${dir}`, `**/${dir}/**`], message: `This layer may not import ${dir}/ (see docs/architecture.md).` })),
        ...extra,
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test/e2e/screens/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  // shared/ runs in the renderer too: no Node built-ins.
  { files: ['shared/**'], rules: layer(['src-main', 'src-workers', 'src-renderer'], [noNode]) },
  { files: ['src-workers/**'], rules: layer(['src-main', 'src-renderer']) },
  { files: ['server/**'], rules: layer(['src-main', 'src-workers', 'src-renderer']) },
  { files: ['src-main/**'], rules: layer(['src-renderer'], [workerEntriesOnly]) },
  {
    files: ['src-main/hosts/electron/**', 'src-main/**/*.electron.ts'],
    rules: layer(['src-renderer'], [workerEntriesOnly], { allowElectron: true }),
  },
  {
    files: ['src-renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...layer(['src-main', 'src-workers'], [noNode]),
    },
  },
);
