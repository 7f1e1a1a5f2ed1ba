import { describe, expect, it } from 'vitest';
import { BookingNotFound, BookingRefused, ImportRefused, SeriesRefused } from '../../../src-renderer/core/booking/errors';
import { HUB_ROUTES, IdempotencyKeySchema } from '../../../src-renderer/core/hub/contract';
import { HubClient, HubError, HubUnavailable, newIdempotencyKey, RestoreRefused, type FetchFn } from '../../../src-renderer/db/hub-client';
import * as v from 'valibot';
import { HUB_URL, json } from './fake-hub';

type Answer = Response | Error | ((signal: AbortSignal) => Promise<Response>);

/** A fetch that plays `answers` in order and records every call. */
function scripted(...answers: Answer[]) {
  const calls: { url: string; init: RequestInit; body: Record<string, unknown> | undefined }[] = [];
  const fetch: FetchFn = async (url, init) => {
    calls.push({ url, init, body: typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined });
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected call ${url}`);
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(init.signal as AbortSignal);
    return answer;
  };
  return { fetch, calls };
}

/** A client that never really waits between tries, and records the waits it would have made. */
function client(fetch: FetchFn, options: { timeoutMs?: number } = {}) {
  const waits: number[] = [];
  const hub = new HubClient({ baseUrl: HUB_URL, fetch, backoffMs: [10, 20, 30], sleep: async (ms) => void waits.push(ms), ...options });
  return { hub, waits };
}

const booked = { booking: { id: 'bk-1', code: 'ABC123' } };
const request = { spaceId: 'practice-1', start: 1, end: 2, holder: { kind: 'visitor' as const, nickname: 'Mo' }, by: 'kiosk' as const };
/** What a fetch with no listener on the other end throws. */
const refused = () => new TypeError('fetch failed');
/** A fetch that hangs until its signal aborts it, as a hub that accepted the connection and froze. */
const hang = (signal: AbortSignal) =>
  new Promise<Response>((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    signal.addEventListener('abort', () => reject(signal.reason as Error));
  });

describe('idempotency keys', () => {
  it('are 24 url-safe characters the contract accepts, and never the same twice', () => {
    const keys = Array.from({ length: 200 }, () => newIdempotencyKey());
    for (const key of keys) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(v.is(IdempotencyKeySchema, key)).toBe(true);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('HubClient writes', () => {
  it('posts to the contract path relative to the base, with the key in the body', async () => {
    const { fetch, calls } = scripted(json(201, booked));
    const { hub } = client(fetch);
    await expect(hub.createBooking(request)).resolves.toEqual(booked);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`http://hub.test${HUB_ROUTES.createBooking[1]}`);
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.body).toMatchObject({ ...request, idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
  });

  it('fills and encodes path parameters, and keeps a base path prefix', async () => {
    const { fetch, calls } = scripted(json(200, booked));
    const hub = new HubClient({ baseUrl: 'https://site.example/kiosk/index.html', fetch });
    await hub.moveBooking('bk/1 2', { start: 1, end: 2, by: { staff: 'An' } });
    expect(calls[0]!.url).toBe('https://site.example/kiosk/api/bookings/bk%2F1%202/move');
    expect(hub.assetUrl('plan image.svg')).toBe('https://site.example/kiosk/site/plan%20image.svg');
  });

  it('retries a network error, a 503 and a timeout with the SAME key, then answers', async () => {
    const { fetch, calls } = scripted(refused(), json(503, { error: 'unavailable', message: 'starting' }), hang, json(201, booked));
    const { hub, waits } = client(fetch, { timeoutMs: 50 });
    await expect(hub.createBooking(request)).resolves.toEqual(booked);
    expect(calls).toHaveLength(4);
    const keys = new Set(calls.map((call) => call.body?.['idempotencyKey']));
    expect(keys.size).toBe(1);
    expect(waits).toEqual([10, 20, 30]);
  });

  it('uses the key of the intent when one is given, on every try', async () => {
    const key = newIdempotencyKey();
    const { fetch, calls } = scripted(refused(), json(201, booked));
    const { hub } = client(fetch);
    await hub.createBooking(request, { key });
    expect(calls.map((call) => call.body?.['idempotencyKey'])).toEqual([key, key]);
  });

  it('gives up with HubUnavailable after the last try, saying why', async () => {
    const { fetch, calls } = scripted(refused(), refused(), refused(), refused());
    const { hub } = client(fetch);
    const error = await hub.cancelBooking({ code: 'ABC123', by: 'kiosk' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubUnavailable);
    expect((error as Error).message).toMatch(/cancelBooking: fetch failed/);
    expect(calls).toHaveLength(4);
  });

  it('counts a hub that never answers as unavailable, each try cut off by its own timeout', async () => {
    const { fetch, calls } = scripted(hang, hang, hang, hang);
    const { hub } = client(fetch, { timeoutMs: 20 });
    const error = await hub.createBooking(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubUnavailable);
    expect((error as Error).message).toMatch(/timed out/);
    expect(calls.every((call) => call.init.signal instanceof AbortSignal)).toBe(true);
  });

  it('waits as long as Retry-After says on a 429 (capped), then tries again', async () => {
    const { fetch } = scripted(json(429, { error: 'rate-limited', message: 'slow down' }, { 'Retry-After': '3' }), json(201, booked));
    const { hub, waits } = client(fetch);
    await hub.createBooking(request);
    expect(waits).toEqual([3000]);
  });

  it('takes a 429 lockout as a refusal with its end, not as a reason to try again', async () => {
    const { fetch, calls } = scripted(json(429, { error: 'locked', message: 'Locked for a while.', until: 1_234_000 }, { 'Retry-After': '60' }));
    const { hub, waits } = client(fetch);
    const error = await hub.request('lobbyUnlock', { body: { name: 'carla', pin: '0000' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ status: 429, code: 'locked', until: 1_234_000 });
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('says rate-limited, not unreachable, when the limit is still there on the last try', async () => {
    const { fetch } = scripted(json(429, { error: 'rate-limited', message: 'slow down' }));
    const { hub } = client(fetch);
    await expect(hub.request('lobbyUnlock', { body: { name: 'carla', pin: '0000' } })).rejects.toMatchObject({ code: 'rate-limited', status: 429 });
  });

  it("sends a request's own headers over the client's credentials, and tells a 401 with its code", async () => {
    const { fetch, calls } = scripted(json(200, {}), json(401, { error: 'not-paired', message: 'Pair this screen.' }));
    const told: string[] = [];
    const hub = new HubClient({ baseUrl: HUB_URL, fetch, credentials: () => ({ Authorization: 'Bearer dev-1' }), onUnauthorized: (code) => told.push(code) });
    await hub.request('lobbyLock', { body: {}, headers: { 'X-Lobby-Session': 'ending' } });
    expect(calls[0]!.init.headers).toMatchObject({ Authorization: 'Bearer dev-1', 'X-Lobby-Session': 'ending' });
    expect(calls[0]!.init.credentials).toBe('omit');
    await expect(hub.request('device')).rejects.toMatchObject({ status: 401, code: 'not-paired' });
    expect(told).toEqual(['not-paired']);
  });

  it('does not retry a refusal, nor a request the caller aborted', async () => {
    const refusal = { error: 'booking-refused', message: 'Just taken.', violations: [{ rule: 'fully-booked', message: 'Just taken.' }], nearest: [{ spaceId: 'practice-1', start: 5, end: 6, day: '2026-03-23', from: '20:30', to: '21:30' }] };
    const { fetch, calls } = scripted(json(409, refusal));
    const { hub } = client(fetch);
    await expect(hub.createBooking(request)).rejects.toBeInstanceOf(BookingRefused);
    expect(calls).toHaveLength(1);

    const controller = new AbortController();
    const aborted = scripted((signal) => {
      controller.abort(new Error('closed the dialog'));
      return hang(signal);
    });
    const second = client(aborted.fetch);
    await expect(second.hub.createBooking(request, { signal: controller.signal })).rejects.toThrow('closed the dialog');
    expect(aborted.calls).toHaveLength(1);
  });
});

describe('HubClient refusals', () => {
  const cases: [string, number, object | string, (error: unknown) => void][] = [
    [
      'booking-refused',
      409,
      { error: 'booking-refused', message: 'Just taken.', violations: [{ rule: 'fully-booked', message: 'Just taken.' }], nearest: [{ start: 5 }] },
      (error) => {
        expect(error).toBeInstanceOf(BookingRefused);
        expect((error as BookingRefused).violations.map((x) => x.rule)).toEqual(['fully-booked']);
        expect((error as BookingRefused).nearest).toEqual([{ start: 5 }]);
        expect((error as Error).message).toBe('Just taken.');
      },
    ],
    ['not-found on a booking route', 404, { error: 'not-found', message: 'No current booking has the code X.' }, (error) => expect(error).toBeInstanceOf(BookingNotFound)],
    [
      'series-refused',
      409,
      { error: 'series-refused', message: '1 session collides since the plan was made.', conflicts: [{ date: '2026-03-31' }] },
      (error) => {
        expect(error).toBeInstanceOf(SeriesRefused);
        expect((error as SeriesRefused).conflicts).toEqual([{ date: '2026-03-31' }]);
        expect((error as Error).message).toBe('1 session collides since the plan was made.');
      },
    ],
    ['import-refused', 409, { error: 'import-refused', message: 'These ids already belong to config activities: choir.' }, (error) => expect(error).toEqual(new ImportRefused('These ids already belong to config activities: choir.'))],
    [
      'restore-refused',
      400,
      { error: 'restore-refused', message: 'The backup does not validate.', errors: [{ path: 'data.bookings[0]', message: 'overlaps' }] },
      (error) => {
        expect(error).toBeInstanceOf(RestoreRefused);
        expect((error as RestoreRefused).errors).toEqual([{ path: 'data.bookings[0]', message: 'overlaps' }]);
      },
    ],
    [
      'bad-request',
      400,
      { error: 'bad-request', message: 'Unknown field.', issues: [{ path: 'extra', message: 'unknown' }] },
      (error) => {
        expect(error).toBeInstanceOf(HubError);
        expect(error).toMatchObject({ status: 400, code: 'bad-request', issues: [{ path: 'extra', message: 'unknown' }] });
      },
    ],
    [
      'a refused config change (its problems named errors)',
      422,
      { error: 'config-refused', message: 'The site config would not validate.', errors: [{ file: 'site.json', path: 'mentors[3].organisation', message: 'does not exist' }] },
      (error) => {
        expect(error).toBeInstanceOf(HubError);
        expect((error as HubError).issues).toEqual([{ file: 'site.json', path: 'mentors[3].organisation', message: 'does not exist' }]);
      },
    ],
    ['idempotency-conflict', 409, { error: 'idempotency-conflict', message: 'Key reused.' }, (error) => expect(error).toMatchObject({ name: 'HubError', code: 'idempotency-conflict' })],
    ['a body that is not JSON', 500, 'Internal Server Error', (error) => expect(error).toMatchObject({ name: 'HubError', status: 500 })],
  ];

  it.each(cases)('maps %s back to the error a screen catches', async (_name, status, body, check) => {
    const response = typeof body === 'string' ? new Response(body, { status }) : json(status, body);
    const { fetch, calls } = scripted(response);
    const { hub } = client(fetch);
    const route = _name.startsWith('not-found') ? hub.cancelBooking({ code: 'X', by: 'kiosk' }) : _name === 'restore-refused' ? hub.restore({ backup: {}, by: { staff: 'An' } }) : hub.createBooking(request);
    check(await route.catch((e: unknown) => e));
    expect(calls).toHaveLength(1);
  });

  it('keeps an unknown id of a non-booking route a plain HubError', async () => {
    const { fetch } = scripted(json(404, { error: 'not-found', message: 'No organisation "x".' }));
    const { hub } = client(fetch);
    await expect(hub.saveOrganisation({ id: 'x', draft: { name: 'X', kind: 'resident' }, by: { staff: 'An' } })).rejects.toMatchObject({ name: 'HubError', code: 'not-found' });
  });
});

describe('HubClient reads', () => {
  it('long-polls with since, epoch, config and wait, allowing the wait plus a grace before it times out', async () => {
    const answer = { epoch: 'e', seq: 3, configVersion: 'c', reset: false, changes: [] };
    const { fetch, calls } = scripted(json(200, answer));
    const { hub } = client(fetch, { timeoutMs: 1 });
    await expect(hub.changes({ since: 3, epoch: 'e', config: 'c', waitMs: 50 })).resolves.toEqual(answer);
    const url = new URL(calls[0]!.url);
    expect(url.pathname).toBe('/api/changes');
    expect(Object.fromEntries(url.searchParams)).toEqual({ since: '3', epoch: 'e', config: 'c', wait: '50' });
  });

  it('tries a long poll only once: the change stream has its own back-off', async () => {
    const { fetch, calls } = scripted(refused());
    const { hub } = client(fetch);
    await expect(hub.changes({ since: 0, waitMs: 0 })).rejects.toBeInstanceOf(HubUnavailable);
    expect(calls).toHaveLength(1);
    expect(new URL(calls[0]!.url).searchParams.has('epoch')).toBe(false);
  });

  it('fetches the site bundle uncached, and sends logs without ever failing', async () => {
    const bundle = { source: 'site', files: {} };
    const { fetch, calls } = scripted(json(200, bundle), refused());
    const { hub } = client(fetch);
    await expect(hub.siteBundle()).resolves.toEqual(bundle);
    expect(calls[0]).toMatchObject({ url: 'http://hub.test/site/bundle.json', init: { cache: 'no-store' } });
    await expect(hub.log({ level: 'info', topic: 't', message: 'm' })).resolves.toBeUndefined();
    expect(calls[1]).toMatchObject({ url: 'http://hub.test/api/log', init: { method: 'POST', keepalive: true }, body: { level: 'info', topic: 't', message: 'm' } });
  });
});
