// Test doubles for the Electron objects main wires up: event emitters that remember their
// listeners, with vi.fn() for every method the code under test calls.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeWebContents extends EventEmitter {
  setWindowOpenHandler = vi.fn();
  setZoomLevel = vi.fn();
  setVisualZoomLevelLimits = vi.fn(() => Promise.resolve());
  closeDevTools = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  loadURL = vi.fn((_url: string) => Promise.resolve());
  reload = vi.fn();
  send = vi.fn();
  isDestroyed = vi.fn(() => false);
  mainFrame = fakeFrame('app://kiosk/');
}

export class FakeSession extends EventEmitter {
  setPermissionRequestHandler = vi.fn();
  setPermissionCheckHandler = vi.fn();
  setDevicePermissionHandler = vi.fn();
  setDisplayMediaRequestHandler = vi.fn();
  setSpellCheckerEnabled = vi.fn();
  protocol = { handle: vi.fn() };
}

export interface FakeFrame {
  url: string;
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
}

let nextRoutingId = 1;
export function fakeFrame(url: string, parent: FakeFrame | null = null): FakeFrame {
  return { url, processId: 7, routingId: nextRoutingId++, parent };
}

/** An event object the way Electron passes it: preventDefault plus whatever details apply. */
export function fakeEvent<T extends object>(details: T = {} as T): T & { preventDefault: ReturnType<typeof vi.fn>; defaultPrevented: () => boolean } {
  const preventDefault = vi.fn();
  return Object.assign({ preventDefault, defaultPrevented: () => preventDefault.mock.calls.length > 0 }, details);
}

export const silentLog = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });
