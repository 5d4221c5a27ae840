import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      // conf and electron-store are ESM-only: bundle them into the CJS main/headless bundles.
      externalizeDeps: { exclude: ['conf', 'electron-store'] },
      rollupOptions: {
        // The headless host is a second entry of the same build, sharing core chunks with Electron main.
        input: { index: resolve('src/main/index.ts'), headless: resolve('src/server/index.ts'), yardmaster: resolve('src/server/yardmaster.ts') },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads can require only 'electron': one self-contained CJS file.
      rollupOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { rollupOptions: { input: resolve('src/renderer/index.html') } },
    plugins: [react()],
  },
});
