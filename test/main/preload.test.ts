import { describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, unknown>();
const ipcRenderer = { invoke: vi.fn(async () => undefined) };
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

import type { KioskPreloadApi } from '../../src-renderer/core/contract';
import { createKioskApi } from '../../src-main/preload/api';

describe('preload/index', () => {
  it('exposes window.kiosk with exactly the contract methods, never ipcRenderer', async () => {
    await import('../../src-main/preload/index');
    const api = exposed.get('kiosk') as Record<string, unknown>;
    // The site config and its changes come from the hub over app://, not through the bridge.
    expect(Object.keys(api).sort()).toEqual(['log', 'saveFile']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(ipcRenderer);
    expect([...exposed.keys()]).toEqual(['kiosk']);
  });
});

describe('createKioskApi', () => {
  const setup = () => {
    const ipc = { invoke: vi.fn(async (..._args: unknown[]) => undefined as unknown) };
    const api: KioskPreloadApi = createKioskApi(ipc as never);
    return { ipc, api };
  };

  it('log sends only the three contract fields', async () => {
    const { ipc, api } = setup();
    await api.log({ level: 'info', topic: 'boot', message: 'ready', extra: 'dropped' } as never);
    expect(ipc.invoke).toHaveBeenCalledWith('kiosk:log', { level: 'info', topic: 'boot', message: 'ready' });
  });

  it('saveFile invokes kiosk:file:save with exactly three strings', async () => {
    const { ipc, api } = setup();
    ipc.invoke.mockResolvedValueOnce({ savedTo: '/site/publish/a.ics' });
    await expect(api.saveFile('a.ics', 'BEGIN:VCALENDAR', 'text/calendar')).resolves.toEqual({ savedTo: '/site/publish/a.ics' });
    expect(ipc.invoke).toHaveBeenCalledWith('kiosk:file:save', 'a.ics', 'BEGIN:VCALENDAR', 'text/calendar');
  });
});
