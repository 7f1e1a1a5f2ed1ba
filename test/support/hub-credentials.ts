// Credentials for tests that talk to a real hub: a coordinator's desk session (cookie + CSRF token)
// and a paired screen's device token, made through the hub's own setup and pairing — in process on a
// HubService, or over HTTP against a running hub (a process started with WEGWIJZER_SETUP_TOKEN).
import { randomBytes } from 'node:crypto';
import type { SessionResponse } from '../../src-renderer/core/hub/contract';
import type { HubService } from '../../src-hub/service';

export const TEST_SETUP_TOKEN = 'test-setup-token-0123456789abcdef';
export const TEST_COORDINATOR = { name: 'coordinator', displayName: 'Carla Coördinator', password: 'coordinator-pass-1', pin: '2468' } as const;

export interface HubCredentials {
  /** A paired screen: `Authorization: Bearer …`. */
  device: Record<string, string>;
  deviceToken: string;
  screenId: string;
  /** A coordinator's desk session: `Cookie` and `X-CSRF-Token`. */
  staff: Record<string, string>;
}

const key = () => randomBytes(18).toString('base64url');

/** A coordinator (made with the setup secret on a fresh store) and one paired screen, in process. */
export async function provision(service: HubService, screenName = 'Test screen'): Promise<HubCredentials> {
  const { accounts, screens } = service.access;
  let opened;
  if (await accounts.needsSetup()) {
    await accounts.prepareSetup(TEST_SETUP_TOKEN);
    opened = await accounts.setup({ token: TEST_SETUP_TOKEN, name: TEST_COORDINATOR.name, displayName: TEST_COORDINATOR.displayName, password: TEST_COORDINATOR.password }, 'test');
  } else {
    opened = await accounts.signIn(TEST_COORDINATOR.name, TEST_COORDINATOR.password, 'test');
  }
  const pairing = screens.startPairing('test');
  await screens.claim({ idempotencyKey: key(), code: pairing.code, name: screenName }, { staff: TEST_COORDINATOR.displayName });
  const polled = screens.pollPairing(pairing.pairingId);
  if (polled.status !== 'paired') throw new Error(`pairing did not complete: ${polled.status}`);
  return {
    device: { Authorization: `Bearer ${polled.token}` },
    deviceToken: polled.token,
    screenId: polled.screen.id,
    staff: { Cookie: `ww_session=${opened.secret}`, 'X-CSRF-Token': opened.response.csrfToken },
  };
}

/** The same over HTTP, against a hub at `base` (ending in /) whose setup secret is TEST_SETUP_TOKEN. */
export async function provisionOverHttp(base: string, screenName = 'Test screen'): Promise<HubCredentials> {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(new URL(path, base), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const needed = ((await (await fetch(new URL('api/setup', base))).json()) as { needed: boolean }).needed;
  const signedIn = needed
    ? await post('api/setup', { token: TEST_SETUP_TOKEN, name: TEST_COORDINATOR.name, displayName: TEST_COORDINATOR.displayName, password: TEST_COORDINATOR.password })
    : await post('api/session', { name: TEST_COORDINATOR.name, password: TEST_COORDINATOR.password });
  if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.status} ${await signedIn.text()}`);
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const session = (await signedIn.json()) as SessionResponse;
  const staff = { Cookie: cookie, 'X-CSRF-Token': session.csrfToken };
  const pairing = (await (await post('api/pairing', {})).json()) as { pairingId: string; code: string };
  const claimed = await post('api/pairing/claim', { idempotencyKey: key(), code: pairing.code, name: screenName }, staff);
  if (!claimed.ok) throw new Error(`claim failed: ${claimed.status} ${await claimed.text()}`);
  const polled = (await (await post('api/pairing/poll', { pairingId: pairing.pairingId })).json()) as { status: string; token: string; screen: { id: string } };
  return { device: { Authorization: `Bearer ${polled.token}` }, deviceToken: polled.token, screenId: polled.screen.id, staff };
}

/**
 * The credentials a request body asks for in the old style: `by: 'kiosk'` is a visitor on a paired
 * screen, anything else staff at the desk.
 */
export function credentialsFor(body: unknown, credentials: HubCredentials): Record<string, string> {
  const by = (body as { by?: unknown } | null)?.by;
  return by === 'kiosk' ? credentials.device : credentials.staff;
}

type AppLike = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/** The app with each request's credentials chosen by credentialsFor (a request with its own Authorization or Cookie keeps them). */
export function withCredentials<A extends AppLike>(app: A, credentials: HubCredentials): A {
  const request = (input: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization') && !headers.has('cookie')) {
      let body: unknown;
      try {
        body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      } catch {
        body = undefined;
      }
      // Reads (GET) go as the screen, like a kiosk's long poll; writes as their body's `by` says.
      const chosen = init.method === 'POST' ? credentialsFor(body, credentials) : credentials.device;
      for (const [name, value] of Object.entries(chosen)) headers.set(name, value);
    }
    return app.request(input, { ...init, headers });
  };
  return new Proxy(app, { get: (target, key, receiver) => (key === 'request' ? request : Reflect.get(target, key, receiver)) });
}
