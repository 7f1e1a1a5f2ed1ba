import { describe, expect, it } from 'vitest';
import { DEVICE_STORAGE_KEY } from '../../../src-renderer/core/screen';
import { HubClient, type FetchFn } from '../../../src-renderer/db/hub-client';
import { DeviceSession } from '../../../src-renderer/kiosk/device.svelte';

const HUB_URL = 'http://hub.test/';
const screen = { id: 'scr-lobby', name: 'Lobby', closed: false, pairedAt: 1 };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key), items };
}

/**
 * A hub that answers by route, and records who asked. `route` returns the answer for a path (and
 * may change what it answers next).
 */
function fakeHub(route: (path: string, body: Record<string, unknown> | undefined) => Response | Error) {
  const calls: { path: string; authorization: string | undefined }[] = [];
  const fetch: FetchFn = async (url, init) => {
    const path = new URL(url).pathname;
    calls.push({ path, authorization: (init.headers as Record<string, string>)['Authorization'] });
    const answer = route(path, typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, calls };
}

/** Lets every pending promise and zero-length sleep run. */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

function session(route: Parameters<typeof fakeHub>[0], stored: Record<string, string> = {}) {
  const storage = memoryStorage(stored);
  const hub = fakeHub(route);
  const device = new DeviceSession({ storage, pollMs: 0, retryMs: 0, sleep: () => new Promise((resolve) => setTimeout(resolve, 0)) });
  const client = new HubClient({ baseUrl: HUB_URL, fetch: hub.fetch, backoffMs: [], credentials: () => device.headers(), onUnauthorized: (code) => code === 'not-paired' && device.unpaired() });
  return { device, client, storage, calls: hub.calls };
}

describe('DeviceSession', () => {
  it('pairs a screen with no token: shows the code, polls, stores the token and sends it from then on', async () => {
    let claimed = false;
    let paired = false;
    const { device, client, storage, calls } = session((path, body) => {
      if (path === '/api/device') return paired ? json(200, { screen }) : json(401, { error: 'not-paired', message: 'Pair this screen.' });
      if (path === '/api/pairing') return json(200, { pairingId: 'pairing-secret-0001', code: 'K7MX2P', expiresAt: 10_000_000_000_000 });
      if (path === '/api/pairing/poll') {
        expect(body).toEqual({ pairingId: 'pairing-secret-0001' });
        if (!claimed) return json(200, { status: 'waiting', code: 'K7MX2P', expiresAt: 10_000_000_000_000 });
        paired = true;
        return json(200, { status: 'paired', token: 'device-token-1', screen });
      }
      return json(404, { error: 'not-found', message: path });
    });
    const stop = device.start(client);
    await settle();
    expect(device.status).toBe('pairing');
    expect(device.pairing?.code).toBe('K7MX2P');
    claimed = true;
    await settle();
    expect(device.status).toBe('paired');
    expect(device.screenId).toBe('scr-lobby');
    expect(JSON.parse(storage.items.get(DEVICE_STORAGE_KEY)!)).toEqual({ token: 'device-token-1', screenId: 'scr-lobby' });
    expect(device.headers()).toEqual({ Authorization: 'Bearer device-token-1' });
    expect(calls[0]).toEqual({ path: '/api/device', authorization: undefined });
    stop();
  });

  it('asks for a new code when one expires', async () => {
    let codes = 0;
    const { device, client } = session((path) => {
      if (path === '/api/device') return json(401, { error: 'not-paired', message: '' });
      if (path === '/api/pairing') return json(200, { pairingId: `pairing-secret-000${++codes}`, code: `CODE0${codes}`, expiresAt: 10_000_000_000_000 });
      return codes === 1 ? json(200, { status: 'expired' }) : json(200, { status: 'waiting', code: 'CODE02', expiresAt: 10_000_000_000_000 });
    });
    const stop = device.start(client);
    await settle();
    expect(device.pairing?.code).toBe('CODE02');
    stop();
  });

  it('drops a revoked token and goes back to pairing', async () => {
    let revoked = false;
    const { device, client, storage } = session(
      (path) => {
        if (path === '/api/device') return revoked ? json(401, { error: 'not-paired', message: 'revoked' }) : json(200, { screen });
        if (path === '/api/pairing') return json(200, { pairingId: 'pairing-secret-0002', code: 'NEWONE', expiresAt: 10_000_000_000_000 });
        if (path === '/api/changes') return json(401, { error: 'not-paired', message: 'revoked' });
        return json(200, { status: 'waiting', code: 'NEWONE', expiresAt: 10_000_000_000_000 });
      },
      { [DEVICE_STORAGE_KEY]: JSON.stringify({ token: 'old-token', screenId: 'scr-lobby' }) },
    );
    const stop = device.start(client);
    expect(device.status).toBe('paired');
    await settle();
    expect(device.status).toBe('paired');
    revoked = true;
    await client.request('changes').catch(() => undefined);
    await settle();
    expect(device.status).toBe('pairing');
    expect(storage.items.has(DEVICE_STORAGE_KEY)).toBe(false);
    expect(device.headers()).toEqual({});
    expect(device.pairing?.code).toBe('NEWONE');
    stop();
  });

  it('keeps serving from the copy when the hub is away and a token is stored; without one it says the hub is unreachable', async () => {
    const away = () => new TypeError('fetch failed');
    const stored = session(away, { [DEVICE_STORAGE_KEY]: JSON.stringify({ token: 't', screenId: 'scr-lobby' }) });
    const stopStored = stored.device.start(stored.client);
    await settle();
    expect(stored.device.status).toBe('paired');
    expect(stored.device.screenId).toBe('scr-lobby');
    stopStored();

    const fresh = session(away);
    const stopFresh = fresh.device.start(fresh.client);
    await settle();
    expect(fresh.device.status).toBe('checking');
    expect(fresh.device.unreachable).toBe(true);
    stopFresh();
  });

  it('is paired with no token of its own when the host adds the bearer (Electron)', async () => {
    const { device, client, storage } = session((path) => (path === '/api/device' ? json(200, { screen }) : json(404, { error: 'not-found', message: '' })));
    const stop = device.start(client);
    await settle();
    expect(device.status).toBe('paired');
    expect(device.screenId).toBe('scr-lobby');
    expect(device.headers()).toEqual({});
    expect(storage.items.size).toBe(0);
    stop();
  });
});
