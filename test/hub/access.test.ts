// Accounts, sessions, screens and usage counts (issue 9) through the hub app on the real store, on both
// engines: who may call what, the CSRF defence, lockouts that hold back one account or one client and
// no one else, session fixation, pairing and revoking, organisation scoping, and counts that add up.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HUB_ROUTES, routePath, type AccountView, type HubRouteName, type PollPairingResponse, type SessionResponse, type StartPairingResponse, type UsageResponse } from '../../src-renderer/core/hub/contract';
import { ROUTE_AUDIENCE } from '../../src-renderer/core/hub/access';
import { createHubApp } from '../../src-hub/http/app';
import { DESK_IDLE_MS } from '../../src-hub/auth/accounts';
import { at } from '../renderer/core/booking/fixtures';
import { provision, TEST_COORDINATOR, type HubCredentials } from '../support/hub-credentials';
import { describeEngines, key, TEST_TIMEOUT, type TestHub } from './harness';
import { makeFolders, silentLog, type Folders } from './http-fakes';

let folders: Folders;
beforeAll(async () => {
  folders = await makeFolders();
});
afterAll(() => rm(folders.root, { recursive: true, force: true }));

type App = ReturnType<typeof createHubApp>;

interface Setup extends TestHub {
  app: App;
  credentials: HubCredentials;
  /** Every answer body this test saw, for the no-hash check. */
  seen: string[];
  send(path: string, init?: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string>; from?: string }): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
}

async function setUp(opened: TestHub): Promise<Setup> {
  const app = createHubApp({ service: () => opened.hub, rendererDir: folders.renderer, siteDir: () => opened.siteDir, log: silentLog() });
  const credentials = await provision(opened.hub, 'Lobby');
  const seen: string[] = [];
  const send: Setup['send'] = async (path, init = {}) => {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers };
    // The Node server fills in the peer address; app.request has none, so the tests name the client.
    const response = await app.request(`http://hub.test${path}`, { method, headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) }, { incoming: { socket: { remoteAddress: init.from ?? '10.0.0.1' } } });
    const text = await response.text();
    seen.push(text, [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n'));
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { text };
    }
    return { status: response.status, body, headers: response.headers };
  };
  return { ...opened, app, credentials, seen, send };
}

const cookieOf = (headers: Headers): string => (headers.get('set-cookie') ?? '').split(';')[0]!;

async function signIn(setup: Setup, name: string, password: string, from?: string): Promise<Record<string, string>> {
  const answer = await setup.send('/api/session', { body: { name, password }, ...(from ? { from } : {}) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return { Cookie: cookieOf(answer.headers), 'X-CSRF-Token': (answer.body as unknown as SessionResponse).csrfToken };
}

async function makeAccount(setup: Setup, account: { name: string; password: string; role: 'coordinator' | 'organisation'; organisationId?: string; pin?: string }): Promise<AccountView> {
  const answer = await setup.send('/api/accounts', { body: { idempotencyKey: key(), displayName: account.name.toUpperCase(), ...account }, headers: setup.credentials.staff });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  // Made by a coordinator: the person chooses their own password first.
  const first = await signIn(setup, account.name, account.password);
  const changed = await setup.send('/api/session/password', { body: { current: account.password, password: `${account.password}-own` }, headers: first });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  return (answer.body as { account: AccountView }).account;
}

const visitorBooking = (start: string, end: string, spaceId = 'practice-1') => ({ idempotencyKey: key(), spaceId, start: at(start), end: at(end), holder: { kind: 'visitor', nickname: 'Mo' }, by: 'kiosk' });

describeEngines('hub access', (harness) => {
  it('admits each route only to its audience: nobody, a screen, a desk session, staff on a screen', { timeout: TEST_TIMEOUT }, async () => {
    const setup = await setUp(await harness.open());
    const coordinatorOnly = (Object.keys(HUB_ROUTES) as HubRouteName[]).filter((name) => ROUTE_AUDIENCE[name] === 'coordinator');
    for (const name of coordinatorOnly) {
      const [method] = HUB_ROUTES[name];
      const path = routePath(name, { id: 'scr-x' }) + (name === 'usage' || name === 'usageCsv' ? '?from=0&to=3600000' : '');
      const body = method === 'POST' ? { idempotencyKey: key() } : undefined;
      const anonymous = await setup.send(path, { method, ...(body ? { body } : {}) });
      expect(anonymous.status, `${name} without credentials`).toBe(401);
      // A device token on a staff endpoint is refused.
      const device = await setup.send(path, { method, ...(body ? { body } : {}), headers: setup.credentials.device });
      expect(device.status, `${name} with a device token`).toBe(403);
    }
    // A screen reads the timeline and books as a visitor; it may not act as staff.
    expect((await setup.send('/api/changes?since=0', { headers: setup.credentials.device })).status).toBe(200);
    expect((await setup.send('/api/changes?since=0')).status).toBe(401);
    const staffOnly = await setup.send('/api/series/s1/cancel', { body: { idempotencyKey: key(), by: { staff: 'me' } }, headers: setup.credentials.device });
    expect(staffOnly.status).toBe(403);
    // A desk session on a screen's address is refused; so is a forged bearer.
    expect((await setup.send('/api/device', { headers: setup.credentials.staff })).status).toBe(403);
    expect((await setup.send('/api/device', { headers: { Authorization: 'Bearer forged-token-0123456789abcdefghij' } })).body).toMatchObject({ error: 'not-paired' });
  });

  it('refuses a forged or expired cookie, a missing CSRF token, and a desk cookie sent from a kiosk screen', { timeout: TEST_TIMEOUT }, async () => {
    const setup = await setUp(await harness.open());
    const staff = setup.credentials.staff;
    const write = { idempotencyKey: key(), draft: { name: 'Club', kind: 'resident' }, by: { staff: 'x' } };
    expect((await setup.send('/api/organisations', { body: write, headers: { Cookie: 'ww_session=forged-forged-forged-forged-forged-forged00' } })).status).toBe(401);
    const noCsrf = await setup.send('/api/organisations', { body: write, headers: { Cookie: staff.Cookie! } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body).toMatchObject({ error: 'csrf' });
    const wrongCsrf = await setup.send('/api/organisations', { body: write, headers: { Cookie: staff.Cookie!, 'X-CSRF-Token': 'not-the-token' } });
    expect(wrongCsrf.body).toMatchObject({ error: 'csrf' });
    // Nothing of the refused writes was stored.
    expect((await setup.hub.snapshot()).rows.organisations).toEqual([]);
    // A desk cookie together with a device token: refused, whatever the route.
    const both = await setup.send('/api/changes?since=0', { headers: { ...setup.credentials.device, Cookie: staff.Cookie! } });
    expect(both.status).toBe(403);
    expect((await setup.send('/api/organisations', { body: write, headers: staff })).status).toBe(200);
    // Idle longer than the desk's idle limit: the session is over.
    setup.clock.now += DESK_IDLE_MS + 1000;
    const expired = await setup.send('/api/session', { headers: staff });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('set-cookie')).toMatch(/ww_session=;.*Max-Age=0/);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, and never adopts one the browser brought (fixation)', { timeout: TEST_TIMEOUT }, async () => {
    const setup = await setUp(await harness.open());
    const planted = 'ww_session=planted-by-an-attacker-0123456789abcdef';
    const answer = await setup.send('/api/session', { body: { name: TEST_COORDINATOR.name, password: TEST_COORDINATOR.password }, headers: { Cookie: planted } });
    expect(answer.status).toBe(200);
    const setCookie = answer.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(cookieOf(answer.headers)).not.toBe(planted);
    expect((await setup.send('/api/session', { headers: { Cookie: planted } })).status).toBe(401);
    expect((await setup.send('/api/session', { headers: { Cookie: cookieOf(answer.headers) } })).status).toBe(200);
    // Two sign-ins, two different sessions: each its own secret and CSRF token.
    const again = await signIn(setup, TEST_COORDINATOR.name, TEST_COORDINATOR.password);
    expect(again.Cookie).not.toBe(cookieOf(answer.headers));
    // Signing out needs the session's CSRF token, and ends exactly that session.
    expect((await setup.send('/api/session/end', { body: {}, headers: { Cookie: again.Cookie! } })).status).toBe(403);
    const out = await setup.send('/api/session/end', { body: {}, headers: again });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await setup.send('/api/session', { headers: again })).status).toBe(401);
    expect((await setup.send('/api/session', { headers: { Cookie: cookieOf(answer.headers) } })).status).toBe(200);
    // Sign-in posted from another site is refused (login CSRF).
    const crossSite = await setup.send('/api/session', { body: { name: TEST_COORDINATOR.name, password: TEST_COORDINATOR.password }, headers: { Origin: 'http://evil.example' } });
    expect(crossSite.status).toBe(403);
  });

  it('locks one account after 20 wrong passwords, and no one else; the lobby PIN backs off on its own', { timeout: TEST_TIMEOUT }, async () => {
    const setup = await setUp(await harness.open());
    await makeAccount(setup, { name: 'other', password: 'other-pass-123', role: 'coordinator' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 20; attempt++) statuses.push((await setup.send('/api/session', { body: { name: TEST_COORDINATOR.name, password: `wrong-${attempt}` } })).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual(Array(16).fill(429));
    // Even the right password is held back now, with the time to wait.
    const locked = await setup.send('/api/session', { body: { name: TEST_COORDINATOR.name, password: TEST_COORDINATOR.password } });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: 'locked' });
    expect(Number(locked.body['until'])).toBeGreaterThan(setup.clock.now);
    // Another person, from the same address, signs in at once.
    await signIn(setup, 'other', 'other-pass-123-own');
    // After the back-off the right password works again.
    setup.clock.now += 16 * 60_000;
    await signIn(setup, TEST_COORDINATOR.name, TEST_COORDINATOR.password);
  });

  it('unlocks the lobby with name and PIN, bound to its screen; wrong PINs back off without touching the desk sign-in', { timeout: TEST_TIMEOUT }, async () => {
    const setup = await setUp(await harness.open());
    const staff = setup.credentials.staff;
    await setup.send('/api/session/password', { body: { current: TEST_COORDINATOR.password, pin: '2468' }, headers: staff });
    const wrong: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) wrong.push((await setup.send('/api/lobby/unlock', { body: { name: TEST_COORDINATOR.name, pin: '0000' }, headers: setup.credentials.device })).status);
    expect(wrong).toEqual([401, 401, 401, 401, 429, 429]);
    // The desk sign-in of the same person is not held back by the PIN's lock.
    await signIn(setup, TEST_COORDINATOR.name, TEST_COORDINATOR.password);
    setup.clock.now += 2 * 60_000;
    const unlocked = await setup.send('/api/lobby/unlock', { body: { name: TEST_COORDINATOR.name, pin: '2468' }, headers: setup.credentials.device });
    expect(unlocked.status, JSON.stringify(unlocked.body)).toBe(200);
    const lobby = { ...setup.credentials.device, 'X-Lobby-Session': String(unlocked.body['token']) };
    // Staff on the screen write as themselves: the audit log names the person, not the screen.
    const organisation = await setup.send('/api/organisations', { body: { idempotencyKey: key(), draft: { name: 'Lobby club', kind: 'resident' }, by: { staff: 'someone else' } }, headers: lobby });
    expect(organisation.status, JSON.stringify(organisation.body)).toBe(200);
    const audit = (await setup.hub.snapshot()).rows.auditLog.at(-1);
    expect(audit).toMatchObject({ entity: 'organisation', actor: `staff:${TEST_COORDINATOR.displayName}` });
    // The lobby session is worth nothing on another screen, nor without its screen.
    const other = await provision(setup.hub, 'Hall');
    expect((await setup.send('/api/organisations', { body: { idempotencyKey: key(), draft: { name: 'X', kind: 'resident' }, by: { staff: 'x' } }, headers: { ...other.device, 'X-Lobby-Session': String(unlocked.body['token']) } })).status).toBe(401);
    expect((await setup.send('/api/changes?since=0', { headers: { 'X-Lobby-Session': String(unlocked.body['token']) } })).status).toBe(401);
    // Locking ends it.
    await setup.send('/api/lobby/lock', { body: {}, headers: lobby });
    expect((await setup.send('/api/organisations', { body: { idempotencyKey: key(), draft: { name: 'Y', kind: 'resident' }, by: { staff: 'x' } }, headers: lobby })).status).toBe(401);
  });

  it('holds an organisation account to its own bookings: its own room booking works, another one is refused and nothing is written', { timeout: TEST_TIMEOUT }, async () => {
    const setup = await setUp(await harness.open({ change: (files) => void (files.organisations['organisations'] as unknown[]).push({ id: 'drama', name: 'Drama club', kind: 'resident', description: { nl: 'Toneel' } }) }));
    await makeAccount(setup, { name: 'choir', password: 'choir-pass-123', role: 'organisation', organisationId: 'choir-club' });
    const choir = await signIn(setup, 'choir', 'choir-pass-123-own');
    const own = await setup.send('/api/bookings', { body: { ...visitorBooking('2026-03-24T19:00', '2026-03-24T20:00'), holder: { kind: 'organisation', id: 'choir-club' } }, headers: choir });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    // The coordinator books for the drama club and a visitor books at the kiosk.
    const drama = await setup.send('/api/bookings', { body: { ...visitorBooking('2026-03-24T19:00', '2026-03-24T20:00', 'practice-2'), holder: { kind: 'organisation', id: 'drama' }, by: { staff: 'c' } }, headers: setup.credentials.staff });
    expect(drama.status, JSON.stringify(drama.body)).toBe(200);
    const before = JSON.stringify((await setup.hub.snapshot()).rows);
    const dramaBooking = drama.body['booking'] as { id: string; code: string };
    const refusals = [
      await setup.send('/api/bookings', { body: { ...visitorBooking('2026-03-25T19:00', '2026-03-25T20:00'), holder: { kind: 'organisation', id: 'drama' } }, headers: choir }),
      await setup.send('/api/bookings/cancel', { body: { idempotencyKey: key(), code: dramaBooking.code, by: 'kiosk' }, headers: choir }),
      await setup.send(`/api/bookings/${dramaBooking.id}/move`, { body: { idempotencyKey: key(), start: at('2026-03-26T19:00'), end: at('2026-03-26T20:00'), by: { staff: 'x' } }, headers: choir }),
      await setup.send('/api/screens', { headers: choir }),
      await setup.send('/api/accounts', { headers: choir }),
      await setup.send('/api/organisations', { body: { idempotencyKey: key(), draft: { name: 'Mine', kind: 'resident' }, by: { staff: 'x' } }, headers: choir }),
    ];
    expect(refusals.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(refusals.every((answer) => answer.body['error'] === 'forbidden')).toBe(true);
    expect(JSON.stringify((await setup.hub.snapshot()).rows)).toBe(before);
    // Its own booking it may move; the audit log names the representative.
    const moved = await setup.send(`/api/bookings/${(own.body['booking'] as { id: string }).id}/move`, { body: { idempotencyKey: key(), start: at('2026-03-25T19:00'), end: at('2026-03-25T20:00'), by: { staff: 'x' } }, headers: choir });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await setup.hub.snapshot()).rows.auditLog.at(-1)).toMatchObject({ action: 'moved', actor: 'staff:CHOIR' });
  });

  it('pairs a screen by its code, hands the token out once, and a revoked token drops the screen back to pairing', { timeout: TEST_TIMEOUT }, async () => {
    const setup = await setUp(await harness.open());
    const started = (await setup.send('/api/pairing', { body: {} })).body as unknown as StartPairingResponse;
    expect(started.code).toMatch(/^[A-Z0-9]{6}$/);
    expect(((await setup.send('/api/pairing/poll', { body: { pairingId: started.pairingId } })).body as unknown as PollPairingResponse).status).toBe('waiting');
    const typed = `${started.code.slice(0, 3).toLowerCase()}-${started.code.slice(3)}`;
    const claimed = await setup.send('/api/pairing/claim', { body: { idempotencyKey: key(), code: typed, name: 'Hall screen', locale: 'fr' }, headers: setup.credentials.staff });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    const polled = (await setup.send('/api/pairing/poll', { body: { pairingId: started.pairingId } })).body as unknown as PollPairingResponse;
    expect(polled.status).toBe('paired');
    expect(((await setup.send('/api/pairing/poll', { body: { pairingId: started.pairingId } })).body as unknown as PollPairingResponse).status).toBe('expired');
    const token = polled.status === 'paired' ? polled.token : '';
    const device = { Authorization: `Bearer ${token}` };
    expect((await setup.send('/api/device', { headers: device })).body).toMatchObject({ screen: { name: 'Hall screen', locale: 'fr', closed: false } });
    await setup.send('/api/device/status', { body: { appVersion: '1.2.3', configVersion: 'abc' }, headers: device });
    await setup.send('/api/log', { body: { level: 'error', topic: 'map', message: 'tiles failed' }, headers: { ...device, 'Sec-Fetch-Site': 'same-origin' } });
    const listed = (await setup.send('/api/screens', { headers: setup.credentials.staff })).body as { screens: { id: string; name: string; online: boolean; appVersion?: string; errors: { message: string }[] }[] };
    const hall = listed.screens.find((screen) => screen.name === 'Hall screen')!;
    expect(hall).toMatchObject({ online: true, appVersion: '1.2.3', errors: [{ message: '[map] tiles failed' }] });
    // The coordinator sets a notice and closes it: the change stream carries the row to the screen.
    const notice = await setup.send(`/api/screens/${hall.id}`, { body: { idempotencyKey: key(), notice: { text: 'The site closes at 16:00 today', until: setup.clock.now + 3_600_000 }, closed: true }, headers: setup.credentials.staff });
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);
    const { epoch } = await setup.hub.position();
    const changes = (await setup.send(`/api/changes?since=0&epoch=${epoch}`, { headers: device })).body as { changes: { table: string; row?: { id: string; closed?: boolean; notice?: { text: string } } }[] };
    expect(changes.changes.filter((change) => change.table === 'screens' && change.row?.id === hall.id).at(-1)?.row).toMatchObject({ closed: true, notice: { text: 'The site closes at 16:00 today' } });
    // Offline once unseen for long enough.
    setup.clock.now += 5 * 60_000;
    expect(((await setup.send('/api/screens', { headers: setup.credentials.staff })).body as typeof listed).screens.find((screen) => screen.id === hall.id)?.online).toBe(false);
    const revoked = await setup.send(`/api/screens/${hall.id}/revoke`, { body: { idempotencyKey: key() }, headers: setup.credentials.staff });
    expect(revoked.status).toBe(200);
    expect((await setup.send('/api/device', { headers: device })).body).toMatchObject({ error: 'not-paired' });
    // A code nobody shows is a 404 that says what to check.
    expect((await setup.send('/api/pairing/claim', { body: { idempotencyKey: key(), code: 'ZZZZZZ', name: 'X' }, headers: setup.credentials.staff })).status).toBe(404);
  });

  it('adds usage counts per hour and screen, never twice for a retried batch, and exports counts under 5 as "< 5"', { timeout: TEST_TIMEOUT }, async () => {
    const setup = await setUp(await harness.open());
    const hour = Math.floor(setup.clock.now / 3_600_000) * 3_600_000;
    const batch = { idempotencyKey: key(), counts: [{ hour, event: 'session-started', key: '', n: 3 }, { hour, event: 'filter', key: 'level:see-do', n: 7 }] };
    expect((await setup.send('/api/usage', { body: batch, headers: setup.credentials.device })).status).toBe(200);
    expect((await setup.send('/api/usage', { body: batch, headers: setup.credentials.device })).status).toBe(200);
    await setup.send('/api/usage', { body: { idempotencyKey: key(), counts: [{ hour, event: 'session-started', key: '', n: 1 }] }, headers: setup.credentials.device });
    const usage = (await setup.send(`/api/usage?from=${hour}&to=${hour + 3_600_000}`, { headers: setup.credentials.staff })).body as unknown as UsageResponse;
    expect(usage.counts.map(({ event, key: what, n }) => ({ event, key: what, n }))).toEqual([
      { event: 'filter', key: 'level:see-do', n: 7 },
      { event: 'session-started', key: '', n: 4 },
    ]);
    expect(usage.counts.every((count) => count.screenId === setup.credentials.screenId)).toBe(true);
    const csv = await setup.app.request(`http://hub.test/api/usage.csv?from=${hour}&to=${hour + 3_600_000}`, { headers: setup.credentials.staff });
    const text = await csv.text();
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(text).toContain('Lobby,filter,level:see-do,7');
    expect(text).toContain('Lobby,session-started,,< 5');
    // Only screens post counts; a wrong hour is refused with what to check.
    expect((await setup.send('/api/usage', { body: batch, headers: setup.credentials.staff })).status).toBe(403);
    expect((await setup.send('/api/usage', { body: { idempotencyKey: key(), counts: [{ hour: hour - 90 * 86_400_000, event: 'filter', key: 'x', n: 1 }] }, headers: setup.credentials.device })).body['message']).toMatch(/clock/);
  });

  it('makes the first coordinator only with the setup link, once', { timeout: TEST_TIMEOUT }, async () => {
    const opened = await harness.open();
    const app = createHubApp({ service: () => opened.hub, rendererDir: folders.renderer, siteDir: () => opened.siteDir, log: silentLog() });
    const post = (path: string, body: unknown) => app.request(`http://hub.test${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await app.request('http://hub.test/api/setup')).json()).toEqual({ needed: true });
    const secret = await opened.hub.access.accounts.prepareSetup();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const wrong = await post('/api/setup', { token: 'not-the-secret-0123456789', name: 'first', displayName: 'First', password: 'first-pass-123' });
    expect(wrong.status).toBe(403);
    const made = await post('/api/setup', { token: secret, name: 'first', displayName: 'First', password: 'first-pass-123' });
    expect(made.status).toBe(200);
    expect(((await made.json()) as SessionResponse).account).toMatchObject({ name: 'first', role: 'coordinator', mustChangePassword: false });
    expect((await post('/api/setup', { token: secret, name: 'second', displayName: 'Second', password: 'second-pass-123' })).status).toBe(403);
    expect(await opened.hub.access.accounts.prepareSetup()).toBeUndefined();
  });

  it('lets --reset-password give a locked-out person a temporary password they must change', { timeout: TEST_TIMEOUT }, async () => {
    const setup = await setUp(await harness.open());
    for (let attempt = 0; attempt < 8; attempt++) await setup.send('/api/session', { body: { name: TEST_COORDINATOR.name, password: 'wrong' } });
    const reset = await setup.hub.access.accounts.resetPassword(TEST_COORDINATOR.name);
    expect(reset?.account).toMatchObject({ mustChangePassword: true });
    expect(reset?.account.lockedUntil).toBeUndefined();
    // The old sessions are over; the temporary password signs in but opens nothing else until changed.
    expect((await setup.send('/api/session', { headers: setup.credentials.staff })).status).toBe(401);
    const temporary = await signIn(setup, TEST_COORDINATOR.name, reset!.password);
    expect((await setup.send('/api/screens', { headers: temporary })).status).toBe(403);
    const changed = await setup.send('/api/session/password', { body: { current: reset!.password, password: 'my-own-password-1' }, headers: temporary });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ account: { mustChangePassword: false }, csrfToken: temporary['X-CSRF-Token'] });
    expect((await setup.send('/api/screens', { headers: temporary })).status).toBe(200);
    expect(await setup.hub.access.accounts.resetPassword('nobody')).toBeUndefined();
  });

  it('never answers with a password or PIN hash, whatever is asked', { timeout: TEST_TIMEOUT }, async () => {
    // An older site.json still carries the shared PIN's hash: the hub serves the config without it.
    const oldPinHash = 'pbkdf2-sha256$210000$qCEdyYtytG8pUzEsTPKANg==$8zJrf9ITfjniYLgIDYRAa68cWyjvdI7Q+UFhG3EA+R0=';
    const setup = await setUp(await harness.open({ change: (files) => void (files.site['staff'] = { pinHash: oldPinHash, idleLockSeconds: 120 }) }));
    await makeAccount(setup, { name: 'rep', password: 'rep-pass-1234', role: 'organisation', organisationId: 'choir-club', pin: '1357' });
    const staff = setup.credentials.staff;
    for (const path of ['/api/session', '/api/accounts', '/api/snapshot', '/api/changes?since=0', '/api/backup', '/api/screens', '/site/bundle.json']) await setup.send(path, { headers: staff });
    await setup.send('/api/lobby/unlock', { body: { name: 'rep', pin: '1357' }, headers: setup.credentials.device });
    const everything = setup.seen.join('\n');
    expect(everything).not.toMatch(/\$argon2/);
    expect(everything).not.toMatch(/password_hash|pin_hash|pinHash|pbkdf2/);
    expect(everything).toContain('idleLockSeconds');
    // The store does hold them, as argon2id.
    const { rows } = await setup.sql.query<{ password_hash: string; pin_hash: string | null }>("SELECT password_hash, pin_hash FROM accounts WHERE name = 'rep'");
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]?.pin_hash).toMatch(/^\$argon2id\$/);
  });
});
