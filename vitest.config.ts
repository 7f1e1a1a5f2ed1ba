import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  resolve: { conditions: ['browser'] },
  test: {
    include: ['test/main/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/unit/**/*.test.ts'],
    environment: 'node',
    // Tests run under whatever TZ the caller sets; DST cases are run under several zones in CI.
    restoreMocks: true,
  },
});
