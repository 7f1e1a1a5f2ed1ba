import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { DEV_HUB_PATHS, DEV_HUB_PORT } from './src-main/dev-hub';

const here = import.meta.dirname;

// One build serves both hosts: Electron loads out/renderer through the app:// protocol and web mode
// serves the very same folder over HTTP, so the renderer must never depend on which one it has.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(here, 'src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages, so everything it uses is bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(here, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(here, 'src-renderer'),
    base: './',
    plugins: [svelte({ configFile: resolve(here, 'svelte.config.mjs') })],
    // In `npm run dev` the hub main embeds answers over loopback HTTP (src-main/dev-hub.ts).
    server: { proxy: Object.fromEntries(DEV_HUB_PATHS.map((path) => [path, `http://127.0.0.1:${DEV_HUB_PORT}`])) },
    build: {
      outDir: resolve(here, 'out/renderer'),
      // electron-vite leaves bundles unminified; the renderer also ships to browser kiosks and phones.
      minify: true,
      target: 'chrome120',
      emptyOutDir: true,
      rollupOptions: {
        // The staff desk is a second page of the same build: out/renderer/staff/index.html, which the
        // hub serves at /staff/ (relative base paths, so it works under any prefix).
        input: { index: resolve(here, 'src-renderer/index.html'), staff: resolve(here, 'src-renderer/staff/index.html') },
      },
    },
  },
});
