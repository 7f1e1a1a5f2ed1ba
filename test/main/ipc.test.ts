import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS, isLogEntry, LOG_MESSAGE_MAX, LOG_TOPIC_MAX, registerIpc, validateSender, type InvokeHandlers } from '../../src-main/ipc';
import { fakeFrame, silentLog } from './fakes';

const APP = ['app://kiosk'];

describe('validateSender', () => {
  const main = fakeFrame('app://kiosk/');

  it('accepts the kiosk main frame on app://kiosk', () => {
    expect(validateSender(main, main, APP)).toEqual({ ok: true });
    expect(validateSender({ ...main }, main, APP)).toEqual({ ok: true }); // same frame ids, new wrapper
  });

  it('refuses a missing frame or window', () => {
    expect(validateSender(null, main, APP).ok).toBe(false);
    expect(validateSender(undefined, main, APP).ok).toBe(false);
    expect(validateSender(main, null, APP).ok).toBe(false);
  });

  it('refuses sub-frames, other frames and other origins', () => {
    expect(validateSender(fakeFrame('app://kiosk/frame.html', main), main, APP)).toEqual({ ok: false, reason: 'sub-frame' });
    expect(validateSender(fakeFrame('app://kiosk/'), main, APP)).toEqual({ ok: false, reason: 'not the kiosk window' });
    for (const url of ['https://evil.example/', 'app://evil/', 'app://x@kiosk/', 'file:///etc/passwd', 'about:blank', 'data:text/html,x', '']) {
      const frame = { ...main, url };
      expect(validateSender(frame, main, APP).ok, url).toBe(false);
    }
  });

  it('accepts the dev server origin only when it is allowed', () => {
    const dev = { ...main, url: 'http://localhost:5173/' };
    expect(validateSender(dev, main, APP).ok).toBe(false);
    expect(validateSender(dev, main, [...APP, 'http://localhost:5173']).ok).toBe(true);
  });

  it('refuses a disposed frame whose properties throw', () => {
    const disposed = {
      parent: null,
      processId: main.processId,
      routingId: main.routingId,
      get url(): string {
        throw new Error('Render frame was disposed');
      },
    };
    expect(validateSender(disposed, main, APP)).toEqual({ ok: false, reason: 'sender frame disposed' });
  });
});

describe('isLogEntry', () => {
  it('accepts exactly level, topic and message', () => {
    for (const level of ['info', 'warn', 'error']) expect(isLogEntry({ level, topic: 'config', message: 'ok' })).toBe(true);
    expect(isLogEntry({ level: 'info', topic: 't'.repeat(LOG_TOPIC_MAX), message: 'm'.repeat(LOG_MESSAGE_MAX) })).toBe(true);
    expect(isLogEntry({ level: 'info', topic: 'x', message: '' })).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'info: hi'],
    ['an array', ['info', 't', 'm']],
    ['an unknown level', { level: 'debug', topic: 't', message: 'm' }],
    ['a long topic', { level: 'info', topic: 't'.repeat(LOG_TOPIC_MAX + 1), message: 'm' }],
    ['an empty topic', { level: 'info', topic: '', message: 'm' }],
    ['a long message', { level: 'info', topic: 't', message: 'm'.repeat(LOG_MESSAGE_MAX + 1) }],
    ['a non-string message', { level: 'info', topic: 't', message: { toString: (): string => 'x' } }],
    ['an extra key', { level: 'info', topic: 't', message: 'm', extra: 1 }],
    ['a missing key', { level: 'info', topic: 't' }],
  ])('refuses %s', (_name, value) => expect(isLogEntry(value)).toBe(false));
});

describe('registerIpc', () => {
  const setup = () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ipcMain = { handle: vi.fn((channel: string, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => handlers.set(channel, handler)) };
    const mainFrame = fakeFrame('app://kiosk/');
    const impl = { 'kiosk:log': vi.fn(), 'kiosk:file:save': vi.fn(async (name: string) => ({ savedTo: `/site/publish/${name}` })) } satisfies InvokeHandlers;
    const log = silentLog();
    registerIpc(ipcMain as unknown as IpcMain, impl, () => mainFrame, { allowedOrigins: APP, log });
    const invoke = (channel: string, frame: unknown, ...args: unknown[]) => Promise.resolve(handlers.get(channel)!({ senderFrame: frame } as IpcMainInvokeEvent, ...args));
    return { handlers, impl, mainFrame, invoke, log };
  };

  it('registers exactly the contract channels', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(['kiosk:file:save', 'kiosk:log']);
    expect([...INVOKE_CHANNELS].sort()).toEqual(['kiosk:file:save', 'kiosk:log']);
  });

  it('answers the kiosk main frame', async () => {
    const { invoke, mainFrame, impl } = setup();
    await expect(invoke('kiosk:file:save', mainFrame, 'a.ics', 'BEGIN:VCALENDAR', 'text/calendar')).resolves.toEqual({ savedTo: '/site/publish/a.ics' });
    const entry = { level: 'warn', topic: 'map', message: 'tile missing' };
    await expect(invoke('kiosk:log', mainFrame, entry)).resolves.toBeUndefined();
    expect(impl['kiosk:log']).toHaveBeenCalledWith(entry);
  });

  it('refuses and logs foreign senders without calling the handler', async () => {
    const { invoke, mainFrame, impl, log } = setup();
    const senders = [null, fakeFrame('app://kiosk/', mainFrame), fakeFrame('app://kiosk/'), { ...mainFrame, url: 'https://evil.example/' }];
    const entry = { level: 'info', topic: 't', message: 'm' };
    for (const sender of senders) await expect(invoke('kiosk:log', sender, entry)).rejects.toThrow('kiosk:log: refused');
    expect(impl['kiosk:log']).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(senders.length);
  });

  it('refuses invalid payloads without calling the handler', async () => {
    const { invoke, mainFrame, impl, log } = setup();
    await expect(invoke('kiosk:log', mainFrame, { level: 'debug', topic: 't', message: 'm' })).rejects.toThrow('refused');
    await expect(invoke('kiosk:log', mainFrame)).rejects.toThrow('refused');
    await expect(invoke('kiosk:log', mainFrame, { level: 'info', topic: 't', message: 'm' }, 'extra')).rejects.toThrow('refused');
    await expect(invoke('kiosk:file:save', mainFrame, 'a.ics')).rejects.toThrow('refused');
    expect(impl['kiosk:log']).not.toHaveBeenCalled();
    expect(impl['kiosk:file:save']).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith('ipc', expect.stringContaining('invalid payload'));
  });

  it('ignores handlers for channels outside the contract', () => {
    const handlers = new Map<string, unknown>();
    const ipcMain = { handle: (channel: string, handler: unknown) => handlers.set(channel, handler) };
    const impl = { 'kiosk:log': () => undefined, 'kiosk:file:save': async () => ({ savedTo: '' }), 'kiosk:site:get': async () => ({}), 'kiosk:shell:exec': () => 'nope' };
    registerIpc(ipcMain as unknown as IpcMain, impl as InvokeHandlers, () => null, { allowedOrigins: APP, log: silentLog() });
    expect(handlers.has('kiosk:shell:exec')).toBe(false);
    // Retired with the hub: the config comes over app:// now.
    expect(handlers.has('kiosk:site:get')).toBe(false);
  });
});
