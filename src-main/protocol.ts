// The app:// protocol: the kiosk's only source of pages. Main answers the generated recovery pages
// itself; everything else goes to the hub's own app (the same hono app the Node server runs: the
// kiosk build, the site's config and images, the API), or — with a remote hub — /api/* and /site/*
// to that hub. Every answer carries the hub's security headers, 404s and failures included.
import type { CustomScheme, Protocol } from 'electron';
import { securityHeaders } from '../src-hub/http/security';
import { APP_ORIGIN, APP_SCHEME } from '../src-renderer/core/contract';
import { LOBBY_SESSION_HEADER } from '../src-renderer/core/hub/contract';
import { proxyToHub, routeAppRequest, type FetchLike } from './hub';
import type { Logger } from './log';
import { RECOVERY_PAGES } from './recovery-page';

/**
 * `standard` gives the scheme an origin, and with it IndexedDB; `secure` makes it a secure context
 * (navigator.storage.persist needs one). Registered once, before the app is ready.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export interface AppProtocolOptions {
  /** The hub app (`createHubApp`), or anything with its fetch. */
  hubApp: { fetch: (request: Request) => Response | Promise<Response> };
  /** The remote hub's base URL, or null for the embedded one. */
  remoteHub: string | null;
  /** For the remote hub: Electron's net.fetch (system proxy and certificates). */
  fetch: FetchLike;
  log: Logger;
  /** This machine's screen token for the embedded hub: added to requests that carry none. */
  localToken?: () => string | undefined;
  /** Filled with the credentials the renderer last sent to the API (see `staffSignedIn`). */
  seen?: SeenCredentials;
}

/** What the renderer last sent with an API request: its screen token and its lobby session, if any. */
export interface SeenCredentials {
  authorization?: string;
  lobby?: string;
}

/** Notes the renderer's credentials from one of its requests (API requests only). */
export function noteCredentials(request: Request, seen: SeenCredentials): void {
  if (!new URL(request.url).pathname.startsWith('/api/')) return;
  const authorization = request.headers.get('authorization');
  const lobby = request.headers.get(LOBBY_SESSION_HEADER);
  if (authorization !== null) seen.authorization = authorization;
  if (lobby !== null) seen.lobby = lobby;
  else delete seen.lobby;
}

/**
 * Whether staff are signed in on this screen right now, as the hub judges it: the renderer's last
 * lobby session is asked about through the same handler (so the embedded hub, or the remote one, with
 * the screen's token). A page script cannot claim it: the hub checks the session, and a locked
 * screen's session is over.
 */
export async function staffSignedIn(handle: (request: Request) => Promise<Response>, seen: SeenCredentials): Promise<boolean> {
  if (seen.lobby === undefined) return false;
  const headers: Record<string, string> = { [LOBBY_SESSION_HEADER]: seen.lobby };
  if (seen.authorization !== undefined) headers['Authorization'] = seen.authorization;
  const answer = await handle(new Request(`${APP_ORIGIN}/api/device`, { headers }));
  return answer.status === 200;
}

/**
 * A request to the embedded hub as this machine's own screen: its device token added when the
 * renderer sent none (a kiosk here needs no pairing; a token it does send is left as it is).
 */
export function asLocalScreen(request: Request, token: string | undefined): Request {
  if (token === undefined || request.headers.has('authorization')) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

/** The request handler for `protocol.handle('app', ...)`; a plain Request → Response function. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (options.seen) noteCredentials(request, options.seen);
    const route = routeAppRequest(request.url, options.remoteHub);
    try {
      switch (route.kind) {
        case 'recovery': {
          const page = RECOVERY_PAGES[route.page];
          return new Response(page.body, { status: 200, headers: { ...securityHeaders(), 'Content-Type': page.contentType, 'Cache-Control': 'no-store' } });
        }
        case 'remote':
          return await proxyToHub(request, route.target, options.fetch);
        case 'local':
          return await options.hubApp.fetch(asLocalScreen(request, options.localToken?.()));
        case 'not-found':
          options.log.warn('protocol', `not found: ${request.url.slice(0, 200)}`);
          return new Response('Not found', { status: 404, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
      }
    } catch (error) {
      options.log.error('protocol', `failed to serve ${request.url.slice(0, 200)}: ${String(error)}`);
      return new Response('Internal error', { status: 500, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
    }
  };
}

/** Serves app:// in one session (custom protocols are per session, so the kiosk partition needs its own). */
export function registerAppProtocol(protocol: Protocol, handler: (request: Request) => Promise<Response>): void {
  protocol.handle(APP_SCHEME, handler);
}
