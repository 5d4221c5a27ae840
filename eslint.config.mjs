// Lint, mainly to enforce where code may run (see aesthetics: folders say where code runs):
//   shared   – no Node, no DOM libraries, no Electron: pure contract + types
//   core     – plain Node; never Electron, never a host, never React
//   server   – headless host; never Electron
//   main     – Electron shell; never the headless host or renderer
//   preload  – Electron + shared types only
//   renderer – browser; never Node, Electron, core or hosts
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const restrict = (paths, patterns) => ({
  'no-restricted-imports': ['error', { paths: paths.map((name) => ({ name, message: 'Not allowed in this layer (see eslint.config.mjs).' })), patterns }],
});
const layer = (dir) => `**/src/${dir}/**`;
const banFolders = (...dirs) => dirs.map((d) => ({ group: [`**/${d}/**`, `../${d}`, `../../${d}`], message: `This layer must not import src/${d}.` }));

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.tools/**', 'test-results/**', 'playwright-report/**', '.e2e-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Node scripts and fixtures (TypeScript files get these from their types).
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', '*.mjs'],
    languageOptions: { globals: Object.fromEntries(['Buffer', 'console', 'process', 'setTimeout', 'clearTimeout', 'URL', 'fetch'].map((g) => [g, 'readonly'])) },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  { files: [`${layer('shared')}/*.ts`], rules: restrict(['electron', 'react', 'ssh2', 'ws', ...nodeBuiltins], banFolders('core', 'main', 'server', 'renderer', 'preload')) },
  { files: [`${layer('core')}/*.ts`], rules: restrict(['electron', 'electron-store', 'react'], banFolders('main', 'server', 'renderer', 'preload')) },
  { files: [`${layer('server')}/*.ts`], rules: restrict(['electron', 'electron-store', 'react'], banFolders('main', 'renderer', 'preload')) },
  { files: [`${layer('main')}/*.ts`], rules: restrict(['react'], banFolders('server', 'renderer', 'preload')) },
  { files: [`${layer('preload')}/*.ts`], rules: restrict(['react', 'ssh2', 'ws', 'conf', ...nodeBuiltins], banFolders('core', 'server', 'renderer', 'main')) },
  {
    files: [`${layer('renderer')}/*.{ts,tsx}`],
    rules: {
      ...restrict(['electron', 'ssh2', 'ws', 'conf', 'electron-store', ...nodeBuiltins], banFolders('core', 'server', 'main', 'preload')),
      'no-restricted-properties': ['error', { property: 'innerHTML', message: 'Render probe data as text.' }, { property: 'outerHTML', message: 'Render probe data as text.' }],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render probe data as text.' }],
    },
  },
);
