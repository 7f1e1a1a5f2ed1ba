import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const constructed: unknown[] = [];
vi.mock('electron', () => ({
  BrowserWindow: class {
    once = vi.fn();
    show = vi.fn();
    isDestroyed = () => false;
    isVisible = () => false;
    constructor(options: unknown) {
      constructed.push(options);
    }
  },
}));

import { buildMode, createKioskWindow, isKioskBuild, KIOSK_PARTITION, kioskWebPreferences, kioskWindowOptions, shouldPreventClose, showWhenReady } from '../../src-main/window';

const DEV_URL = 'http://localhost:5173';

describe('isKioskBuild', () => {
  it('is a kiosk unless asked for dev', () => {
    expect(isKioskBuild({ argv: ['electron', '.'], env: {}, isPackaged: false, devBundle: false })).toBe(true);
    expect(isKioskBuild({ argv: ['electron', '.', '--dev'], env: {}, isPackaged: false, devBundle: false })).toBe(false);
    expect(isKioskBuild({ argv: ['electron', '.'], env: { ELECTRON_RENDERER_URL: DEV_URL }, isPackaged: false, devBundle: true })).toBe(false);
  });

  it('a packaged app is always a kiosk, whatever its arguments and environment', () => {
    expect(isKioskBuild({ argv: ['wegwijzer', '--dev'], env: { ELECTRON_RENDERER_URL: DEV_URL }, isPackaged: true, devBundle: true })).toBe(true);
  });

  it('an unpackaged production bundle (electron-vite preview) stays a kiosk with a dev server URL set', () => {
    expect(isKioskBuild({ argv: ['electron', '.'], env: { ELECTRON_RENDERER_URL: DEV_URL }, isPackaged: false, devBundle: false })).toBe(true);
  });

  it('ignores a dev server URL that is not plain http on loopback', () => {
    for (const url of ['https://evil.example/', 'http://192.168.1.2:5173', 'file:///tmp/x', 'http://user@localhost:5173', 'not a url']) {
      expect(isKioskBuild({ argv: [], env: { ELECTRON_RENDERER_URL: url }, isPackaged: false, devBundle: true }), url).toBe(true);
    }
  });
});

describe('buildMode', () => {
  it('starts a kiosk build at app://kiosk/ with no dev origin', () => {
    expect(buildMode({ argv: [], env: {}, isPackaged: true, devBundle: false })).toEqual({ kiosk: true, devOrigin: null, startUrl: 'app://kiosk/' });
  });
  it('starts a dev build at the dev server', () => {
    expect(buildMode({ argv: [], env: { ELECTRON_RENDERER_URL: `${DEV_URL}/` }, isPackaged: false, devBundle: true })).toEqual({ kiosk: false, devOrigin: DEV_URL, startUrl: `${DEV_URL}/` });
  });
  it('--dev without a dev server still loads app://kiosk/', () => {
    expect(buildMode({ argv: ['--dev'], env: {}, isPackaged: false, devBundle: false })).toEqual({ kiosk: false, devOrigin: null, startUrl: 'app://kiosk/' });
  });
  it('--dev on a production bundle never loads a dev server URL from the environment', () => {
    expect(buildMode({ argv: ['--dev'], env: { ELECTRON_RENDERER_URL: DEV_URL }, isPackaged: false, devBundle: false })).toEqual({ kiosk: false, devOrigin: null, startUrl: 'app://kiosk/' });
  });
});

describe('kioskWebPreferences', () => {
  const prefs = kioskWebPreferences('/app/out/preload/index.cjs', { devTools: false });

  it.each([
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['spellcheck', false],
    ['navigateOnDragDrop', false],
    ['disableDialogs', true],
    ['devTools', false],
    ['partition', KIOSK_PARTITION],
    ['preload', '/app/out/preload/index.cjs'],
  ] as const)('%s is %s', (flag, value) => expect(prefs[flag]).toBe(value));

  it('uses the persistent partition that holds the bookings', () => expect(KIOSK_PARTITION).toBe('persist:kiosk'));
  it('never enables Blink features', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });
  it('allows DevTools only when asked', () => expect(kioskWebPreferences('/p', { devTools: true }).devTools).toBe(true));
});

describe('kioskWindowOptions', () => {
  it('kiosk builds: kiosk, full screen, frameless, hidden until painted', () => {
    const options = kioskWindowOptions('/p', { kiosk: true });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, show: false, resizable: false, movable: false, minimizable: false });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.webPreferences?.devTools).toBe(false);
    expect(options.webPreferences?.sandbox).toBe(true);
  });
  it('dev builds: an ordinary window with DevTools, same sandbox', () => {
    const options = kioskWindowOptions('/p', { kiosk: false });
    expect(options.kiosk).toBeUndefined();
    expect(options.fullscreen).toBeUndefined();
    expect(options.show).toBe(false);
    expect(options.webPreferences?.devTools).toBe(true);
    expect(options.webPreferences?.sandbox).toBe(true);
    expect(options.webPreferences?.contextIsolation).toBe(true);
  });
});

describe('createKioskWindow', () => {
  beforeEach(() => {
    constructed.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('constructs the window with the tested options and the pinned security flags', () => {
    createKioskWindow('/p', { kiosk: true });
    const options = constructed[0] as ReturnType<typeof kioskWindowOptions>;
    expect(options).toEqual(kioskWindowOptions('/p', { kiosk: true }));
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
  });
});

describe('showWhenReady', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const fakeWindow = () => {
    let visible = false;
    const listeners = new Map<string, () => void>();
    return {
      once: vi.fn((event: string, listener: () => void) => listeners.set(event, listener)),
      show: vi.fn(() => {
        visible = true;
      }),
      isDestroyed: () => false,
      isVisible: () => visible,
      fire: (event: string) => listeners.get(event)?.(),
    };
  };

  it('shows on ready-to-show, once', () => {
    const win = fakeWindow();
    showWhenReady(win as never, 5000);
    expect(win.show).not.toHaveBeenCalled();
    win.fire('ready-to-show');
    vi.advanceTimersByTime(10_000);
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('shows anyway after the fallback delay, so a crashed first load still shows the recovery page', () => {
    const win = fakeWindow();
    showWhenReady(win as never, 5000);
    vi.advanceTimersByTime(4999);
    expect(win.show).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(win.show).toHaveBeenCalledTimes(1);
  });
});

describe('shouldPreventClose', () => {
  it('refuses Alt+F4 and window-manager closes in a kiosk build until the app quits', () => {
    expect(shouldPreventClose({ kiosk: true }, false)).toBe(true);
    expect(shouldPreventClose({ kiosk: true }, true)).toBe(false);
    expect(shouldPreventClose({ kiosk: false }, false)).toBe(false);
  });
});
