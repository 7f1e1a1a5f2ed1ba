// The web follow-up page: its own entry and bundle, built into out/follow as a folder any static
// host can serve. The site's catalogue.json and plan image are added at publish time
// (scripts/publish-follow.ts), never here, so one build serves every site.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';

const here = import.meta.dirname;
const root = resolve(here, 'src-renderer/follow');
const publicDir = resolve(root, 'public');

export default defineConfig({
  root,
  base: './',
  publicDir,
  plugins: [svelte({ configFile: resolve(here, 'svelte.config.mjs') }), serviceWorker()],
  build: {
    outDir: resolve(here, 'out/follow'),
    emptyOutDir: true,
    minify: true,
    // Bytes matter on a phone, and a map of the source is no use to a visitor.
    sourcemap: false,
    rolldownOptions: {
      input: resolve(root, 'index.html'),
      treeshake: {
        // The core's config layer imports Temporal and the schedule imports ical.js at the top; the
        // page uses neither on first load (ics.ts pulls Temporal in lazily). Both packages are pure
        // modules, so their unused imports may be dropped instead of landing in the first download.
        moduleSideEffects: (id: string) => !/node_modules[\\/](ical\.js|temporal-polyfill)[\\/]/.test(id),
      },
    },
  },
});

/**
 * Emits sw.js with the build's file list and a build id baked in: a new build is a new sw.js, which
 * is how browsers notice an update.
 */
function serviceWorker(): Plugin {
  const source = resolve(root, 'sw.js');
  return {
    name: 'wegwijzer-follow-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((file) => file !== 'index.html' && !file.endsWith('.map'));
      const copied = readdirSync(publicDir).filter((file) => !file.startsWith('.'));
      const precache = [...new Set([...built, ...copied])].sort();
      const template = readFileSync(source, 'utf8');
      const buildId = createHash('sha256').update(template).update(precache.join('\n')).digest('hex').slice(0, 12);
      const code = template.replace("'__BUILD_ID__'", JSON.stringify(buildId)).replace("['__PRECACHE__']", JSON.stringify(precache));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: code });
    },
  };
}
