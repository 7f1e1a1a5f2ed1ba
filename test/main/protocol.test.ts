import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, isAbsolute } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { Protocol } from 'electron';
import { CSP_HEADER } from '../../src-main/csp';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, registerAppProtocol, resolveAppRequest } from '../../src-main/protocol';
import { silentLog } from './fakes';
import { PROPERTY_TIMEOUT_MS } from '../support/property';

const RENDERER = join(tmpdir(), 'renderer-root');

describe('APP_SCHEME_PRIVILEGES', () => {
  it('makes app:// standard (IndexedDB), secure and fetchable, and nothing more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });
});

describe('resolveAppRequest', () => {
  it('serves index.html at the root', () => {
    expect(resolveAppRequest('app://kiosk/', RENDERER)).toEqual({ kind: 'file', path: join(RENDERER, 'index.html') });
    expect(resolveAppRequest('app://kiosk', RENDERER)).toEqual({ kind: 'file', path: join(RENDERER, 'index.html') });
  });

  it('serves files below the renderer folder, ignoring query and fragment', () => {
    expect(resolveAppRequest('app://kiosk/assets/index-abc123.js?v=1#x', RENDERER)).toEqual({ kind: 'file', path: join(RENDERER, 'assets', 'index-abc123.js') });
    expect(resolveAppRequest('app://kiosk/follow/index.html', RENDERER)).toEqual({ kind: 'file', path: join(RENDERER, 'follow', 'index.html') });
    expect(resolveAppRequest('app://kiosk/assets/caf%C3%A9.png', RENDERER)).toEqual({ kind: 'file', path: join(RENDERER, 'assets', 'café.png') });
  });

  it('maps /site/<file> to a site asset name', () => {
    expect(resolveAppRequest('app://kiosk/site/plan.svg', RENDERER)).toEqual({ kind: 'site-asset', name: 'plan.svg' });
    expect(resolveAppRequest('app://kiosk/site/regina%20mundi.png', RENDERER)).toEqual({ kind: 'site-asset', name: 'regina mundi.png' });
    expect(resolveAppRequest('app://kiosk/site/', RENDERER)).toEqual({ kind: 'not-found' });
    expect(resolveAppRequest('app://kiosk/site/a/b.png', RENDERER)).toEqual({ kind: 'not-found' });
  });

  it('serves the generated recovery page', () => {
    expect(resolveAppRequest('app://kiosk/recovery.html', RENDERER)).toEqual({ kind: 'recovery', page: 'recovery.html' });
    expect(resolveAppRequest('app://kiosk/recovery.css', RENDERER)).toEqual({ kind: 'recovery', page: 'recovery.css' });
    expect(resolveAppRequest('app://kiosk/constructor', RENDERER)).toEqual({ kind: 'file', path: join(RENDERER, 'constructor') });
  });

  it.each([
    'app://evil/index.html',
    'app://kiosk.evil/index.html',
    'app://x@kiosk/index.html',
    'app://kiosk:1/index.html',
    'https://kiosk/index.html',
    'file:///etc/passwd',
    'app://kiosk/../secret',
    'app://kiosk/%2e%2e/secret',
    'app://kiosk/%2E%2E/secret',
    'app://kiosk/assets/%2e%2e/%2e%2e/secret',
    'app://kiosk/..%2fsecret',
    'app://kiosk/..%5csecret',
    'app://kiosk/assets\\..\\..\\secret',
    'app://kiosk/%5c%5cserver%5cshare',
    'app://kiosk//etc/passwd',
    'app://kiosk/%2fetc%2fpasswd',
    'app://kiosk/C:%5cWindows%5cwin.ini',
    'app://kiosk/c:/Windows/win.ini',
    'app://kiosk/./index.html',
    'app://kiosk/.vite/manifest.json',
    'app://kiosk/.env',
    'app://kiosk/index.html%00.png',
    'app://kiosk/%',
    'app://kiosk/%zz',
    'app://kiosk/site/..%2fsite.json',
    'app://kiosk/site/%2e%2e',
  ])('refuses %s', (url) => expect(resolveAppRequest(url, RENDERER)).toEqual({ kind: 'not-found' }));

  it('never resolves a file outside the renderer folder (fuzz)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2e', '%2f', '%5c', '\\', '', 'a', 'assets', 'index.html', '%00', 'C:'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        const result = resolveAppRequest(`app://kiosk/${segments.join('/')}`, RENDERER);
        if (result.kind === 'file') {
          const inside = relative(RENDERER, result.path);
          expect(inside.startsWith('..') || isAbsolute(inside) || inside === '').toBe(false);
        }
        if (result.kind === 'site-asset') {
          expect(result.name).not.toMatch(/[/\\]|^\.\.?$/);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('createAppProtocolHandler', () => {
  let rendererDir: string;
  let siteDir: string;
  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), 'wegwijzer-protocol-'));
    rendererDir = join(root, 'renderer');
    siteDir = join(root, 'site');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    mkdirSync(siteDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(join(rendererDir, 'assets', 'index-1.js'), 'console.log(1)');
    writeFileSync(join(rendererDir, 'assets', 'index-1.css'), 'body{}');
    writeFileSync(join(rendererDir, 'blob.xyz'), 'x');
    writeFileSync(join(siteDir, 'plan.svg'), '<svg/>');
    writeFileSync(join(siteDir, 'site.json'), '{}');
    writeFileSync(join(root, 'secret.txt'), 'secret');
  });
  afterAll(() => rmSync(join(rendererDir, '..'), { recursive: true, force: true }));

  const handler = () => createAppProtocolHandler({ rendererDir, getSiteDir: () => siteDir, log: silentLog() });
  const get = (url: string, method = 'GET') => handler()(new Request(url, { method }));

  it('serves index.html with the CSP and nosniff', async () => {
    const response = await get('app://kiosk/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('id="app"');
  });

  it('gives each file its content type, hashed assets a long cache', async () => {
    const js = await get('app://kiosk/assets/index-1.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await get('app://kiosk/assets/index-1.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://kiosk/blob.xyz')).headers.get('content-type')).toBe('application/octet-stream');
  });

  it('answers 404 with the same security headers for missing files and refused paths', async () => {
    for (const url of ['app://kiosk/missing.js', 'app://kiosk/%2e%2e/secret.txt', 'app://kiosk/assets', 'app://evil/index.html', 'app://kiosk/site/site.json', 'app://kiosk/site/missing.png']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(CSP_HEADER);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
  });

  it('serves site images from the site folder', async () => {
    const response = await get('app://kiosk/site/plan.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(await response.text()).toBe('<svg/>');
  });

  it('serves the recovery page without any renderer build', async () => {
    const response = await createAppProtocolHandler({ rendererDir: join(rendererDir, 'nope'), getSiteDir: () => siteDir, log: silentLog() })(new Request('app://kiosk/recovery.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(await response.text()).toContain('recovery.css');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('app://kiosk/', 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect((await get('app://kiosk/', 'HEAD')).status).toBe(200);
  });

  it('turns a read failure into a logged 500, never a crash', async () => {
    const log = silentLog();
    const failing = createAppProtocolHandler({ rendererDir, getSiteDir: () => siteDir, log, readBytes: () => Promise.reject(new Error('EIO')) });
    const response = await failing(new Request('app://kiosk/'));
    expect(response.status).toBe(500);
    expect(log.error).toHaveBeenCalled();
  });
});

describe('registerAppProtocol', () => {
  it('handles the app scheme on the given protocol object', () => {
    const protocol = { handle: vi.fn() };
    const handler = vi.fn();
    registerAppProtocol(protocol as unknown as Protocol, handler);
    expect(protocol.handle).toHaveBeenCalledWith('app', handler);
  });
});
