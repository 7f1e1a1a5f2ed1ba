import { describe, expect, it } from 'vitest';
import { resolveSiteDir } from '../../src-hub/site/resolve';

describe('resolveSiteDir', () => {
  const cwd = '/srv/kiosk';
  const fallback = '/app/kiosk-config/regina-mundi';

  it('takes --site <dir> first, relative to the working folder', () => {
    expect(resolveSiteDir(['--site', 'sites/genk'], { WEGWIJZER_SITE: '/env/site' }, fallback, cwd)).toEqual({
      dir: '/srv/kiosk/sites/genk',
      from: 'argument',
    });
  });

  it('accepts --site=<dir>', () => {
    expect(resolveSiteDir(['--site=/abs/site'], {}, fallback, cwd)).toEqual({ dir: '/abs/site', from: 'argument' });
  });

  it('falls back to WEGWIJZER_SITE, then to the embedded default', () => {
    expect(resolveSiteDir([], { WEGWIJZER_SITE: ' /env/site ' }, fallback, cwd)).toEqual({ dir: '/env/site', from: 'environment' });
    expect(resolveSiteDir([], { WEGWIJZER_SITE: '' }, fallback, cwd)).toEqual({ dir: fallback, from: 'default' });
  });

  it('ignores a --site without a value instead of taking the next flag as a folder', () => {
    expect(resolveSiteDir(['--site', '--port', '5180'], {}, fallback, cwd)).toEqual({ dir: fallback, from: 'default' });
    expect(resolveSiteDir(['--site='], {}, fallback, cwd)).toEqual({ dir: fallback, from: 'default' });
  });
});
