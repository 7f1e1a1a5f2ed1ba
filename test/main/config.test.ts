import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { SiteBundle } from '../../src-renderer/core/model';
import { chooseSiteDir, createSiteService, defaultSiteDirCandidates } from '../../src-main/config';
import { silentLog } from './fakes';

const APP = join('/opt', 'wegwijzer', 'resources', 'app.asar');
const RESOURCES = join('/opt', 'wegwijzer', 'resources');
const bundle = (source: string): SiteBundle => ({ source, files: { 'site.json': '{}', 'spaces.json': '[]', 'organisations.json': '[]', 'activities.json': '[]' } });

describe('defaultSiteDirCandidates', () => {
  it('dev: the sample in the repo', () => {
    expect(defaultSiteDirCandidates('/repo', undefined, false)).toEqual([join('/repo', 'kiosk-config', 'regina-mundi')]);
    expect(defaultSiteDirCandidates('/repo', '/electron/resources', false)).toEqual([join('/repo', 'kiosk-config', 'regina-mundi')]);
  });
  it('packaged: the editable extra resource first, then the copy inside the app', () => {
    expect(defaultSiteDirCandidates(APP, RESOURCES, true)).toEqual([join(RESOURCES, 'kiosk-config', 'regina-mundi'), join(APP, 'kiosk-config', 'regina-mundi')]);
  });
});

describe('chooseSiteDir', () => {
  const base = { argv: ['electron', '.'], env: {}, appPath: APP, resourcesPath: RESOURCES, isPackaged: true, cwd: '/home/kiosk' };

  it('uses the first default that exists', () => {
    expect(chooseSiteDir({ ...base, exists: () => true })).toEqual({ dir: join(RESOURCES, 'kiosk-config', 'regina-mundi'), from: 'default' });
    expect(chooseSiteDir({ ...base, exists: (p) => p.startsWith(APP) })).toEqual({ dir: join(APP, 'kiosk-config', 'regina-mundi'), from: 'default' });
  });
  it('falls back to the last candidate when none exists (the renderer then reports missing files)', () => {
    expect(chooseSiteDir({ ...base, exists: () => false }).dir).toBe(join(APP, 'kiosk-config', 'regina-mundi'));
  });
  it('lets --site and WEGWIJZER_SITE win, resolved against the working directory', () => {
    expect(chooseSiteDir({ ...base, argv: ['wegwijzer', '--site', 'sites/genk'], exists: () => true })).toEqual({ dir: join('/home/kiosk', 'sites', 'genk'), from: 'argument' });
    expect(chooseSiteDir({ ...base, env: { WEGWIJZER_SITE: '/srv/site' }, exists: () => true })).toEqual({ dir: '/srv/site', from: 'environment' });
  });
});

describe('createSiteService', () => {
  it('reads the bundle of its folder', async () => {
    const readSiteBundle = vi.fn(async (dir: string) => bundle(dir));
    const service = createSiteService({ dir: '/srv/site', readSiteBundle, watchSiteDir: vi.fn(), log: silentLog() });
    await expect(service.get()).resolves.toEqual(bundle('/srv/site'));
    expect(service.dir).toBe('/srv/site');
  });

  it('pushes a fresh bundle on every change and stops watching on request', async () => {
    let onChange: () => void = () => undefined;
    const stop = vi.fn();
    const watchSiteDir = vi.fn((_dir: string, callback: () => void) => {
      onChange = callback;
      return stop;
    });
    const push = vi.fn();
    const service = createSiteService({ dir: '/srv/site', readSiteBundle: async (dir) => bundle(dir), watchSiteDir, log: silentLog() });
    const stopWatching = service.watch(push);
    expect(watchSiteDir).toHaveBeenCalledWith('/srv/site', expect.any(Function));
    onChange();
    await vi.waitFor(() => expect(push).toHaveBeenCalledWith(bundle('/srv/site')));
    stopWatching();
    expect(stop).toHaveBeenCalled();
  });

  it('logs a failed re-read instead of pushing or throwing', async () => {
    let onChange: () => void = () => undefined;
    const log = silentLog();
    const push = vi.fn();
    const service = createSiteService({
      dir: '/srv/site',
      readSiteBundle: () => Promise.reject(new Error('EACCES')),
      watchSiteDir: (_dir, callback) => {
        onChange = callback;
        return () => undefined;
      },
      log,
    });
    service.watch(push);
    onChange();
    await vi.waitFor(() => expect(log.error).toHaveBeenCalledWith('config', expect.stringContaining('EACCES')));
    expect(push).not.toHaveBeenCalled();
  });
});
