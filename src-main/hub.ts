// Where the kiosk's data comes from: the hub main runs itself (PGlite in userData, one-kiosk sites) or,
// with `--hub <url>` / WEGWIJZER_HUB, a site's hub elsewhere, to which app:// passes /api/* and
// /site/* on. Every decision is a pure function; the one impure piece, the proxy, takes its fetch.
import { MAX_CHANGES_WAIT_MS } from '../src-renderer/core/hub/contract';
import { securityHeaders } from '../src-hub/http/security';
import { APP_ORIGIN } from '../src-renderer/core/contract';
import { isAppUrl } from './origin';
import { RECOVERY_PAGES, type RecoveryPageName } from './recovery-page';

export type HubChoice =
  | { kind: 'embedded' }
  | { kind: 'remote'; base: string; from: 'argument' | 'environment' }
  /** A hub was asked for but its address is unusable: no embedded hub either (that would split the site's bookings). */
  | { kind: 'invalid'; value: string; reason: string };

export interface HubInputs {
  argv: readonly string[];
  env: Record<string, string | undefined>;
}

/** `--hub <url>` (or `--hub=<url>`) wins over WEGWIJZER_HUB; neither means the embedded hub. */
export function chooseHub({ argv, env }: HubInputs): HubChoice {
  const fromArgument = hubArgument(argv);
  const value = fromArgument ?? (env.WEGWIJZER_HUB?.trim() || undefined);
  if (value === undefined) return { kind: 'embedded' };
  const parsed = parseHubUrl(value);
  if (!parsed.ok) return { kind: 'invalid', value: value.slice(0, 200), reason: parsed.reason };
  return { kind: 'remote', base: parsed.base, from: fromArgument === undefined ? 'environment' : 'argument' };
}

function hubArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--hub') return argv[i + 1] ?? '';
    if (arg.startsWith('--hub=')) return arg.slice('--hub='.length);
  }
  return undefined;
}

/**
 * A hub address: http or https, a host, no user name or password, no query or fragment. The path
 * (a hub behind a reverse proxy at /wegwijzer/) is kept, always ending in a slash.
 */
export function parseHubUrl(value: string): { ok: true; base: string } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'only http:// and https:// hubs are supported' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'a hub URL carries no user name or password' };
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) return { ok: false, reason: 'a hub URL has no query or fragment' };
  if (url.hostname === '') return { ok: false, reason: 'no host' };
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { ok: true, base: `${url.origin}${path}` };
}

export type AppRoute =
  /** Served by main itself: the recovery pages must show even when everything else is broken. */
  | { kind: 'recovery'; page: RecoveryPageName }
  /** Passed on to the remote hub at `target`. */
  | { kind: 'remote'; target: string }
  /** Served by the local hub app (the kiosk build always; the data too when the hub is embedded). */
  | { kind: 'local' }
  | { kind: 'not-found' };

/**
 * Which part answers an app:// request. With a remote hub, /api/* and /site/* go there — except the
 * log, which stays on this machine's log file like every other main-process line.
 */
export function routeAppRequest(url: string, remoteBase: string | null): AppRoute {
  if (!isAppUrl(url)) return { kind: 'not-found' };
  const rest = url.slice(APP_ORIGIN.length);
  const path = rest.split(/[?#]/, 1)[0] || '/';
  if (Object.hasOwn(RECOVERY_PAGES, path.slice(1))) return { kind: 'recovery', page: path.slice(1) as RecoveryPageName };
  if (remoteBase === null || path === '/api/log' || !/^\/(api|site)\//.test(path)) return { kind: 'local' };
  const target = remoteTarget(rest, remoteBase);
  return target === null ? { kind: 'not-found' } : { kind: 'remote', target };
}

/**
 * The remote URL for an app:// path (with its query): the base plus the path, checked to stay at
 * the hub's origin and under its base path whatever the path holds (`..`, `//host`, encoded tricks).
 */
export function remoteTarget(pathAndQuery: string, base: string): string | null {
  const withoutFragment = pathAndQuery.split('#', 1)[0]!;
  if (!withoutFragment.startsWith('/') || withoutFragment.startsWith('//') || withoutFragment.includes('\\')) return null;
  let target: URL;
  try {
    target = new URL(`${base}${withoutFragment.slice(1)}`);
  } catch {
    return null;
  }
  const origin = new URL(base);
  if (target.origin !== origin.origin || !target.pathname.startsWith(origin.pathname)) return null;
  return target.href;
}

/** Headers the renderer's request may carry on to the hub; nothing that names the kiosk or a session. */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'if-none-match'];
/** Headers of the hub's answer worth keeping; the security headers are this host's own. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'retry-after', 'allow', 'etag'];
/** Longer than the longest long poll, so only a connection that is really stuck is given up. */
export const PROXY_TIMEOUT_MS = MAX_CHANGES_WAIT_MS + 30_000;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Passes one request on to the remote hub and its answer back. A hub that cannot be reached is a 502
 * in the contract's words, which the kiosk's hub client treats as "unavailable, try again".
 */
export async function proxyToHub(request: Request, target: string, fetchImpl: FetchLike): Promise<Response> {
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetchImpl(target, {
      method: request.method,
      headers,
      // Whole, not streamed: bodies are small (the hub refuses more than 32 MB anyway), and a buffer
      // goes through every fetch implementation.
      ...(hasBody ? { body: await request.arrayBuffer() } : {}),
      redirect: 'manual',
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(PROXY_TIMEOUT_MS)]),
    });
  } catch (error) {
    return unreachable(target, error);
  }
  if (upstream.status < 200 || upstream.status > 599) return unreachable(target, new Error(`unexpected answer ${upstream.status}`));
  const answer = new Headers(securityHeaders());
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) answer.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers: answer });
}

function unreachable(target: string, error: unknown): Response {
  const reason = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : String(error);
  return new Response(JSON.stringify({ error: 'unavailable', message: `The site hub at ${new URL(target).origin} cannot be reached (${reason}).` }), {
    status: 502,
    headers: { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
