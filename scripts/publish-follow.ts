// Publishes the web follow-up page for one site: the built page (out/follow) plus the site's
// catalogue.json and plan image, in one folder any static host can serve.
//
//   npm run build:follow
//   npm run publish:follow -- --site kiosk-config/regina-mundi --out public/regina-mundi
//   npm run publish:follow -- --site kiosk-config/regina-mundi --out /tmp/follow --serve   (local preview)
//
// A site config that does not validate is never published: the errors are printed and the exit
// code is 1, so a broken catalogue cannot replace a good one on the host.
import { cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCatalogue, DEFAULT_CATALOGUE_DAYS, type Catalogue } from '../src-renderer/core/catalogue';
import { loadSiteConfig } from '../src-renderer/core/config';
import type { ConfigError } from '../src-renderer/core/model';
import { readSiteBundle } from '../src-hub/site/read';
import { contentTypeFor } from '../src-hub/site/mime';

const ROOT = resolve(import.meta.dirname, '..');
export const DEFAULT_FOLLOW_DIR = join(ROOT, 'out/follow');

export interface PublishOptions {
  siteDir: string;
  outDir: string;
  /** The built page; defaults to out/follow. */
  followDir?: string;
  /** Occurrences are listed from here (epoch ms); defaults to now. */
  now?: number;
  days?: number;
}

export interface PublishResult {
  outDir: string;
  catalogue: Catalogue;
  /** Size of catalogue.json in bytes. */
  catalogueBytes: number;
}

/** Thrown for a site config that does not validate; `errors` says what to fix. */
export class PublishError extends Error {
  readonly errors: ConfigError[];

  constructor(message: string, errors: ConfigError[] = []) {
    super(message);
    this.name = 'PublishError';
    this.errors = errors;
  }
}

export async function publishFollowUp(options: PublishOptions): Promise<PublishResult> {
  const followDir = resolve(options.followDir ?? DEFAULT_FOLLOW_DIR);
  const siteDir = resolve(options.siteDir);
  const outDir = resolve(options.outDir);
  if (!(await isFile(join(followDir, 'index.html')))) {
    throw new PublishError(`The follow-up page is not built yet (${join(followDir, 'index.html')} is missing). Run \`npm run build:follow\` first.`);
  }
  const now = options.now ?? Date.now();
  const loaded = loadSiteConfig(await readSiteBundle(siteDir), { now });
  if (!loaded.ok) throw new PublishError(`The site config in ${siteDir} has ${loaded.errors.length} problem(s); nothing was published.`, loaded.errors);

  const catalogue = buildCatalogue(loaded.config, { now, days: options.days ?? DEFAULT_CATALOGUE_DAYS });
  const planSource = join(siteDir, catalogue.site.plan.image);
  if (!(await isFile(planSource))) throw new PublishError(`The site plan ${planSource} named in site.json is missing; nothing was published.`);

  await mkdir(outDir, { recursive: true });
  await cp(followDir, outDir, { recursive: true });
  const json = JSON.stringify(catalogue);
  await writeFile(join(outDir, 'catalogue.json'), json);
  await cp(planSource, join(outDir, catalogue.site.plan.image));
  return { outDir, catalogue, catalogueBytes: Buffer.byteLength(json) };
}

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves a published folder on loopback, the way a plain static host would: files only, correct
 * content types, no directory listings, nothing outside the folder. http://127.0.0.1 counts as a
 * secure context, so the service worker runs as it would over https.
 */
export async function serveFolder(dir: string, port = 0, host = '127.0.0.1'): Promise<StaticServer> {
  const base = resolve(dir);
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed');
        return;
      }
      let path: string;
      try {
        path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      } catch {
        response.writeHead(400).end();
        return;
      }
      const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(base + sep) || !(await isFile(file))) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const body = await readFile(file);
      const immutable = file.startsWith(join(base, 'assets') + sep);
      response.writeHead(200, {
        'Content-Type': contentTypeFor(extname(file)),
        'Content-Length': body.length,
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/`,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function argument(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function main(argv: readonly string[]): Promise<number> {
  const siteDir = argument(argv, '--site');
  const outDir = argument(argv, '--out');
  const days = argument(argv, '--days');
  if (!siteDir || !outDir || (days !== undefined && !/^\d+$/.test(days))) {
    console.error('Usage: npm run publish:follow -- --site <site folder> --out <output folder> [--days 90] [--serve]');
    return 2;
  }
  try {
    const result = await publishFollowUp({ siteDir, outDir, ...(days ? { days: Number(days) } : {}) });
    const { catalogue } = result;
    console.log(
      `Published the follow-up page for ${catalogue.site.id} to ${result.outDir}: ${catalogue.activities.length} activities, ` +
        `${catalogue.occurrences.length} dates in the next ${catalogue.days} days, catalogue.json ${(result.catalogueBytes / 1024).toFixed(1)} kB.`,
    );
    console.log(`Upload the folder so that it is reachable at ${catalogue.site.followUpBaseUrl || '(no followUpBaseUrl set)'}`);
    if (argv.includes('--serve')) {
      const served = await serveFolder(result.outDir, 4180);
      console.log(`Preview: ${served.url} (Ctrl+C to stop)`);
      await new Promise(() => undefined);
    }
    return 0;
  } catch (error) {
    if (error instanceof PublishError) {
      console.error(error.message);
      for (const problem of error.errors) console.error(`  ${problem.file}${problem.path ? ` ${problem.path}` : ''}: ${problem.message}`);
      return 1;
    }
    throw error;
  }
}

// Run as a command only; tests and the benchmark import the functions above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
