import { describe, expect, it } from 'vitest';
import { activeNotice, parseDeviceIdentity, shouldReload } from '../../../src-renderer/core/screen';

describe('screen settings', () => {
  it('shows a notice from its start until (not including) its end', () => {
    const screen = { notice: { text: 'The site closes at 16:00 today', from: 1_000, until: 2_000 } };
    expect(activeNotice(screen, 999)).toBeUndefined();
    expect(activeNotice(screen, 1_000)).toBe('The site closes at 16:00 today');
    expect(activeNotice(screen, 1_999)).toBe('The site closes at 16:00 today');
    expect(activeNotice(screen, 2_000)).toBeUndefined();
    expect(activeNotice({}, 1_500)).toBeUndefined();
    expect(activeNotice(undefined, 1_500)).toBeUndefined();
  });

  it('reloads for a request made after the page loaded, and only once for it', () => {
    expect(shouldReload(undefined, 1_000, undefined)).toBe(false);
    expect(shouldReload(900, 1_000, undefined)).toBe(false);
    expect(shouldReload(1_100, 1_000, undefined)).toBe(true);
    // The page reloaded for 1_100, but its clock runs behind the hub's: no second reload.
    expect(shouldReload(1_100, 1_050, 1_100)).toBe(false);
    expect(shouldReload(1_200, 1_050, 1_100)).toBe(true);
  });

  it('reads a stored device identity, and nothing from a damaged one', () => {
    expect(parseDeviceIdentity(JSON.stringify({ token: 't0k3n', screenId: 'scr-1' }))).toEqual({ token: 't0k3n', screenId: 'scr-1' });
    expect(parseDeviceIdentity(null)).toBeUndefined();
    expect(parseDeviceIdentity('{')).toBeUndefined();
    expect(parseDeviceIdentity(JSON.stringify({ token: '', screenId: 'scr-1' }))).toBeUndefined();
    expect(parseDeviceIdentity(JSON.stringify({ token: 't0k3n' }))).toBeUndefined();
    expect(parseDeviceIdentity('"t0k3n"')).toBeUndefined();
  });
});
