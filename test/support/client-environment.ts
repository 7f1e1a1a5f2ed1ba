// A Node environment whose modules go through Vite's *client* pipeline, so Svelte compiles runes
// for the browser ($effect runs) and resolves its browser build. No DOM: the db layer needs none.
import type { Environment } from 'vitest/environments';

export default {
  name: 'node-client',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => {} }),
} satisfies Environment;
