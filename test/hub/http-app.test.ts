// The hub app (src-hub/http/app.ts) through `app.request`, with a fake store: the route table, bad
// input on every endpoint, how refusals map to statuses, and the headers every answer carries.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingNotFound, BookingRefused, ImportRefused, SeriesRefused } from '../../src-renderer/core/booking/errors';
import { HUB_ROUTES, MAX_BODY_BYTES, MAX_FILE_BODY_BYTES, routePath, type HubRouteName } from '../../src-renderer/core/hub/contract';
import { FEEDS_OUT_ROUTES } from '../../src-hub/http/feeds-out';
import { createHubApp, type HubAppOptions } from '../../src-hub/http/app';
import { CSP_HEADER } from '../../src-hub/http/csp';
import { HubRequestError, type HubService } from '../../src-hub/service';
import { ACCESS_ROUTES } from './access-routes';
import { asStaffOnScreen, fakeService, makeFolders, silentLog, VALID_BODIES, WRITE_METHODS, type Folders } from './http-fakes';

let folders: Folders;
beforeAll(async () => {
  folders = await makeFolders({ 'site.json': '{"id":"t"}' });
});
afterAll(() => rm(folders.root, { recursive: true, force: true }));

function hub(service: HubService | undefined, options: Partial<HubAppOptions> = {}) {
  const log = silentLog();
  const app = asStaffOnScreen(createHubApp({ service: () => service, rendererDir: folders.renderer, followDir: folders.follow, siteDir: () => folders.site, log, ...options }));
  return { app, log };
}

// The routes of accounts, screens and usage (issue 9) need the real store's access part; their
// statuses, bodies and refusals are tested against it in access.test.ts.
// A badge claim needs a real phone's proof; it is tested on the real store in badges.test.ts.
const ROUTE_NAMES = (Object.keys(HUB_ROUTES) as HubRouteName[]).filter((name) => !ACCESS_ROUTES.has(name) && name !== 'claimBadge');
const WRITE_ROUTES = ROUTE_NAMES.filter((name) => HUB_ROUTES[name][0] === 'POST' && name !== 'log');
const PARAMS = { id: 'b1', file: 'plan.svg', feed: 'session-series', list: '1', token: 'token-0123456789abcdef', z: '1', x: '0', y: '0.png' };

const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

function expectSecurityHeaders(response: Response, what: string): void {
  expect(response.headers.get('content-security-policy'), what).toBe(CSP_HEADER);
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(response.headers.get('x-frame-options'), what).toBe('DENY');
}

describe('the route table', () => {
  it('serves every HUB_ROUTES entry', async () => {
    const service = fakeService();
    const { app } = hub(service);
    // siteConfig answers 404 without a validated config (tested below); the feeds out need the real
    // store's offer and are tested on it (feeds-out*.test.ts); a tile needs a site with tiles (tiles.test.ts).
    const feedsOut: readonly string[] = FEEDS_OUT_ROUTES;
    for (const name of ROUTE_NAMES.filter((route) => route !== 'siteConfig' && route !== 'tile' && !feedsOut.includes(route))) {
      const [method, path] = HUB_ROUTES[name];
      const url = routePath(name, PARAMS) + (name === 'changes' ? '?since=0' : '');
      const init = method === 'GET' ? {} : name === 'log' ? postJson({ level: 'info', topic: 't', message: 'm' }, { 'Sec-Fetch-Site': 'same-origin' }) : postJson(VALID_BODIES[name]);
      const response = await app.request(url, init);
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      const called = WRITE_METHODS[name];
      if (called) expect(service.calls, name).toContain(called);
    }
  });

  it('has no write route without a valid body in the tests', () => {
    expect(WRITE_ROUTES.filter((name) => !VALID_BODIES[name])).toEqual([]);
  });

  it('answers nothing else under /api: unknown paths are 404, known paths with another method 405', async () => {
    const { app } = hub(fakeService());
    for (const path of ['/api', '/api/', '/api/nope', '/api/bookings/x', '/api/bookings/b1/move/extra', '/api/health/', '/api/series/s1', '/api/site/bundle.json']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.json(), path).toMatchObject({ error: 'not-found' });
    }
    for (const [path, method, allowed] of [
      ['/api/bookings', 'GET', 'POST'],
      ['/api/health', 'POST', 'GET'],
      ['/api/bookings/b1/move', 'PUT', 'POST'],
      ['/api/backup', 'DELETE', 'GET'],
    ] as const) {
      const response = await app.request(path, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe(allowed);
      expect(await response.json()).toMatchObject({ error: 'bad-request' });
    }
  });

  it('answers 503 on the API while the store opens, and still serves the kiosk and the site config', async () => {
    const { app } = hub(undefined);
    for (const name of ROUTE_NAMES.filter((route) => !['log', 'siteBundle', 'siteConfig', 'siteAsset'].includes(route))) {
      const [method] = HUB_ROUTES[name];
      const response = await app.request(routePath(name, PARAMS) + (name === 'changes' ? '?since=0' : ''), method === 'POST' ? postJson(VALID_BODIES[name]) : {});
      expect(response.status, name).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(await response.json()).toMatchObject({ error: 'unavailable' });
    }
    expect((await app.request('/')).status).toBe(200);
    const bundle = await app.request('/site/bundle.json');
    expect(bundle.status).toBe(200);
    expect(((await bundle.json()) as { files: Record<string, string | null> }).files['site.json']).toBe('{"id":"t"}');
    expect((await app.request('/site/plan.svg')).status).toBe(200);
    // Nothing validated yet: a screen takes the files and validates them itself.
    expect((await app.request('/site/config.json')).status).toBe(404);
  });

  it('serves the validated config, and only its version to a screen that holds it', async () => {
    const service = fakeService();
    const { app } = hub(service);
    expect((await app.request('/site/config.json')).status).toBe(404);
    const validated = { version: 'v1', source: 'test', config: { site: { id: 't' } } as never, warnings: [] };
    service.served = { bundle: { source: 'test', files: {} as never }, version: 'v1', validated };
    const full = await app.request('/site/config.json');
    expect(full.status).toBe(200);
    expect(await full.json()).toEqual(validated);
    expect(await (await app.request('/site/config.json?have=v0')).json()).toEqual(validated);
    expect(await (await app.request('/site/config.json?have=v1')).json()).toEqual({ version: 'v1', unchanged: true });
    service.served = { ...service.served, validated: { ...validated, refused: [{ file: 'spaces.json', path: '', message: 'broken' }] } };
    expect(await (await app.request('/site/config.json?have=v1')).json()).toEqual({ version: 'v1', unchanged: true, refused: [{ file: 'spaces.json', path: '', message: 'broken' }] });
  });
});

describe('bad input on every write', () => {
  const service = fakeService();
  let app: ReturnType<typeof hub>['app'];
  beforeAll(() => {
    app = hub(service).app;
  });
  const send = (name: HubRouteName, init: RequestInit) => app.request(routePath(name, PARAMS), init);

  const cases: [string, (body: Record<string, unknown>) => unknown, number, RegExp][] = [
    ['malformed JSON', () => '{"idempotencyKey": ', 400, /not valid JSON/],
    ['an empty body', () => '', 400, /empty/],
    ['a JSON array', () => [], 400, /must be a JSON object/],
    ['a JSON string', () => '"hello"', 400, /must be a JSON object/],
    ['an unknown field', (body) => ({ ...body, admin: true }), 400, /admin: unknown field/],
    ['a missing key', ({ idempotencyKey: _key, ...rest }) => rest, 400, /idempotencyKey: missing/],
    ['a key of the wrong shape', (body) => ({ ...body, idempotencyKey: 'short' }), 400, /idempotencyKey: must be an idempotency key/],
    ['a wrong type', (body) => ({ ...body, by: 42 }), 400, /by: expected/],
  ];
  for (const name of WRITE_ROUTES) {
    // A read that takes a body (previewCancel) has no idempotency key to break.
    const keyed = 'idempotencyKey' in VALID_BODIES[name]!;
    it.each(cases.filter(([what]) => keyed || !what.includes('key')))(`${name}: %s → %d, nothing written`, async (_what, broken, status, message) => {
      const before = service.calls.length;
      const response = await send(name, postJson(broken(VALID_BODIES[name]!)));
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.error).toBe('bad-request');
      expect(body.message).toMatch(message);
      expect(service.calls.slice(before)).toEqual([]);
    });
  }

  it.each(WRITE_ROUTES)('%s: refuses a body that is not declared as JSON (415)', async (name) => {
    const response = await send(name, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(VALID_BODIES[name]) });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: 'bad-request', message: expect.stringMatching(/application\/json/) });
  });

  it.each(WRITE_ROUTES)('%s: refuses an oversized body by its Content-Length, unread', async (name) => {
    const limit = name === 'importOffer' || name === 'restore' ? MAX_FILE_BODY_BYTES : MAX_BODY_BYTES;
    const response = await send(name, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(limit + 1) }, body: '{}' });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'too-large' });
  });

  it('cuts off a streamed body at the limit, without a Content-Length', async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`"${'x'.repeat(1022)}",`);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        // Far more than the limit is on offer; reading must stop soon after the limit.
        if (pulled > 10_000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const before = service.calls.length;
    const response = await app.request(routePath('createBooking'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(MAX_BODY_BYTES / 1024 + 10);
    expect(service.calls.slice(before)).toEqual([]);
  });

  it('takes an import up to the file limit, above the ordinary one', async () => {
    const ics = `BEGIN:VCALENDAR\r\n${'X-PAD:0123456789\r\n'.repeat(6000)}END:VCALENDAR\r\n`;
    const response = await send('importOffer', postJson({ ...VALID_BODIES.importOffer, ics }));
    expect(response.status).toBe(200);
  });

  it.each([
    ['start below zero', { start: -1 }, /start: must be at least 0/],
    ['an end past the year 275000', { end: 9e15 }, /end: must be at most/],
    ['a fractional instant', { start: 1.5 }, /start: must be a whole number/],
    ['a time given as text', { start: '2026-03-26T18:00' }, /start: expected number/],
    ['an unknown holder kind', { holder: { kind: 'robot' } }, /holder.kind: expected/],
    ['a nickname of 41 characters', { holder: { kind: 'visitor', nickname: 'x'.repeat(41) } }, /holder.nickname: is too long/],
  ])('createBooking: %s is refused with its path', async (_what, patch, message) => {
    const before = service.calls.length;
    const response = await send('createBooking', postJson({ ...VALID_BODIES.createBooking, ...patch }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; issues: { path: string; message: string }[] };
    expect(body.message).toMatch(message);
    expect(body.issues.length).toBeGreaterThan(0);
    expect(service.calls.slice(before)).toEqual([]);
  });

  it.each([
    ['createSeries', { definition: { ...(VALID_BODIES.createSeries!.definition as object), startTime: '25:00' } }, /definition.startTime: must be a time as HH:mm/],
    ['createSeries', { definition: { ...(VALID_BODIES.createSeries!.definition as object), minutes: 0 } }, /definition.minutes: must be at least 1/],
    ['skipSeriesDate', { date: '8 April' }, /date: must be a date as YYYY-MM-DD/],
    ['changeSeries', { scope: 'everything' }, /scope: expected/],
    ['saveOrganisation', { draft: { name: ' ', kind: 'resident' } }, /draft.name: is too short/],
    ['recordAudit', { action: 'deleted' }, /action: expected/],
  ] as const)('%s: out-of-range values are refused (%o)', async (name, patch, message) => {
    const response = await send(name, postJson({ ...VALID_BODIES[name], ...patch }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });

  it('refuses an id in the address that no store could hold', async () => {
    const response = await app.request(routePath('moveBooking', { id: 'x'.repeat(201) }), postJson(VALID_BODIES.moveBooking));
    expect(response.status).toBe(400);
  });
});

describe('refusals of the store', () => {
  const refusing = (error: unknown) =>
    hub(
      fakeService({
        createBooking: async () => {
          throw error;
        },
      }),
    );
  const book = (app: ReturnType<typeof hub>['app']) => app.request(routePath('createBooking'), postJson(VALID_BODIES.createBooking));

  it('BookingRefused → 409 with the violations and the nearest free slots', async () => {
    const nearest = [{ spaceId: 'practice-1', start: 1, end: 2, minutes: 30, date: '2026-03-26' }];
    const response = await book(refusing(new BookingRefused([{ rule: 'fully-booked', message: 'Just taken.' }], nearest as never)).app);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: 'booking-refused', message: 'Just taken.', violations: [{ rule: 'fully-booked', message: 'Just taken.' }], nearest });
  });

  it('BookingNotFound → 404, SeriesRefused and ImportRefused → 409', async () => {
    expect(await (await book(refusing(new BookingNotFound('No booking has code K7Q2.')).app)).json()).toEqual({ error: 'not-found', message: 'No booking has code K7Q2.' });
    const series = await book(refusing(new SeriesRefused([], 'Two dates collide.')).app);
    expect(series.status).toBe(409);
    expect(await series.json()).toEqual({ error: 'series-refused', message: 'Two dates collide.', conflicts: [] });
    const imported = await book(refusing(new ImportRefused('The id x is taken.')).app);
    expect(imported.status).toBe(409);
    expect(await imported.json()).toEqual({ error: 'import-refused', message: 'The id x is taken.' });
  });

  it('HubRequestError → its own status and code', async () => {
    const conflict = await book(refusing(new HubRequestError(409, 'idempotency-conflict', 'That key was used for another request.')).app);
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({ error: 'idempotency-conflict', message: 'That key was used for another request.' });
    const restore = await book(refusing(new HubRequestError(400, 'restore-refused', 'The backup has problems.', [{ path: 'data.bookings[0]', message: 'no id' }])).app);
    expect(restore.status).toBe(400);
    expect(await restore.json()).toEqual({ error: 'restore-refused', message: 'The backup has problems.', errors: [{ path: 'data.bookings[0]', message: 'no id' }] });
    const unknown = await book(refusing(new HubRequestError(404, 'not-found', 'No organisation o9.')).app);
    expect(unknown.status).toBe(404);
  });

  it('anything else → 500 with a generic message, logged, and the app goes on', async () => {
    const { app, log } = refusing(new Error('connection terminated: password=hunter2'));
    const response = await book(app);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('internal');
    expect(body.message).not.toMatch(/hunter2|connection/);
    expect(log.error).toHaveBeenCalledWith('http', expect.stringContaining('hunter2'));
    expectSecurityHeaders(response, '500');
    expect((await app.request('/api/health')).status).toBe(200);
  });
});

describe('security headers', () => {
  it('are on every answer: files, JSON, refusals, 404s, 405s, errors, redirects, HEAD and long polls', async () => {
    const service = fakeService({
      snapshot: async () => {
        throw new Error('boom');
      },
    });
    const { app } = hub(service);
    const requests: [string, RequestInit?][] = [
      ['/'],
      ['/assets/app-123.js'],
      ['/missing.js'],
      ['/', { method: 'POST' }],
      ['/', { method: 'HEAD' }],
      ['/site/bundle.json'],
      ['/site/plan.svg'],
      ['/site/site.json'],
      ['/site/a/b.png'],
      ['/follow'],
      ['/follow/'],
      ['/api/health'],
      ['/api/nope'],
      ['/api/health', { method: 'POST' }],
      ['/api/snapshot'],
      ['/api/changes?since=x'],
      ['/api/changes?since=0&wait=0'],
      [routePath('createBooking'), postJson('{')],
      [routePath('log'), postJson({ level: 'info', topic: 't', message: 'm' })],
    ];
    for (const [path, init] of requests) expectSecurityHeaders(await app.request(path, init), `${init?.method ?? 'GET'} ${path}`);

    // A long poll that waited, too.
    const polling = app.request('/api/changes?since=0&wait=30000');
    await waitUntil(() => service.calls.includes('waitForChange'));
    service.seq = 1;
    service.wake();
    expectSecurityHeaders(await polling, 'long poll');
  });

  it('are on the answers of a hub that is still starting', async () => {
    const { app } = hub(undefined);
    for (const path of ['/api/health', '/api/changes?since=0', '/']) expectSecurityHeaders(await app.request(path), path);
  });
});

describe('GET /api/changes', () => {
  it('answers at once when there are changes after since', async () => {
    const service = fakeService();
    service.seq = 3;
    const response = await hub(service).app.request('/api/changes?since=1&wait=30000');
    expect(await response.json()).toMatchObject({ reset: false, seq: 3, changes: [{ seq: 2 }, { seq: 3 }] });
    expect(service.calls).not.toContain('waitForChange');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers at once with a reset when the epoch differs, and when the config version differs', async () => {
    const service = fakeService();
    const { app } = hub(service);
    expect(await (await app.request('/api/changes?since=5&epoch=old&wait=30000')).json()).toMatchObject({ reset: true });
    expect(await (await app.request('/api/changes?since=0&config=older&wait=30000')).json()).toMatchObject({ reset: false, configVersion: 'config-1', changes: [] });
    expect(service.calls).not.toContain('waitForChange');
  });

  it('without wait, answers at once even when nothing is new', async () => {
    const service = fakeService();
    expect(await (await hub(service).app.request('/api/changes?since=0')).json()).toMatchObject({ changes: [] });
    expect(service.calls).not.toContain('waitForChange');
  });

  it('waits for a change, then answers with it', async () => {
    const service = fakeService();
    const polling = hub(service).app.request('/api/changes?since=0&wait=30000&config=config-1');
    await waitUntil(() => service.calls.includes('waitForChange'));
    service.seq = 1;
    service.wake();
    expect(await (await polling).json()).toMatchObject({ reset: false, seq: 1, changes: [{ seq: 1, table: 'bookings' }] });
  });

  it('answers with nothing new when the wait times out', async () => {
    // The store's waitForChange resolves at the timeout; here it does so at once.
    const service = fakeService({ waitForChange: async () => undefined });
    const response = await hub(service).app.request('/api/changes?since=0&wait=1000');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ reset: false, changes: [] });
  });

  it('stops waiting when the client goes away', async () => {
    const service = fakeService();
    const controller = new AbortController();
    const polling = hub(service).app.request(new Request('http://localhost/api/changes?since=0&wait=30000', { signal: controller.signal }));
    await waitUntil(() => service.calls.includes('waitForChange'));
    controller.abort();
    await Promise.resolve(polling).catch(() => undefined);
    expect(service.waitSignals[0]?.aborted).toBe(true);
  });

  it('caps the long polls one client holds open, and frees a place when one ends', async () => {
    const service = fakeService();
    const { app } = hub(service, { limits: { longPollsPerClient: 2 } });
    const open = [app.request('/api/changes?since=0&wait=30000'), app.request('/api/changes?since=0&wait=30000')];
    await waitUntil(() => service.calls.filter((call) => call === 'waitForChange').length === 2);
    const third = await app.request('/api/changes?since=0&wait=30000');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    expect(await third.json()).toMatchObject({ error: 'rate-limited' });
    service.wake();
    await Promise.all(open);
    const again = app.request('/api/changes?since=0&wait=30000');
    await waitUntil(() => service.calls.filter((call) => call === 'waitForChange').length === 3);
    service.wake();
    expect((await again).status).toBe(200);
  });

  it.each([
    ['no since', '/api/changes', /since: missing/],
    ['a since that is no number', '/api/changes?since=abc', /since: has the wrong format/],
    ['since twice', '/api/changes?since=1&since=2', /"since" twice/],
    ['a wait over 30 s', '/api/changes?since=0&wait=30001', /wait: must be at most 30000/],
    ['an unknown parameter', '/api/changes?since=0&all=1', /all: unknown field/],
  ])('refuses %s', async (_what, path, message) => {
    const service = fakeService();
    const response = await hub(service).app.request(path);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
    expect(service.calls).toEqual([]);
  });
});

describe('POST /api/log', () => {
  const entry = { level: 'warn', topic: 'config', message: 'hello' };
  const post = (app: ReturnType<typeof hub>['app'], headers: Record<string, string>, body: unknown = entry) => app.request('http://hub.test:5180/api/log', postJson(body, headers));

  it('writes an entry from the hub’s own page, escaping control characters', async () => {
    const { app, log } = hub(fakeService());
    expect((await post(app, { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://hub.test:5180' })).status).toBe(204);
    expect(log.warn).toHaveBeenCalledWith('renderer', 'local [config] hello');
    await post(app, { Origin: 'http://hub.test:5180' }, { level: 'error', topic: 'x\ny', message: 'line\n2026-01-01 ERROR [forged] \u0007' });
    expect(log.error).toHaveBeenCalledWith('renderer', 'local [x\\u000ay] line\\u000a2026-01-01 ERROR [forged] \\u0007');
  });

  it.each([
    ['another site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a sibling site', { 'Sec-Fetch-Site': 'same-site' }],
    ['another origin', { Origin: 'http://evil.test' }],
    ['another port', { Origin: 'http://hub.test:8080' }],
    ['an opaque origin', { Origin: 'null' }],
    ['no browser at all', {}],
  ])('refuses a post from %s', async (_what, headers) => {
    const { app, log } = hub(fakeService());
    const response = await post(app, headers);
    expect(response.status).toBe(403);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('refuses entries that are too big or not entries', async () => {
    const { app } = hub(fakeService());
    const same = { 'Sec-Fetch-Site': 'same-origin' };
    expect((await post(app, same, { ...entry, message: 'x'.repeat(2001) })).status).toBe(400);
    expect((await post(app, same, { ...entry, extra: 1 })).status).toBe(400);
    expect((await post(app, same, { ...entry, level: 'debug' })).status).toBe(400);
    expect((await post(app, same, 'nope')).status).toBe(400);
    expect((await post(app, { ...same, 'Content-Length': String(20_000) }, entry)).status).toBe(413);
  });

  it('limits how often one client may post', async () => {
    let now = 0;
    const { app, log } = hub(fakeService(), { now: () => now, limits: { logBurst: 3, logPerSecond: 1 } });
    const same = { 'Sec-Fetch-Site': 'same-origin' };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(app, same)).status);
    expect(statuses).toEqual([204, 204, 204, 429, 429]);
    expect(log.warn).toHaveBeenCalledTimes(3);
    now += 1000;
    expect((await post(app, same)).status).toBe(204);
  });

  it('is refused while the store is still opening: only a paired screen may log, and pairing is in the store', async () => {
    expect((await post(hub(undefined).app, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(503);
  });
});

describe('the staff desk page', () => {
  it('serves the desk at /staff/ (and sends /staff there), revalidated like every page', async () => {
    const { app } = hub(fakeService());
    const redirect = await app.request('/staff');
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/staff/');
    const page = await app.request('/staff/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('staff desk');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect((await app.request('/staff/../.hidden')).status).toBe(404);
  });
});

describe('the site config and files', () => {
  it('serves the config the store serves once it has one, unstored', async () => {
    const service = fakeService();
    service.served = { bundle: { source: 'stored', files: { 'site.json': '{}', 'spaces.json': null, 'organisations.json': null, 'activities.json': null } }, version: 'v' };
    const response = await hub(service).app.request('/site/bundle.json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ source: 'stored' });
  });

  it('reads the folder while the store has no good config', async () => {
    const response = await hub(fakeService()).app.request('/site/bundle.json');
    expect(await response.json()).toEqual({ source: 'site', files: { 'site.json': '{"id":"t"}', 'spaces.json': null, 'organisations.json': null, 'activities.json': null } });
  });

  it('serves the site’s images, never its JSON files, nothing outside, and no symlink that leads out', async () => {
    const { app } = hub(fakeService());
    const plan = await app.request('/site/plan.svg');
    expect(plan.status).toBe(200);
    expect(plan.headers.get('content-type')).toBe('image/svg+xml');
    expect(plan.headers.get('cache-control')).toBe('no-cache');
    expect((await app.request('/site/alias.svg')).status).toBe(200);
    for (const path of ['/site/site.json', '/site/escape.png', '/site/..%2Fsecret.png', '/site/%2e%2e%2fsecret.png', '/site/missing.png', '/site/.plan.svg', '/site/a/b.png', '/site/']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it('answers a revalidation of an unchanged file with 304, and of a changed one with the file', async () => {
    const { app } = hub(fakeService());
    const first = await app.request('/site/plan.svg');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    const again = await app.request('/site/plan.svg', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect((await app.request('/site/plan.svg', { headers: { 'If-None-Match': 'W/"other"' } })).status).toBe(200);
    expect((await app.request('/', { headers: { 'If-None-Match': (await app.request('/')).headers.get('etag')! } })).status).toBe(304);
  });

  it('serves the kiosk build: index.html revalidated, hashed assets immutable, nothing hidden or outside', async () => {
    const { app } = hub(fakeService());
    const index = await app.request('/');
    expect(await index.text()).toContain('<title>kiosk</title>');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const asset = await app.request('/assets/app-123.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    for (const path of ['/leak.txt', '/.hidden', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/assets/', '/assets', '/a%00.js', '/%E0%A4%A', '/C:%5csecret.txt']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it('serves the follow-up build at /follow/ with a catalogue built from the config and the plan image', async () => {
    const sample = await import('../../src-hub/site/read');
    const bundle = await sample.readSiteBundle(new URL('../../kiosk-config/regina-mundi', import.meta.url).pathname);
    const service = fakeService();
    service.served = { bundle, version: 'sample' };
    const { app } = hub(service, { siteDir: () => new URL('../../kiosk-config/regina-mundi', import.meta.url).pathname });
    const redirect = await app.request('/follow');
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/follow/');
    expect(await (await app.request('/follow/')).text()).toContain('<title>follow</title>');
    expect((await app.request('/follow/sw.js')).headers.get('cache-control')).toBe('no-cache');
    expect((await app.request('/follow/assets/follow-1.js')).headers.get('cache-control')).toContain('immutable');
    const catalogue = (await (await app.request('/follow/catalogue.json')).json()) as { version: number; site: { plan: { image: string } }; activities: unknown[] };
    expect(catalogue.version).toBe(1);
    expect(catalogue.activities.length).toBeGreaterThan(0);
    const plan = await app.request(`/follow/${encodeURIComponent(catalogue.site.plan.image)}`);
    expect(plan.status).toBe(200);
    expect((await app.request('/follow/other.png')).status).toBe(404);
  });

  it('answers 503 for the catalogue of a config with errors', async () => {
    const response = await hub(fakeService()).app.request('/follow/catalogue.json');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'unavailable' });
  });

  it('has no /follow/ without a follow-up build folder', async () => {
    const { app } = hub(fakeService(), { followDir: undefined });
    expect((await app.request('/follow/')).status).toBe(404);
  });
});

/** Polls a condition on the event loop; the tests wait for a state, never for a time. */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('condition never became true');
}

describe('booking codes tried', () => {
  it('share one budget for cancel and its preview, so a new route does not make codes easier to guess', async () => {
    let now = 0;
    const service = fakeService();
    const { app } = hub(service, { now: () => now, limits: { codeBurst: 3, codePerSecond: 0.5 } });
    const send = (name: 'cancelBooking' | 'previewCancel') => app.request(routePath(name), postJson(VALID_BODIES[name]));
    const statuses = [];
    for (const name of ['previewCancel', 'cancelBooking', 'previewCancel', 'previewCancel', 'cancelBooking'] as const) statuses.push((await send(name)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await send('previewCancel');
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(((await refused.json()) as { error: string }).error).toBe('rate-limited');
    now += 2000;
    expect((await send('previewCancel')).status).toBe(200);
    expect(service.calls.filter((call) => call === 'previewCancel' || call === 'cancelBooking')).toHaveLength(4);
  });
});
