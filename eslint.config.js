import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'stream', 'worker_threads', 'url', 'util', 'events', 'net', 'tls', 'http', 'https', 'zlib'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'docs/**', '.native/**', 'test/.tmp/**', 'bench-data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // shared/ is pure TypeScript used by main, worker and renderer: no Node, no Electron, no DOM.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'shared/ must not use Node built-ins.' },
          { group: ['electron', 'electron/*'], message: 'shared/ must not use Electron.' },
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'shared/ must not use the DOM/React.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not import app code.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'],
    },
  },
  {
    // The renderer talks to main only through window.api (the preload); never imports main code or Node.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/electron/**', 'electron'], message: 'renderer/ must not import electron/ code; use window.api.' },
          { group: nodeBuiltins, message: 'renderer/ runs sandboxed: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    // The preload exposes named functions only; it never hands ipcRenderer itself to the page.
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name='exposeInMainWorld'] > Identifier[name='ipcRenderer']", message: 'Never expose ipcRenderer.' },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // Log lines go through electron/services/log.ts, which escapes the control characters a file may hold.
    files: ['electron/**/*.ts'],
    ignores: ['electron/services/log.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // No import circles: each module can be read, loaded and tested on its own.
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['electron.vite.config.ts', 'vitest.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
