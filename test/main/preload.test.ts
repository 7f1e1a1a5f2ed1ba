import { describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, unknown>();
const ipcRenderer = { invoke: vi.fn(async () => undefined), on: vi.fn(), removeListener: vi.fn() };
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

import type { KioskPreloadApi } from '../../src-renderer/core/contract';
import type { SiteBundle } from '../../src-renderer/core/model';
import { createKioskApi } from '../../src-main/preload/api';

const bundle: SiteBundle = { source: 's', files: { 'site.json': null, 'spaces.json': null, 'organisations.json': null, 'activities.json': null } };

describe('preload/index', () => {
  it('exposes window.kiosk with exactly the contract methods, never ipcRenderer', async () => {
    await import('../../src-main/preload/index');
    const api = exposed.get('kiosk') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['getSite', 'log', 'onSiteChanged', 'saveFile']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(ipcRenderer);
    expect([...exposed.keys()]).toEqual(['kiosk']);
  });
});

describe('createKioskApi', () => {
  const setup = () => {
    const ipc = { invoke: vi.fn(async (..._args: unknown[]) => bundle as unknown), on: vi.fn(), removeListener: vi.fn() };
    const api: KioskPreloadApi = createKioskApi(ipc as never);
    return { ipc, api };
  };

  it('getSite invokes kiosk:site:get with no arguments', async () => {
    const { ipc, api } = setup();
    await expect(api.getSite()).resolves.toEqual(bundle);
    expect(ipc.invoke).toHaveBeenCalledWith('kiosk:site:get');
  });

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

  it('onSiteChanged passes the bundle only, never the IpcRendererEvent, and unsubscribes', () => {
    const { ipc, api } = setup();
    const listener = vi.fn();
    const unsubscribe = api.onSiteChanged(listener);
    expect(ipc.on).toHaveBeenCalledWith('kiosk:site:changed', expect.any(Function));
    const forward = ipc.on.mock.calls[0]![1] as (event: unknown, payload: unknown) => void;
    forward({ sender: ipcRenderer, ports: [] }, bundle);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([bundle]);
    unsubscribe();
    expect(ipc.removeListener).toHaveBeenCalledWith('kiosk:site:changed', forward);
  });

  it('refuses a listener that is not a function', () => {
    const { api } = setup();
    expect(() => api.onSiteChanged('nope' as never)).toThrow(TypeError);
  });
});
