import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSP_HEADER } from '../../src-main/csp';
import { rendererFile, startWebServer, type RunningWebServer } from '../../src-main/web/server';

let root: string;
let server: RunningWebServer;
const logged: string[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wegwijzer-web-'));
  await mkdir(join(root, 'renderer/assets'), { recursive: true });
  await mkdir(join(root, 'site'));
  await writeFile(join(root, 'renderer/index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(join(root, 'renderer/assets/app-123.js'), 'console.log(1)');
  await writeFile(join(root, 'site/site.json'), '{"id":"t"}');
  await writeFile(join(root, 'site/plan.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  logged.length = 0;
  server = await startWebServer({ rendererDir: join(root, 'renderer'), siteDir: join(root, 'site'), port: 0, log: (line) => logged.push(line) });
});

afterEach(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('web-mode server', () => {
  it('serves the renderer with the kiosk CSP', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>kiosk</title>');
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const asset = await fetch(new URL('assets/app-123.js', server.url));
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('answers the site bundle like kiosk:site:get does under Electron', async () => {
    const response = await fetch(new URL('site/bundle.json', server.url));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      source: 'site',
      files: { 'site.json': '{"id":"t"}', 'spaces.json': null, 'organisations.json': null, 'activities.json': null },
    });
  });

  it('serves site images but never the config files or anything outside the folders', async () => {
    expect((await fetch(new URL('site/plan.svg', server.url))).headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetch(new URL('site/site.json', server.url))).status).toBe(404);
    expect((await fetch(new URL('site/..%2F..%2Fetc%2Fpasswd', server.url))).status).toBe(404);
    expect((await fetch(new URL('/%2e%2e/site/site.json', server.url))).status).toBe(404);
  });

  it('pushes a change event when a file in the site folder changes', async () => {
    const controller = new AbortController();
    const response = await fetch(new URL('site/events', server.url), { signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // the retry hint
    await writeFile(join(root, 'site/spaces.json'), '{"spaces":[]}');
    let received = '';
    while (!received.includes('event: site')) received += (await reader.read()).value ?? '';
    expect(received).toContain('data: changed');
    controller.abort();
  });

  it('takes renderer log entries and refuses garbage', async () => {
    const ok = await fetch(new URL('api/log', server.url), { method: 'POST', body: JSON.stringify({ level: 'warn', topic: 'config', message: 'hello' }) });
    expect(ok.status).toBe(204);
    expect(logged).toContain('renderer warn [config] hello');
    const bad = await fetch(new URL('api/log', server.url), { method: 'POST', body: 'nope' });
    expect(bad.status).toBe(400);
  });
});

describe('rendererFile', () => {
  it('maps / to index.html and refuses escapes', () => {
    expect(rendererFile('/r', '/')).toBe('/r/index.html');
    expect(rendererFile('/r', '/assets/a.js')).toBe('/r/assets/a.js');
    expect(rendererFile('/r', '/../etc/passwd')).toBeNull();
    expect(rendererFile('/r', '/%2e%2e/x')).toBeNull();
    expect(rendererFile('/r', '/a\\..\\..\\x')).toBeNull();
    expect(rendererFile('/r', '/%E0%A4%A')).toBeNull();
  });
});
