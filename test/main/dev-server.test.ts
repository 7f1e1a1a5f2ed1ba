import { describe, expect, it } from 'vitest';
import { devServerUrl } from '../../src-main/dev-server';

const DEV_URL = 'http://localhost:5173';

describe('devServerUrl: ELECTRON_RENDERER_URL counts only in `electron-vite dev`', () => {
  it('loads the dev server from the bundle electron-vite dev made, unpackaged', () => {
    expect(devServerUrl({ env: { ELECTRON_RENDERER_URL: DEV_URL }, isPackaged: false, devBundle: true })).toBe(DEV_URL);
    expect(devServerUrl({ env: { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5174/' }, isPackaged: false, devBundle: true })).toBe('http://127.0.0.1:5174/');
  });

  it.each([
    ['electron-vite preview (unpackaged, production bundle)', { isPackaged: false, devBundle: false }],
    ['a packaged app', { isPackaged: true, devBundle: false }],
    ['a packaged app, even with a dev bundle inside', { isPackaged: true, devBundle: true }],
  ])('ignores it in %s', (_where, build) => {
    expect(devServerUrl({ env: { ELECTRON_RENDERER_URL: DEV_URL }, ...build })).toBeNull();
  });

  it('is null in dev without the variable', () => {
    expect(devServerUrl({ env: {}, isPackaged: false, devBundle: true })).toBeNull();
  });

  it.each(['https://evil.example/', 'http://192.168.1.2:5173', 'http://[::ffff:10.0.0.1]:5173', 'file:///tmp/index.html', 'http://user@localhost:5173', 'javascript:alert(1)', 'not a url', ''])(
    'refuses %j even in dev: plain http on loopback only',
    (url) => {
      expect(devServerUrl({ env: { ELECTRON_RENDERER_URL: url }, isPackaged: false, devBundle: true })).toBeNull();
    },
  );
});
