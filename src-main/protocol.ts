// The app:// protocol: the kiosk's only source of pages. It serves the built renderer, the site's
// images under /site/ and the generated recovery page, each with the CSP as a response header
// (frame-ancestors only works there), and answers 404 to everything else.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_ORIGIN, APP_SCHEME, SITE_ASSET_PREFIX } from '../src-renderer/core/contract';
import { CSP_HEADER } from './csp';
import type { Logger } from './log';
import { isAppUrl } from './origin';
import { RECOVERY_PAGES, type RecoveryPageName } from './recovery-page';
import { contentTypeFor } from '../src-hub/site/mime';
import { isFile, resolveSiteAsset } from '../src-hub/site/read';

/**
 * `standard` gives the scheme an origin, and with it IndexedDB; `secure` makes it a secure context
 * (navigator.storage.persist needs one). Registered once, before the app is ready.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export type AppRequest =
  | { kind: 'file'; path: string }
  | { kind: 'site-asset'; name: string }
  | { kind: 'recovery'; page: RecoveryPageName }
  | { kind: 'not-found' };

type ResponseBody = ConstructorParameters<typeof Response>[0];

const SITE_SEGMENT = SITE_ASSET_PREFIX.replace(/\/$/, '');

/**
 * Maps an app:// URL to what it may serve. Anything that is not a plain relative path below the
 * renderer folder is not found: other hosts, `..` and `.` segments (also percent-encoded), empty
 * segments, backslashes, NUL bytes, drive letters and hidden files.
 */
export function resolveAppRequest(url: string, rendererDir: string): AppRequest {
  const notFound: AppRequest = { kind: 'not-found' };
  if (!isAppUrl(url)) return notFound;
  // The raw path, not URL#pathname: the parser would quietly resolve `..` and `%2e%2e` segments,
  // and a request that tries them is refused rather than repaired.
  const pathname = url.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? '';
  const rawSegments = pathname === '' || pathname === '/' ? ['index.html'] : pathname.replace(/^\//, '').split('/');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    const segment = decodeSegment(raw);
    if (segment === null || !isPlainSegment(segment)) return notFound;
    segments.push(segment);
  }
  const [first, second] = segments;
  if (segments.length === 1 && first !== undefined && Object.hasOwn(RECOVERY_PAGES, first)) return { kind: 'recovery', page: first as RecoveryPageName };
  if (first === SITE_SEGMENT) return segments.length === 2 && second !== undefined ? { kind: 'site-asset', name: second } : notFound;
  const path = join(rendererDir, ...segments);
  const inside = relative(rendererDir, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return notFound;
  return { kind: 'file', path };
}

function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function isPlainSegment(segment: string): boolean {
  if (segment === '' || segment.startsWith('.')) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return !/[/\\:\u0000-\u001f\u007f]/.test(segment);
}

/** Headers every app:// response carries, 404s included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CSP_HEADER,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

export interface AppProtocolOptions {
  /** Built renderer folder (out/renderer). */
  rendererDir: string;
  /** The site folder can change while running (never today, but cheap to allow). */
  getSiteDir: () => string;
  log: Logger;
  readBytes?: (path: string) => Promise<Uint8Array>;
  fileExists?: (path: string) => Promise<boolean>;
}

/** The request handler for `protocol.handle('app', ...)`; a plain Request → Response function. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const readBytes = options.readBytes ?? ((path: string) => readFile(path));
  const fileExists = options.fileExists ?? isFile;

  const respond = (status: number, body: ResponseBody, contentType: string, cacheControl = 'no-cache') =>
    new Response(body, { status, headers: { ...securityHeaders(), 'Content-Type': contentType, 'Cache-Control': cacheControl } });
  const notFound = () => respond(404, 'Not found', 'text/plain; charset=utf-8');
  const serveFile = async (path: string, cacheControl: string) => {
    if (!(await fileExists(path))) return notFound();
    return respond(200, await readBytes(path), contentTypeFor(extname(path)), cacheControl);
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed', 'text/plain; charset=utf-8');
    const target = resolveAppRequest(request.url, options.rendererDir);
    try {
      switch (target.kind) {
        case 'file':
          // Hashed build assets never change; index.html must be re-read so a new build is picked up.
          return await serveFile(target.path, isHashedAsset(options.rendererDir, target.path) ? 'public, max-age=31536000, immutable' : 'no-cache');
        case 'site-asset': {
          const path = resolveSiteAsset(options.getSiteDir(), encodeURIComponent(target.name));
          return path ? await serveFile(path, 'no-cache') : notFound();
        }
        case 'recovery': {
          const page = RECOVERY_PAGES[target.page];
          return respond(200, page.body, page.contentType, 'no-store');
        }
        case 'not-found':
          options.log.warn('protocol', `not found: ${request.url.slice(0, 200)}`);
          return notFound();
      }
    } catch (error) {
      options.log.error('protocol', `failed to serve ${request.url.slice(0, 200)}: ${String(error)}`);
      return respond(500, 'Internal error', 'text/plain; charset=utf-8');
    }
  };
}

function isHashedAsset(rendererDir: string, path: string): boolean {
  return relative(rendererDir, path).split(sep)[0] === 'assets';
}

/** Serves app:// in one session (custom protocols are per session, so the kiosk partition needs its own). */
export function registerAppProtocol(protocol: Protocol, handler: (request: Request) => Promise<Response>): void {
  protocol.handle(APP_SCHEME, handler);
}
