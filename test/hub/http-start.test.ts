// startHub (src-hub/start.ts) with a fake store whose opening the test controls: the server answers
// before the store is open, the API joins in once it is, and closing never leaves a store half-open.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateHolderKey, signClaimProof } from '../../src-renderer/core/badges';
import { startHub, type RunningHub, type StartHubOptions } from '../../src-hub/start';
import { describeStore } from '../../src-hub/store';
import type { HubService } from '../../src-hub/service';
import { fakeService, makeFolders, silentLog, type Folders, STAFF_ON_SCREEN } from './http-fakes';

let folders: Folders;
beforeAll(async () => {
  folders = await makeFolders({ 'site.json': '{"id":"t"}' });
});
afterAll(() => rm(folders.root, { recursive: true, force: true }));

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function start(open: StartHubOptions['open'], extra: Partial<StartHubOptions> = {}): Promise<RunningHub> {
  return startHub({ siteDir: folders.site, store: { dataDir: '/nowhere' }, rendererDir: folders.renderer, followDir: folders.follow, port: 0, log: silentLog(), open, ...extra });
}

describe('startHub', () => {
  it('serves the kiosk and the site config before the store is open, the API after', async () => {
    const opening = deferred<HubService>();
    const hub = await start(() => opening.promise);
    try {
      expect((await fetch(hub.url)).status).toBe(200);
      expect((await fetch(new URL('site/bundle.json', hub.url))).status).toBe(200);
      expect((await fetch(new URL('api/health', hub.url))).status).toBe(503);
      expect(hub.service()).toBeUndefined();
      const service = fakeService();
      opening.resolve(service);
      await expect(hub.ready).resolves.toBe(service);
      expect((await fetch(new URL('api/health', hub.url))).status).toBe(200);
    } finally {
      await hub.close();
    }
  });

  it('closes the store after the server', async () => {
    const service = fakeService();
    const hub = await start(async () => service);
    await hub.ready;
    await hub.close();
    expect(service.calls.at(-1)).toBe('close');
    expect(hub.server.server.listening).toBe(false);
  });

  it('closed while the store opens: waits for it and closes it, so no store is left half-open', async () => {
    const opening = deferred<HubService>();
    const hub = await start(() => opening.promise);
    const closed = hub.close();
    const service = fakeService();
    opening.resolve(service);
    await closed;
    expect(service.calls).toContain('close');
    await expect(hub.ready).rejects.toThrow(/closed before its store was open/);
  });

  it('answers a waiting long poll when it closes, instead of cutting it', async () => {
    const service = fakeService();
    const hub = await start(async () => service);
    await hub.ready;
    const polling = fetch(new URL('api/changes?since=0&wait=30000', hub.url), { headers: STAFF_ON_SCREEN });
    await vi.waitFor(() => expect(service.calls).toContain('waitForChange'));
    await hub.close();
    const response = await polling;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ reset: false, changes: [] });
  });

  it('without retries: a store that cannot open is logged, and the files are still served', async () => {
    const log = silentLog();
    const hub = await start(() => Promise.reject(new Error('disk on fire')), { log });
    try {
      await expect(hub.ready).rejects.toThrow('disk on fire');
      expect(log.error).toHaveBeenCalledWith('hub', expect.stringContaining('disk on fire'));
      expect((await fetch(hub.url)).status).toBe(200);
      expect((await fetch(new URL('api/health', hub.url))).status).toBe(503);
    } finally {
      await hub.close();
    }
  });

  it('with retries: keeps trying until the store opens', async () => {
    const service = fakeService();
    let tries = 0;
    const log = silentLog();
    const hub = await start(
      async () => {
        tries += 1;
        if (tries < 3) throw new Error(`database not up (${tries})`);
        return service;
      },
      { log, retryOpen: { firstMs: 1, maxMs: 2 } },
    );
    try {
      await expect(hub.ready).resolves.toBe(service);
      expect(tries).toBe(3);
      expect(log.error).toHaveBeenCalledTimes(2);
    } finally {
      await hub.close();
    }
  });

  it('passes the store location, site folder and version to the opener', async () => {
    const open = vi.fn(async () => fakeService());
    const hub = await start(open, { store: { database: 'postgres://hub@db/wegwijzer' }, version: '9.9.9' });
    await hub.ready;
    await hub.close();
    expect(open).toHaveBeenCalledWith({ database: 'postgres://hub@db/wegwijzer' }, folders.site, expect.anything(), '9.9.9', undefined);
  });

  it("judges a phone's claim proof on the hub's clock, the one its store runs on, not the wall clock", async () => {
    // A hub whose clock stands on an afternoon long ago (as the end-to-end tests run the site).
    const now = Date.parse('2026-03-26T09:00:00Z');
    const open = vi.fn<NonNullable<StartHubOptions['open']>>(async () => fakeService());
    const hub = await start(open, { now: () => now });
    try {
      await hub.ready;
      expect(open.mock.calls[0]?.[4]?.()).toBe(now);
      const token = 'token-0123456789abcdef';
      const claim = (proofAt: number) =>
        generateHolderKey().then(async (holder) => fetch(new URL('badges/claim', hub.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token, proof: await signClaimProof(token, holder, proofAt) }) }));
      // A phone in step with the hub: its proof is taken and the claim goes on to the store.
      const inStep = await claim(now);
      expect(inStep.status, await inStep.text()).toBe(200);
      // A phone in step with the wall clock is months off the hub's time: refused, with the reason.
      const offClock = await claim(Date.now());
      expect(offClock.status).toBe(400);
      expect(await offClock.json()).toMatchObject({ error: 'badge-refused', reason: 'proof' });
    } finally {
      await hub.close();
    }
  });
});

describe('describeStore', () => {
  it('names the store and never prints a password', () => {
    expect(describeStore({ dataDir: '/var/lib/wegwijzer-hub' })).toBe('PGlite in /var/lib/wegwijzer-hub');
    expect(describeStore({ database: 'postgres://hub:s3cret@db.local:5432/wegwijzer' })).toBe('PostgreSQL at postgres://hub:***@db.local:5432/wegwijzer');
    expect(describeStore({ database: 'not a url' })).toBe('PostgreSQL at an unreadable URL');
  });
});
