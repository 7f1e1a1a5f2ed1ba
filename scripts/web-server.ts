// `npm run web [-- --site <dir>] [--port 5180] [--host 127.0.0.1]`: web mode, for Chromium --kiosk
// deployments and for the end-to-end tests.
import { resolve } from 'node:path';
import { resolveSiteDir } from '../src-hub/site/resolve';
import { startWebServer } from '../src-main/web/server';

const root = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const site = resolveSiteDir(argv, process.env, resolve(root, 'kiosk-config/regina-mundi'));
const port = Number(option('--port') ?? process.env.PORT ?? 5180);
const host = option('--host') ?? '127.0.0.1';

const server = await startWebServer({ rendererDir: resolve(root, 'out/renderer'), siteDir: site.dir, host, port });
console.log(`Wegwijzer web mode: ${server.url} (site ${site.dir}, from ${site.from})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void server.close().then(() => process.exit(0)));
}

function option(name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}
