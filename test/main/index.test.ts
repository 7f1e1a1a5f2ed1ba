// Composition test: src-main/index.ts against a faked Electron. It checks the order (scheme
// privileges, sandbox, menu and switches before ready) and that start() wires every piece.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { FakeSession, FakeWebContents } from './fakes';

const state = vi.hoisted(() => ({
  calls: [] as string[],
  gotLock: true,
  windows: [] as Array<{ options: unknown; webContents: unknown; loadURL: Mock }>,
  ready: undefined as undefined | (() => void),
}));

const electron = vi.hoisted(() => ({}) as Record<string, unknown>);

vi.mock('electron', () => electron);
// The embedded hub's store is faked: the composition is under test here, not PGlite.
const hubStore = vi.hoisted(() => ({ opened: [] as unknown[], closed: 0 }));
vi.mock('../../src-hub/hub', () => ({
  openHubService: vi.fn(async (options: unknown) => {
    hubStore.opened.push(options);
    return {
      store: 'pglite',
      site: () => undefined,
      access: { screens: { localScreen: async () => ({ token: 'local-token', screen: {} }) }, accounts: { prepareSetup: async () => undefined } },
      close: async () => void (hubStore.closed += 1),
    };
  }),
}));

function buildElectron() {
  const record = (name: string) => (...args: unknown[]) => {
    state.calls.push(name);
    return args;
  };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    commandLine: { appendSwitch: vi.fn(record('appendSwitch')) },
    enableSandbox: vi.fn(record('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => {
      state.calls.push('requestSingleInstanceLock');
      return state.gotLock;
    }),
    quit: vi.fn(record('quit')),
    exit: vi.fn(),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (state.ready = () => {
      state.calls.push('ready');
      resolve();
    }))),
    getPath: vi.fn(() => mkdtempSync(join(tmpdir(), 'wegwijzer-userdata-'))),
    getAppPath: vi.fn(() => join(tmpdir(), 'no-such-app')),
    getVersion: vi.fn(() => '0.1.0'),
  });
  const kioskSession = new FakeSession();
  const defaultSession = new FakeSession();
  class BrowserWindow extends EventEmitter {
    webContents = new FakeWebContents();
    loadURL = vi.fn(() => Promise.resolve());
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => false);
    isDestroyed = vi.fn(() => false);
    isVisible = vi.fn(() => false);
    constructor(public options: unknown) {
      super();
      state.calls.push('BrowserWindow');
      state.windows.push(this);
    }
  }
  Object.assign(electron, {
    app,
    BrowserWindow,
    ipcMain: { handle: vi.fn(record('ipcMain.handle')) },
    Menu: { setApplicationMenu: vi.fn(record('setApplicationMenu')) },
    powerSaveBlocker: { start: vi.fn(() => 42), isStarted: vi.fn(() => true), stop: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(record('registerSchemesAsPrivileged')) },
    session: { fromPartition: vi.fn(() => kioskSession), defaultSession },
    net: { fetch: vi.fn() },
  });
  return { app, kioskSession, defaultSession };
}

async function boot() {
  vi.resetModules();
  state.calls.length = 0;
  state.windows.length = 0;
  const fakes = buildElectron();
  await import('../../src-main/index');
  return fakes;
}

describe('src-main/index.ts', () => {
  let processListeners: { uncaughtException: number; unhandledRejection: number };
  beforeEach(() => {
    processListeners = { uncaughtException: process.listenerCount('uncaughtException'), unhandledRejection: process.listenerCount('unhandledRejection') };
    state.gotLock = true;
    for (const method of ['log', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation(() => undefined);
  });

  afterEach(() => {
    // index.ts installs process-wide handlers; take them off again so they outlive no test.
    for (const listener of process.listeners('uncaughtException').slice(processListeners.uncaughtException)) process.off('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection').slice(processListeners.unhandledRejection)) process.off('unhandledRejection', listener);
  });

  it('logs uncaught main-process errors instead of letting Electron show a dialog', async () => {
    await boot();
    expect(process.listenerCount('uncaughtException')).toBe(processListeners.uncaughtException + 1);
    expect(process.listenerCount('unhandledRejection')).toBe(processListeners.unhandledRejection + 1);
    const handler = process.listeners('uncaughtException').at(-1)!;
    expect(() => handler(new Error('boom'), 'uncaughtException')).not.toThrow();
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('boom'));
  });

  it('does the before-ready setup first', async () => {
    const { app } = await boot();
    const e = electron as { protocol: { registerSchemesAsPrivileged: ReturnType<typeof vi.fn> }; Menu: { setApplicationMenu: ReturnType<typeof vi.fn> } };
    expect(e.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(e.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(app.commandLine.appendSwitch).toHaveBeenCalledWith('overscroll-history-navigation', '0');
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(state.calls).not.toContain('ready');
    expect(state.calls).not.toContain('BrowserWindow');
    expect(app.listenerCount('web-contents-created')).toBe(1);
    expect(app.listenerCount('window-all-closed')).toBe(1);
  });

  it('quits when another instance holds the lock, and builds nothing', async () => {
    state.gotLock = false;
    const { app } = await boot();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(app.listenerCount('web-contents-created')).toBe(0);
  });

  it('on ready: locks down both sessions, serves app:// in the kiosk session, registers IPC, opens the window at app://kiosk/', async () => {
    const { app, kioskSession, defaultSession } = await boot();
    state.ready!();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    const e = electron as { session: { fromPartition: ReturnType<typeof vi.fn> }; ipcMain: { handle: ReturnType<typeof vi.fn> }; powerSaveBlocker: { start: ReturnType<typeof vi.fn> } };
    expect(e.session.fromPartition).toHaveBeenCalledWith('persist:kiosk');
    for (const ses of [kioskSession, defaultSession]) {
      expect(ses.setPermissionRequestHandler).toHaveBeenCalled();
      expect(ses.setPermissionCheckHandler).toHaveBeenCalled();
    }
    expect(kioskSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(e.ipcMain.handle.mock.calls.map((call) => call[0]).sort()).toEqual(['kiosk:file:save', 'kiosk:log']);
    expect(e.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    const win = state.windows[0]!;
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false } });
    expect(win.loadURL).toHaveBeenCalledWith('app://kiosk/');
    const contents = win.webContents as FakeWebContents;
    expect(contents.listenerCount('render-process-gone')).toBe(1);
    expect(contents.listenerCount('unresponsive')).toBe(1);
    expect(app.listenerCount('child-process-gone')).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(1);
  });

  it('on ready: starts the embedded hub on PGlite in userData/hub, and closes it before the app quits', async () => {
    hubStore.opened.length = 0;
    hubStore.closed = 0;
    const { app, kioskSession } = await boot();
    state.ready!();
    await vi.waitFor(() => expect(hubStore.opened).toHaveLength(1));
    expect(hubStore.opened[0]).toMatchObject({ dataDir: expect.stringMatching(/wegwijzer-userdata-.*[/\\]hub$/), siteDir: expect.stringContaining('regina-mundi') });
    // app:// answers through the hub app: the kiosk build (missing here) is a 404 from it, with its headers.
    const handler = kioskSession.protocol.handle.mock.calls[0]![1] as (request: Request) => Promise<Response>;
    const response = await handler(new Request('app://kiosk/api/nope'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not-found' });

    const willQuit = { preventDefault: vi.fn() };
    app.emit('will-quit', willQuit);
    expect(willQuit.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(hubStore.closed).toBe(1));
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    // The second will-quit (from that quit) lets the app go.
    const again = { preventDefault: vi.fn() };
    app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses to close the kiosk window until the app is quitting', async () => {
    const { app } = await boot();
    state.ready!();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    const win = state.windows[0] as unknown as EventEmitter;
    const altF4 = { preventDefault: vi.fn() };
    win.emit('close', altF4);
    expect(altF4.preventDefault).toHaveBeenCalled();
    app.emit('before-quit');
    const quit = { preventDefault: vi.fn() };
    win.emit('close', quit);
    expect(quit.preventDefault).not.toHaveBeenCalled();
  });

  it('a second instance focuses the existing window', async () => {
    const { app } = await boot();
    state.ready!();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    app.emit('second-instance');
    expect((state.windows[0] as unknown as { focus: ReturnType<typeof vi.fn> }).focus).toHaveBeenCalled();
  });

  it('quits when every window is closed', async () => {
    const { app } = await boot();
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalled();
  });
});
