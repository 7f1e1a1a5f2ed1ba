// The hub's Node host (src-hub/server.ts) on a real socket, with a fake store: what reaches the app and
// what is refused before it (Host allow-list, malformed targets, parser errors, slow headers), and
// that nothing a client does — aborting, hanging up, sending garbage — ends the process.
import { connect } from 'node:net';
import { rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../src-hub/http/app';
import { CSP_HEADER } from '../../src-hub/http/csp';
import { allowedHostsFor, isWellFormedTarget, normaliseHostName, refuseRequest } from '../../src-hub/http/guard';
import { startHubServer, type HubServerTimeouts, type RunningHubServer } from '../../src-hub/server';
import { fakeService, makeFolders, silentLog, type FakeService, type Folders, STAFF_ON_SCREEN } from './http-fakes';

let folders: Folders;
let service: FakeService;
let server: RunningHubServer;
let log: ReturnType<typeof silentLog>;

beforeAll(async () => {
  folders = await makeFolders({ 'site.json': '{"id":"t"}' });
});
afterAll(() => rm(folders.root, { recursive: true, force: true }));

async function start(timeouts: Partial<HubServerTimeouts> = {}): Promise<void> {
  service = fakeService();
  log = silentLog();
  const app = createHubApp({ service: () => service, rendererDir: folders.renderer, followDir: folders.follow, siteDir: () => folders.site, log });
  server = await startHubServer({
    host: '127.0.0.1',
    port: 0,
    app,
    allowedHosts: allowedHostsFor({ listenHost: '127.0.0.1', extra: ['hub.example'] }),
    log,
    timeouts,
  });
}
afterEach(() => server?.close());

/** Sends raw bytes and collects whatever comes back until the server closes the connection. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);

describe('startHubServer', () => {
  it('serves the app with the security headers', async () => {
    await start();
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>kiosk</title>');
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
  });

  it('answers to loopback names and configured hosts, and refuses any other Host (DNS rebinding)', async () => {
    await start();
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, 'LOCALHOST', `[::1]:${server.port}`, 'hub.example', 'hub.example.']) {
      expect(statusOf(await raw(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)), host).toBe(200);
    }
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.2', 'hub.example.evil', 'localhost.evil']) {
      const response = await raw(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(statusOf(response), host).toBe(421);
      expect(response).toContain(`Content-Security-Policy: ${CSP_HEADER}`);
    }
    expect(service.calls).not.toContain('health');
    expect(statusOf(await raw('GET / HTTP/1.0\r\n\r\n'))).toBe(400);
    expect(statusOf(await raw('GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n'))).toBe(400);
  });

  it.each([
    ['//', 400],
    ['//[', 400],
    ['//evil.example/', 400],
    ['/\\evil', 400],
    ['*', 400],
    ['http://127.0.0.1/', 400],
    ['/a?b=\\', 400],
    ['/%', 404],
    ['/%zz', 404],
  ])('answers the target %s with %d, and keeps going', async (target, status) => {
    await start();
    const response = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(statusOf(response)).toBe(status);
    expect(response.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('answers a request the parser cannot read with 400 and the security headers', async () => {
    await start();
    for (const garbage of ['NOT HTTP AT ALL\r\n\r\n', 'GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n']) {
      const response = await raw(garbage);
      expect(statusOf(response), garbage).toBe(400);
      expect(response).toContain(`Content-Security-Policy: ${CSP_HEADER}`);
    }
    expect(statusOf(await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`))).toBe(431);
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('closes a connection whose headers never finish (slowloris)', async () => {
    await start({ headersMs: 300 });
    const response = await raw('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n');
    expect(response === '' || statusOf(response) === 408).toBe(true);
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('survives clients that hang up mid-body and mid-long-poll', async () => {
    await start();
    // A write whose body never completes.
    const half = connect(server.port, '127.0.0.1', () =>
      half.write(`POST /api/bookings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: ${STAFF_ON_SCREEN['Authorization']}\r\nContent-Length: 1000\r\n\r\n{"idempotencyKey"`),
    );
    half.on('error', () => undefined);
    // A long poll that is abandoned.
    const controller = new AbortController();
    const polling = fetch(new URL('api/changes?since=0&wait=30000', server.url), { signal: controller.signal, headers: STAFF_ON_SCREEN }).catch(() => undefined);
    await waitUntil(() => service.calls.includes('waitForChange'));
    controller.abort();
    half.destroy();
    await polling;
    await waitUntil(() => service.waitSignals[0]?.aborted === true);
    expect(service.calls).not.toContain('createBooking');
    expect((await fetch(new URL('api/health', server.url))).status).toBe(200);
  });

  it('answers a long poll when a change arrives, with the security headers', async () => {
    await start();
    const polling = fetch(new URL('api/changes?since=0&wait=30000', server.url), { headers: STAFF_ON_SCREEN });
    await waitUntil(() => service.calls.includes('waitForChange'));
    service.seq = 1;
    service.wake();
    const response = await polling;
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(await response.json()).toMatchObject({ seq: 1, changes: [{ seq: 1 }] });
  });

  it('cuts a long poll still open after the shutdown grace', async () => {
    await start({ shutdownGraceMs: 50 });
    const polling = fetch(new URL('api/changes?since=0&wait=30000', server.url), { headers: STAFF_ON_SCREEN }).catch((error: unknown) => error);
    await waitUntil(() => service.calls.includes('waitForChange'));
    await server.close();
    expect(await polling).toBeInstanceOf(Error);
    expect(server.server.listening).toBe(false);
  });

  it('refuses a file that vanished between the lookup and the read as missing, not as a crash', async () => {
    await start();
    const file = join(folders.renderer, 'flaky.js');
    for (let i = 0; i < 20; i++) {
      await writeFile(file, 'x');
      const [response] = await Promise.all([fetch(new URL('flaky.js', server.url)), unlink(file)]);
      expect([200, 404]).toContain(response.status);
      await response.arrayBuffer();
    }
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('takes log entries from its own page and refuses cross-site posts (the web-mode cases)', async () => {
    await start();
    const url = new URL('api/log', server.url);
    const body = JSON.stringify({ level: 'warn', topic: 'config', message: 'hello' });
    const ok = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin', ...STAFF_ON_SCREEN }, body });
    expect(ok.status).toBe(204);
    expect(log.warn).toHaveBeenCalledWith('renderer', '127.0.0.1 [config] hello');
    const cross = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example', ...STAFF_ON_SCREEN }, body });
    expect(cross.status).toBe(403);
    const garbage = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin', ...STAFF_ON_SCREEN }, body: 'nope' });
    expect(garbage.status).toBe(400);
  });

  it('serves the site bundle and images, never the config files or anything outside the folders', async () => {
    await start();
    const bundle = await fetch(new URL('site/bundle.json', server.url));
    expect(bundle.headers.get('cache-control')).toBe('no-store');
    expect(await bundle.json()).toMatchObject({ source: 'site', files: { 'site.json': '{"id":"t"}' } });
    expect((await fetch(new URL('site/plan.svg', server.url))).headers.get('content-type')).toBe('image/svg+xml');
    for (const path of ['site/site.json', 'site/..%2F..%2Fetc%2Fpasswd', '%2e%2e/site/site.json', 'site/escape.png', 'leak.txt']) {
      expect((await fetch(new URL(path, server.url))).status, path).toBe(404);
    }
  });

  it('refuses to start on a port that is taken, with the error', async () => {
    await start();
    await expect(startHubServer({ host: '127.0.0.1', port: server.port, app: { fetch: () => new Response('') }, allowedHosts: [] })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('request guard', () => {
  it('normalises host names', () => {
    expect(normaliseHostName('LocalHost.')).toBe('localhost');
    expect(normaliseHostName('::1')).toBe('[::1]');
    expect(normaliseHostName('[::1]')).toBe('[::1]');
  });

  it('allows loopback, the listening address and given names; on 0.0.0.0 the machine’s names', () => {
    expect(allowedHostsFor({ listenHost: '127.0.0.1' })).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(allowedHostsFor({ listenHost: '192.168.1.5', extra: ['hub.local', ' '] })).toEqual(['localhost', '127.0.0.1', '[::1]', '192.168.1.5', 'hub.local']);
    const wildcard = allowedHostsFor({ listenHost: '0.0.0.0', machineNames: ['Kiosk-Hub', '10.0.0.7', 'fe80::1'] });
    expect(wildcard).toEqual(['localhost', '127.0.0.1', '[::1]', 'kiosk-hub', '10.0.0.7', '[fe80::1]']);
    expect(wildcard).not.toContain('0.0.0.0');
  });

  it('refuses what it must, and passes the rest', () => {
    const allowed = ['localhost', '127.0.0.1', '[::1]'];
    expect(refuseRequest('/', '127.0.0.1:5180', allowed)).toBeNull();
    expect(refuseRequest('/api/changes?since=0', '[::1]:5180', allowed)).toBeNull();
    expect(refuseRequest('/', 'evil.example', allowed)).toMatchObject({ status: 421 });
    expect(refuseRequest('/', undefined, allowed)).toMatchObject({ status: 400 });
    expect(refuseRequest('/', 'a/b', allowed)).toMatchObject({ status: 400 });
    expect(refuseRequest('/', 'user@localhost', allowed)).toMatchObject({ status: 400 });
    expect(refuseRequest('//', 'localhost', allowed)).toMatchObject({ status: 400 });
  });

  it.each(['//', '//[', '//x', '*', 'http://h/', '', '/\\', '/a b', '/\u0000', '/é'])('calls %j malformed', (target) => {
    expect(isWellFormedTarget(target)).toBe(false);
  });

  it.each(['/', '/index.html', '/api/changes?since=1&wait=30000', '/site/plan%20v2.png', '/a/../b', '/%2e%2e/x'])('passes %j on to the app', (target) => {
    expect(isWellFormedTarget(target)).toBe(true);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 5000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!condition()) throw new Error('condition never became true');
}
