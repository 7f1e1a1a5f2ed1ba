// Which URLs count as "the kiosk". Node's URL parser treats app:// as a non-special scheme (opaque
// host, origin "null"), so the app origin is matched on the raw string as well as on the parse.
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from '../src-renderer/core/contract';

const APP_URL_PREFIX = /^app:\/\/kiosk(?:[/?#]|$)/;
// Whitespace, control characters and backslashes are where URL parsers disagree with each other.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const AMBIGUOUS_CHARACTERS = /[\s\u0000-\u001f\u007f\\]|%5c/i;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for `app://kiosk`, `app://kiosk/...` and nothing else (no userinfo, port, look-alike host). */
export function isAppUrl(url: string): boolean {
  if (!APP_URL_PREFIX.test(url) || AMBIGUOUS_CHARACTERS.test(url)) return false;
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}

/**
 * The origin of a URL the kiosk may deal with: `app://kiosk` for app URLs, the WHATWG origin for
 * plain http(s) URLs without userinfo, null for everything else.
 */
export function originOf(url: string): string | null {
  if (isAppUrl(url)) return APP_ORIGIN;
  if (AMBIGUOUS_CHARACTERS.test(url)) return null;
  const parsed = parseUrl(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.origin;
}

/**
 * The electron-vite dev server origin from `ELECTRON_RENDERER_URL`, accepted only for plain http on
 * loopback: a stray environment variable must never point the kiosk at another machine.
 */
export function devServerOrigin(rendererUrl: string | undefined): string | null {
  if (!rendererUrl) return null;
  const parsed = parseUrl(rendererUrl);
  if (!parsed || parsed.protocol !== 'http:' || !LOOPBACK_HOSTS.has(parsed.hostname)) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.origin;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
