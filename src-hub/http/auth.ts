// Who is asking, and whether they may: the credentials a request carries (a desk session cookie, a
// screen's bearer token, a lobby session on that screen) checked against the route's audience
// (core/hub/access.ts), and the CSRF defence for cookie sessions. Every refusal says what to do next.
import type { ScreenRow } from '../../src-renderer/core/hub/contract';
import { CSRF_HEADER, LOBBY_SESSION_HEADER, SESSION_COOKIE } from '../../src-renderer/core/hub/contract';
import type { Audience } from '../../src-renderer/core/hub/access';
import type { Actor } from '../../src-renderer/core/rows';
import type { StaffSession } from '../auth/accounts';
import { DESK_ABSOLUTE_MS } from '../auth/accounts';
import { AccessRefused, forbidden, notPaired, signedOut } from '../auth/refusal';
import { sameSecret } from '../auth/secrets';
import type { HubAccess } from '../service';

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'device'; screen: ScreenRow }
  | { kind: 'staff'; via: 'desk'; session: StaffSession; secret: string }
  | { kind: 'staff'; via: 'lobby'; session: StaffSession; screen: ScreenRow };

/** The credentials a request carries, read but not yet checked. */
export interface Credentials {
  bearer?: string;
  lobby?: string;
  cookie?: string;
}

export function readCredentials(headers: Headers): Credentials {
  const authorization = headers.get('authorization');
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const lobby = headers.get(LOBBY_SESSION_HEADER) ?? undefined;
  const cookie = readCookie(headers.get('cookie'), SESSION_COOKIE);
  return { ...(bearer ? { bearer } : {}), ...(lobby ? { lobby } : {}), ...(cookie ? { cookie } : {}) };
}

/** One cookie's value from a Cookie header, or undefined. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/**
 * The principal behind the credentials. A device token and a desk cookie together are refused: a
 * desk session is not for kiosks (anyone at the lobby screen would act as that person), and a
 * device token is not for the desk.
 */
export async function identify(credentials: Credentials, access: HubAccess): Promise<Principal> {
  if (credentials.bearer !== undefined && credentials.cookie !== undefined) {
    throw forbidden('A staff desk sign-in is not accepted from a kiosk screen. Staff unlock a screen with their name and PIN.');
  }
  if (credentials.bearer !== undefined) {
    const screen = await access.screens.byToken(credentials.bearer);
    if (!screen) throw notPaired();
    access.screens.noteSeen(screen.id);
    if (credentials.lobby === undefined) return { kind: 'device', screen };
    const session = await access.accounts.lobbySession(credentials.lobby, screen.id);
    if (!session) throw signedOut('The staff session on this screen has ended; unlock it again with your name and PIN.');
    return { kind: 'staff', via: 'lobby', session, screen };
  }
  if (credentials.lobby !== undefined) throw notPaired('A lobby session is valid only together with its paired screen.');
  if (credentials.cookie !== undefined) {
    const session = await access.accounts.deskSession(credentials.cookie);
    if (!session) throw new AccessRefused(401, { error: 'signed-out', message: 'Your session has ended; sign in again.' }, { 'Set-Cookie': clearSessionCookie() });
    return { kind: 'staff', via: 'desk', session, secret: credentials.cookie };
  }
  return { kind: 'anonymous' };
}

/** Refuses a principal the audience does not include; `session` routes check for themselves. */
export function admit(audience: Audience, principal: Principal, route: string): void {
  if (audience === 'public' || audience === 'session') return;
  if (principal.kind === 'staff' && principal.session.account.mustChangePassword) {
    throw forbidden('Choose your own password first (the one you have was set by someone else).');
  }
  switch (audience) {
    case 'device':
      if (principal.kind === 'device' || (principal.kind === 'staff' && principal.via === 'lobby')) return;
      if (principal.kind === 'anonymous') throw notPaired();
      throw forbidden(`${route} is for paired screens, not for the staff desk.`);
    case 'reader':
    case 'visitor':
      if (principal.kind !== 'anonymous') return;
      throw signedOut('Sign in at the staff desk, or pair this screen with the hub.');
    case 'staff':
      if (principal.kind === 'staff') return;
      if (principal.kind === 'device') throw forbidden('Staff must unlock this screen with their name and PIN first.');
      throw signedOut();
    case 'coordinator':
      if (principal.kind === 'staff' && principal.session.account.role === 'coordinator') return;
      if (principal.kind === 'staff') throw forbidden('Only coordinators may do this; ask a coordinator of the site.');
      if (principal.kind === 'device') throw forbidden('Staff must unlock this screen with their name and PIN first.');
      throw signedOut();
  }
}

/**
 * The CSRF defence for cookie sessions: a state-changing request must carry the session's token in
 * X-CSRF-Token (a page on another origin can neither read nor set it). Screens send no cookies.
 */
export function checkCsrf(principal: Principal, headers: Headers): void {
  if (principal.kind !== 'staff' || principal.via !== 'desk') return;
  const sent = headers.get(CSRF_HEADER);
  if (!sent || !sameSecret(sent, principal.session.csrf)) {
    throw new AccessRefused(403, { error: 'csrf', message: 'This request lacks the session\u2019s CSRF token; reload the staff desk and try again.' });
  }
}

/**
 * Sign-in and setup make a session, so a page elsewhere must not be able to post them either (login
 * CSRF): the browser's Origin or Sec-Fetch-Site must say the hub's own page sent it.
 */
export function checkSameOrigin(headers: Headers, requestUrl: string): void {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') throw forbidden('Sign in from the hub\u2019s own staff desk page.');
  const origin = headers.get('origin');
  if (origin !== null && origin !== 'null') {
    try {
      if (new URL(origin).host.toLowerCase() !== new URL(requestUrl).host.toLowerCase()) throw new Error('other host');
    } catch {
      throw forbidden('Sign in from the hub\u2019s own staff desk page.');
    }
  }
}

/** Who the audit log names for a write. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'staff' ? { staff: principal.session.account.displayName } : 'kiosk';
}

/** The screen a request speaks for (a device, or staff working on one). */
export function screenOf(principal: Principal): ScreenRow | undefined {
  if (principal.kind === 'device') return principal.screen;
  if (principal.kind === 'staff' && principal.via === 'lobby') return principal.screen;
  return undefined;
}

export function sessionCookie(secret: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${secret}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${DESK_ABSOLUTE_MS / 1000}${secure ? '; Secure' : ''}`;
}

export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}
