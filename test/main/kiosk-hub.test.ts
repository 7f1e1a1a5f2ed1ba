// The hub behind app:// (src-main/kiosk-hub.ts) with a fake store opener: embedded, remote or refused.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { HubService } from '../../src-hub/service';
import { startKioskHub, type KioskHubOptions } from '../../src-main/kiosk-hub';
import { fakeService } from '../hub/http-fakes';
import { silentLog } from './fakes';

function start(choice: KioskHubOptions['choice'], open: KioskHubOptions['open'] = vi.fn(async () => fakeService())) {
  const log = silentLog();
  const hub = startKioskHub({ choice, siteDir: '/srv/site', rendererDir: '/nowhere/renderer', followDir: '/nowhere/follow', dataDir: '/userData/hub', version: '1.2.3', log, open });
  return { hub, log, open };
}

describe('startKioskHub', () => {
  it('embedded: opens PGlite in userData/hub, the API answers 503 until it is open', async () => {
    let finish!: (service: HubService) => void;
    const open = vi.fn(() => new Promise<HubService>((resolve) => (finish = resolve)));
    const { hub } = start({ kind: 'embedded' }, open);
    expect(hub.remote).toBeNull();
    expect(open).toHaveBeenCalledWith({ dataDir: '/userData/hub' }, '/srv/site', expect.anything(), '1.2.3');
    expect((await hub.app.request('/api/health')).status).toBe(503);
    finish(fakeService());
    await hub.ready;
    expect((await hub.app.request('/api/health')).status).toBe(200);
  });

  it('embedded: closes the store on close, also when it was still opening', async () => {
    const service = fakeService();
    let finish!: (service: HubService) => void;
    const { hub } = start({ kind: 'embedded' }, () => new Promise<HubService>((resolve) => (finish = resolve)));
    const closed = hub.close();
    finish(service);
    await closed;
    expect(service.calls).toContain('close');
    expect((await hub.app.request('/api/health')).status).toBe(503);
  });

  it('embedded: a store that cannot open is logged, and the kiosk is still served', async () => {
    const { hub, log } = start({ kind: 'embedded' }, () => Promise.reject(new Error('no space left')));
    await hub.ready;
    expect(log.error).toHaveBeenCalledWith('hub', expect.stringContaining('no space left'));
  });

  it('remote: opens no store and names the hub for the protocol handler', async () => {
    const { hub, open, log } = start({ kind: 'remote', base: 'http://hub.local:5180/', from: 'argument' });
    expect(open).not.toHaveBeenCalled();
    expect(hub.remote).toBe('http://hub.local:5180/');
    expect(log.info).toHaveBeenCalledWith('hub', expect.stringContaining('http://hub.local:5180/'));
    await hub.close();
  });

  it('refused address: no store at all, and a log line that says how to fix it', () => {
    const { hub, open, log } = start({ kind: 'invalid', value: 'ftp://hub', reason: 'only http:// and https:// hubs are supported' });
    expect(open).not.toHaveBeenCalled();
    expect(hub.remote).toBeNull();
    expect(log.error).toHaveBeenCalledWith('hub', expect.stringMatching(/ftp:\/\/hub.*--hub or WEGWIJZER_HUB/));
  });
});
