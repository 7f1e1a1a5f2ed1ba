import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.mjs') })],
  test: {
    environment: 'node',
    restoreMocks: true,
    // Tests run under whatever TZ the caller sets; `npm run test:unit` runs the time-sensitive ones
    // under several zones.
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/main/**/*.test.ts', 'test/hub/**/*.test.ts', 'test/renderer/**/*.test.ts'], exclude: ['**/*.svelte.test.ts'] },
      },
      {
        // Rune code must compile for the browser, where $effect runs: Vite's client pipeline, no DOM.
        extends: true,
        test: { name: 'runes', include: ['test/renderer/**/*.svelte.test.ts'], environment: './test/support/client-environment.ts' },
      },
    ],
  },
});
