import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { App, Session, WebContents } from 'electron';
import { installLockdown, isAllowedNavigation, isBlockedShortcut, lockDownSession, lockDownWebContents } from '../../src-main/lockdown';
import { FakeSession, FakeWebContents, fakeEvent, silentLog } from './fakes';
import { PROPERTY_TIMEOUT_MS } from '../support/property';

const DEV = 'http://localhost:5173';

describe('isAllowedNavigation', () => {
  it.each(['app://kiosk', 'app://kiosk/', 'app://kiosk/index.html', 'app://kiosk/#/explore', 'app://kiosk/?lang=nl', 'app://kiosk/recovery.html', 'app://kiosk/site/plan.svg'])(
    'allows the kiosk itself: %s',
    (url) => expect(isAllowedNavigation(url)).toBe(true),
  );

  const hostile = [
    'app://kiosk.evil/',
    'app://kiosk.evil.com/',
    'app://evil/',
    'app://kiosk@evil/',
    'app://x@kiosk/',
    'app://x:y@kiosk/',
    'app://kiosk:8080/',
    'app://KIOSK/',
    'app://kiosk\\@evil/',
    'app:\\\\kiosk\\',
    'app://kiosk%2fevil/',
    'app://%6biosk/',
    'app://kіosk/', // Cyrillic і
    'app://xn--ksk-8cd/',
    'app://kiosk\t/',
    'app://kiosk\n/',
    ' app://kiosk/',
    'app:kiosk/',
    'app:/kiosk/',
    'app:///kiosk/',
    'APP://kiosk/',
    'apps://kiosk/',
    'https://kiosk/',
    'https://example.com/',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'javascript://app://kiosk/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'file://kiosk/',
    'chrome://settings',
    'chrome://gpu',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'blob:app://kiosk/1234',
    'view-source:app://kiosk/',
    'filesystem:app://kiosk/temporary/x',
    '',
    'kiosk',
    '//kiosk/',
  ];
  it.each(hostile)('refuses %j', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
    expect(isAllowedNavigation(url, null)).toBe(false);
  });

  it('allows the exact dev server origin, and only in dev', () => {
    expect(isAllowedNavigation('http://localhost:5173/', DEV)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/#/staff', DEV)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/', null)).toBe(false);
    for (const url of ['http://localhost:5174/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', 'http://user@localhost:5173/', 'http://localhost:5173.evil.com/', 'http://evil.com/?http://localhost:5173']) {
      expect(isAllowedNavigation(url, DEV)).toBe(false);
    }
  });

  it('never allows anything that does not start with the kiosk origin (fuzz)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.string().map((s) => `app://${s}`)), (url) => {
        if (isAllowedNavigation(url)) {
          expect(url === 'app://kiosk' || /^app:\/\/kiosk[/?#]/.test(url)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses every prefix trick on the kiosk host (fuzz)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const tricky = fc.constantFrom('.', '@', ':', '%2e', '%40', '\\', '%5c', '_', '-', 'x', '\u0000', '\u200b', ' ');
    fc.assert(
      fc.property(tricky, fc.string({ maxLength: 8 }), (glue, tail) => {
        expect(isAllowedNavigation(`app://kiosk${glue}${tail}/`)).toBe(false);
        expect(isAllowedNavigation(`app://${tail}${glue}kiosk/`)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('allows any path below the kiosk origin (fuzz)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const safePath = fc.stringMatching(/^[A-Za-z0-9/_.~-]*$/);
    fc.assert(
      fc.property(safePath, (path) => {
        expect(isAllowedNavigation(`app://kiosk/${path}`)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('isBlockedShortcut', () => {
  const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}, type = 'keyDown') => ({
    type,
    key: k,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...mods,
  });

  it.each([
    ['reload', key('r', { control: true })],
    ['hard reload', key('R', { control: true, shift: true })],
    ['reload F5', key('F5')],
    ['devtools F12', key('F12')],
    ['devtools Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['devtools Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['console Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['print', key('p', { control: true })],
    ['print key', key('Print')],
    ['zoom in', key('+', { control: true })],
    ['zoom in =', key('=', { control: true })],
    ['zoom out', key('-', { control: true })],
    ['zoom reset', key('0', { control: true })],
    ['find', key('f', { control: true })],
    ['new window', key('n', { control: true })],
    ['close', key('w', { control: true })],
    ['quit', key('q', { control: true })],
    ['save', key('s', { control: true })],
    ['open', key('o', { control: true })],
    ['view source', key('u', { control: true })],
    ['tab switch', key('Tab', { control: true })],
    ['page switch', key('PageDown', { control: true })],
    ['history back', key('ArrowLeft', { alt: true })],
    ['history forward', key('ArrowRight', { alt: true })],
    ['home', key('Home', { alt: true })],
    ['browser back key', key('BrowserBack')],
    ['browser refresh key', key('BrowserRefresh')],
    ['full screen F11', key('F11')],
    ['caret browsing F7', key('F7')],
    ['context menu key', key('ContextMenu')],
    ['on key up too', key('F5', {}, 'keyUp')],
  ])('blocks %s', (_name, input) => expect(isBlockedShortcut(input)).toBe(true));

  it.each([
    ['typing', key('a')],
    ['capitals', key('A', { shift: true })],
    ['digits', key('7')],
    ['Enter', key('Enter')],
    ['Escape', key('Escape')],
    ['Tab (focus order)', key('Tab')],
    ['Shift+Tab', key('Tab', { shift: true })],
    ['arrows', key('ArrowDown')],
    ['Backspace', key('Backspace')],
    ['select all', key('a', { control: true })],
    ['copy', key('c', { control: true })],
    ['paste', key('v', { control: true })],
    ['cut', key('x', { meta: true })],
    ['undo', key('z', { control: true })],
    ['redo', key('Z', { control: true, shift: true })],
    ['word left', key('ArrowLeft', { control: true })],
    ['delete word', key('Backspace', { control: true })],
    ['AltGr @ on a Belgian keyboard', key('@', { control: true, alt: true })],
    ['AltGr # on a Belgian keyboard', key('#', { control: true, alt: true })],
    ['mouse and touch events', { ...key('r', { control: true }), type: 'mouseDown' }],
  ])('lets %s through', (_name, input) => expect(isBlockedShortcut(input)).toBe(false));
});

describe('lockDownWebContents', () => {
  const setup = (kiosk = true, devOrigin: string | null = null) => {
    const contents = new FakeWebContents();
    const log = silentLog();
    lockDownWebContents(contents as unknown as WebContents, { kiosk, devOrigin, log });
    return { contents, log };
  };

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: prevents leaving the kiosk and allows app://kiosk', (eventName) => {
    const { contents, log } = setup();
    const away = fakeEvent({ url: 'https://example.com/' });
    contents.emit(eventName, away);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
    const home = fakeEvent({ url: 'app://kiosk/index.html' });
    contents.emit(eventName, home);
    expect(home.preventDefault).not.toHaveBeenCalled();
  });

  it('allows the dev server only when given its origin', () => {
    const dev = setup(false, DEV);
    const event = fakeEvent({ url: `${DEV}/` });
    dev.contents.emit('will-navigate', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    const kiosk = setup(true, null);
    const event2 = fakeEvent({ url: `${DEV}/` });
    kiosk.contents.emit('will-navigate', event2);
    expect(event2.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window', () => {
    const { contents } = setup();
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as (details: { url: string }) => unknown;
    expect(handler({ url: 'app://kiosk/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('prevents webviews, context menus and blocked shortcuts', () => {
    const { contents } = setup();
    for (const name of ['will-attach-webview', 'context-menu']) {
      const event = fakeEvent();
      contents.emit(name, event, {}, {});
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    const reload = fakeEvent();
    contents.emit('before-input-event', reload, { type: 'keyDown', key: 'r', control: true, meta: false, alt: false, shift: false });
    expect(reload.preventDefault).toHaveBeenCalled();
    const typing = fakeEvent();
    contents.emit('before-input-event', typing, { type: 'keyDown', key: 'r', control: false, meta: false, alt: false, shift: false });
    expect(typing.preventDefault).not.toHaveBeenCalled();
  });

  it('pins zoom: visual zoom limits 1..1 now and after every load, zoom changes reset', () => {
    const { contents } = setup();
    expect(contents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    contents.emit('did-finish-load');
    expect(contents.setVisualZoomLevelLimits).toHaveBeenCalledTimes(2);
    contents.emit('zoom-changed', fakeEvent(), 'in');
    expect(contents.setZoomLevel).toHaveBeenCalledWith(0);
  });

  it('cancels bluetooth device selection', () => {
    const { contents } = setup();
    const event = fakeEvent();
    const callback = vi.fn();
    contents.emit('select-bluetooth-device', event, [{ deviceId: 'a' }], callback);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(callback).toHaveBeenCalledWith('');
  });

  it('closes DevTools in kiosk builds only', () => {
    const kiosk = setup(true);
    kiosk.contents.emit('devtools-opened');
    expect(kiosk.contents.closeDevTools).toHaveBeenCalled();
    const dev = setup(false, DEV);
    dev.contents.emit('devtools-opened');
    expect(dev.contents.closeDevTools).not.toHaveBeenCalled();
  });
});

describe('lockDownSession', () => {
  const setup = () => {
    const ses = new FakeSession();
    lockDownSession(ses as unknown as Session);
    return ses;
  };

  const DENIED = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'display-capture', 'hid', 'usb', 'serial', 'midiSysex', 'pointerLock', 'unknown'];

  it('denies every permission request and check, from any origin', () => {
    const ses = setup();
    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void;
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, permission: string, origin: string) => boolean;
    for (const permission of DENIED) {
      for (const url of ['app://kiosk/', 'https://evil.example/']) {
        const callback = vi.fn();
        request({}, permission, callback, { requestingUrl: url });
        expect(callback, `${permission} ${url}`).toHaveBeenCalledWith(false);
        expect(check({}, permission, url), `${permission} ${url}`).toBe(false);
      }
    }
    const device = ses.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean;
    expect(device()).toBe(false);
  });

  it('lets only the kiosk origin keep persistent storage (bookings must not be evicted)', () => {
    const ses = setup();
    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, permission: string, callback: (granted: boolean) => void, details?: { requestingUrl?: string }) => void;
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, permission: string, origin: string) => boolean;
    const granted = vi.fn();
    request({}, 'persistent-storage', granted, { requestingUrl: 'app://kiosk/' });
    expect(granted).toHaveBeenCalledWith(true);
    expect(check({}, 'persistent-storage', 'app://kiosk')).toBe(true);
    for (const url of ['https://evil.example/', 'app://evil/', 'http://localhost:5173/', 'file:///x']) {
      const denied = vi.fn();
      request({}, 'persistent-storage', denied, { requestingUrl: url });
      expect(denied, url).toHaveBeenCalledWith(false);
      expect(check({}, 'persistent-storage', url), url).toBe(false);
    }
    const noDetails = vi.fn();
    request({}, 'persistent-storage', noDetails);
    expect(noDetails).toHaveBeenCalledWith(false);
  });

  it('denies screen capture', () => {
    const ses = setup();
    const handler = ses.setDisplayMediaRequestHandler.mock.calls[0]![0] as (request: unknown, callback: (streams: unknown) => void) => void;
    const callback = vi.fn();
    handler({}, callback);
    expect(callback).toHaveBeenCalledWith(null);
  });

  it('prevents downloads and cancels HID, USB and serial pickers', () => {
    const ses = setup();
    const download = fakeEvent();
    ses.emit('will-download', download, {}, {});
    expect(download.preventDefault).toHaveBeenCalled();
    for (const [name, args, cancel] of [
      ['select-hid-device', [{}], []],
      ['select-usb-device', [{}], []],
      ['select-serial-port', [[], {}], ['']],
    ] as const) {
      const event = fakeEvent();
      const callback = vi.fn();
      ses.emit(name, event, ...args, callback);
      expect(event.preventDefault, name).toHaveBeenCalled();
      expect(callback, name).toHaveBeenCalledWith(...cancel);
    }
    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });
});

describe('installLockdown', () => {
  it('locks down every webContents the app creates', () => {
    const app = new FakeSession(); // any EventEmitter will do as the app
    installLockdown(app as unknown as App, { kiosk: true, devOrigin: null, log: silentLog() });
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});
