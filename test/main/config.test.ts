import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { chooseSiteDir, defaultSiteDirCandidates } from '../../src-main/config';

const APP = join('/opt', 'wegwijzer', 'resources', 'app.asar');
const RESOURCES = join('/opt', 'wegwijzer', 'resources');

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
