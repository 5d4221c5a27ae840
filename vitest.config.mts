import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    // The theme-contrast test reads the real stylesheet (?raw); vitest empties CSS imports otherwise.
    css: { include: [/styles\.css/] },
    // electron-store imports 'electron'; inlining it lets the shell tests' fake 'electron' module reach it.
    server: { deps: { inline: ['electron-store'] } },
  },
});
