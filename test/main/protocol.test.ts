// The app:// handler: recovery pages from main, everything else from the same hub app the Node
// server runs (here a real one over temporary folders and a fake store), or from a remote hub.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { Protocol } from 'electron';
import { createHubApp } from '../../src-hub/http/app';
import { CSP_HEADER } from '../../src-hub/http/csp';
import { APP_SCHEME_PRIVILEGES, asLocalScreen, createAppProtocolHandler, registerAppProtocol, staffSignedIn, type SeenCredentials } from '../../src-main/protocol';
import { FAKE_DEVICE_TOKEN, FAKE_LOBBY_TOKEN, fakeService } from '../hub/http-fakes';
import { silentLog } from './fakes';

let root: string;
let rendererDir: string;
let siteDir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'wegwijzer-protocol-'));
  rendererDir = join(root, 'renderer');
  siteDir = join(root, 'site');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  mkdirSync(siteDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(join(rendererDir, 'assets', 'index-1.js'), 'console.log(1)');
  writeFileSync(join(siteDir, 'plan.svg'), '<svg/>');
  writeFileSync(join(siteDir, 'site.json'), '{}');
  writeFileSync(join(root, 'secret.png'), 'secret');
  symlinkSync(join(root, 'secret.png'), join(siteDir, 'leak.png'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function handler(options: { remoteHub?: string | null; fetch?: (input: string, init: RequestInit) => Promise<Response>; hubApp?: { fetch: (request: Request) => Response | Promise<Response> } } = {}) {
  const service = fakeService();
  const log = silentLog();
  const hubApp = options.hubApp ?? createHubApp({ service: () => service, rendererDir, siteDir: () => siteDir, log });
  const handle = createAppProtocolHandler({ hubApp, remoteHub: options.remoteHub ?? null, fetch: options.fetch ?? vi.fn(), log, localToken: () => FAKE_DEVICE_TOKEN });
  return { handle, service, log };
}

describe('APP_SCHEME_PRIVILEGES', () => {
  it('makes app:// standard (IndexedDB), secure and fetchable, and nothing more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });
});

describe('asLocalScreen', () => {
  it('adds the local screen token to a request that has none, and leaves a token the renderer sent', () => {
    expect(asLocalScreen(new Request('app://kiosk/api/device'), 'local-token').headers.get('authorization')).toBe('Bearer local-token');
    expect(asLocalScreen(new Request('app://kiosk/api/device', { headers: { Authorization: 'Bearer own' } }), 'local-token').headers.get('authorization')).toBe('Bearer own');
    expect(asLocalScreen(new Request('app://kiosk/api/device'), undefined).headers.get('authorization')).toBeNull();
  });
});

describe('staffSignedIn (the file-save bridge asks the hub)', () => {
  it('is true only while the lobby session the renderer last sent is one the hub accepts', async () => {
    const seen: SeenCredentials = {};
    const service = fakeService();
    const hubApp = createHubApp({ service: () => service, rendererDir, siteDir: () => siteDir, log: silentLog() });
    const handle = createAppProtocolHandler({ hubApp, remoteHub: null, fetch: vi.fn(), log: silentLog(), localToken: () => FAKE_DEVICE_TOKEN, seen });
    // Nobody unlocked: no save.
    expect(await staffSignedIn(handle, seen)).toBe(false);
    // The renderer works as staff: its requests carry the lobby session, main notes it.
    await handle(new Request('app://kiosk/api/device', { headers: { 'X-Lobby-Session': FAKE_LOBBY_TOKEN } }));
    expect(await staffSignedIn(handle, seen)).toBe(true);
    // A forged session the hub does not know is worth nothing.
    await handle(new Request('app://kiosk/api/device', { headers: { 'X-Lobby-Session': 'forged-lobby-session-0123456789' } }));
    expect(await staffSignedIn(handle, seen)).toBe(false);
    // After the lock the renderer sends no session any more: no save either.
    await handle(new Request('app://kiosk/api/changes?since=0'));
    expect(seen.lobby).toBeUndefined();
    expect(await staffSignedIn(handle, seen)).toBe(false);
  });
});

describe('createAppProtocolHandler', () => {
  it('serves the kiosk build through the hub app, with the CSP', async () => {
    const { handle } = handler();
    const index = await handle(new Request('app://kiosk/'));
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('id="app"');
    expect(index.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect((await handle(new Request('app://kiosk/assets/index-1.js'))).headers.get('cache-control')).toContain('immutable');
  });

  it('answers the API and the site config from the embedded hub', async () => {
    const { handle, service } = handler();
    expect(await (await handle(new Request('app://kiosk/api/health'))).json()).toMatchObject({ ok: true, store: 'pglite' });
    const booked = await handle(
      new Request('app://kiosk/api/bookings', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ idempotencyKey: 'key-0123456789abcdef', spaceId: 'practice-1', start: 1, end: 2, holder: { kind: 'visitor', nickname: 'Ann' }, by: 'kiosk' }),
      }),
    );
    // Main speaks for this machine's screen: the renderer sent no token, the hub saw the local one.
    expect(booked.status).toBe(200);
    expect(service.calls).toContain('createBooking');
    expect(await (await handle(new Request('app://kiosk/site/bundle.json'))).json()).toMatchObject({ files: { 'site.json': '{}' } });
    expect((await handle(new Request('app://kiosk/site/plan.svg'))).status).toBe(200);
  });

  it('answers 404 with the security headers for refused paths, other hosts and symlinks out of the site', async () => {
    const { handle } = handler();
    for (const url of ['app://kiosk/missing.js', 'app://kiosk/%2e%2e/secret.png', 'app://evil/index.html', 'app://kiosk/site/site.json', 'app://kiosk/site/leak.png', 'app://kiosk/.env']) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(CSP_HEADER);
    }
  });

  it('serves the recovery page itself, without any renderer build or hub', async () => {
    const broken = { fetch: () => Promise.reject(new Error('no hub')) };
    const response = await handler({ hubApp: broken }).handle(new Request('app://kiosk/recovery.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(await response.text()).toContain('recovery.css');
  });

  it('with a remote hub: passes /api and /site there and keeps the kiosk build local', async () => {
    const fetch = vi.fn(async (input: string) => new Response(JSON.stringify({ from: input }), { headers: { 'Content-Type': 'application/json' } }));
    const { handle } = handler({ remoteHub: 'http://hub.local:5180/', fetch });
    expect(await (await handle(new Request('app://kiosk/api/changes?since=4&wait=30000'))).json()).toEqual({ from: 'http://hub.local:5180/api/changes?since=4&wait=30000' });
    expect(await (await handle(new Request('app://kiosk/site/bundle.json'))).json()).toEqual({ from: 'http://hub.local:5180/site/bundle.json' });
    expect(await (await handle(new Request('app://kiosk/'))).text()).toContain('id="app"');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('turns a failure into a logged 500 with the security headers, never a crash', async () => {
    const { handle, log } = handler({ hubApp: { fetch: () => Promise.reject(new Error('EIO')) } });
    const response = await handle(new Request('app://kiosk/'));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(log.error).toHaveBeenCalledWith('protocol', expect.stringContaining('EIO'));
  });
});

describe('registerAppProtocol', () => {
  it('handles the app scheme on the given protocol object', () => {
    const protocol = { handle: vi.fn() };
    const handle = vi.fn();
    registerAppProtocol(protocol as unknown as Protocol, handle);
    expect(protocol.handle).toHaveBeenCalledWith('app', handle);
  });
});
