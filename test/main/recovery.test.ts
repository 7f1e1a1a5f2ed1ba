import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { App, WebContents } from 'electron';
import { isAllowedNavigation } from '../../src-main/lockdown';
import { routeAppRequest } from '../../src-main/hub';
import {
  decideRecovery,
  installRecovery,
  MAX_RELOADS,
  RECOVERY_RETRY_MS,
  RECOVERY_URL,
  RELOAD_DELAY_MS,
  RELOAD_WINDOW_MS,
  UNRESPONSIVE_GRACE_MS,
} from '../../src-main/recovery';
import { RECOVERY_PAGES } from '../../src-main/recovery-page';
import { FakeWebContents, fakeEvent, silentLog } from './fakes';
import { PROPERTY_TIMEOUT_MS } from '../support/property';

const APP_URL = 'app://kiosk/';

describe('decideRecovery', () => {
  it('reloads up to three times a minute, then shows the recovery page', () => {
    let history: number[] = [];
    const actions: string[] = [];
    for (const now of [0, 1_000, 2_000, 3_000]) {
      const decision = decideRecovery(history, now, 'render-process-gone');
      history = decision.history;
      actions.push(decision.action);
    }
    expect(actions).toEqual(['reload', 'reload', 'reload', 'show-recovery-page']);
    expect(history).toEqual([0, 1_000, 2_000]);
  });

  it('forgets reloads older than the window', () => {
    expect(decideRecovery([0, 1, 2], RELOAD_WINDOW_MS, 'retry')).toEqual({ action: 'reload', history: [1, 2, RELOAD_WINDOW_MS] });
    expect(decideRecovery([0, 1, 2], RELOAD_WINDOW_MS + 2, 'retry')).toEqual({ action: 'reload', history: [RELOAD_WINDOW_MS + 2] });
  });

  it('drops entries from the future (a clock set back) instead of blocking forever', () => {
    expect(decideRecovery([10_000, 20_000, 30_000], 5_000, 'did-fail-load')).toEqual({ action: 'reload', history: [5_000] });
  });

  it('never allows more than MAX_RELOADS reloads in any window (property)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30_000 }), { maxLength: 60 }), (gaps) => {
        let history: number[] = [];
        let now = 0;
        const reloads: number[] = [];
        for (const gap of gaps) {
          now += gap;
          const decision = decideRecovery(history, now, 'render-process-gone');
          history = decision.history;
          if (decision.action === 'reload') reloads.push(now);
          expect(history.length).toBeLessThanOrEqual(MAX_RELOADS);
        }
        for (const start of reloads) {
          expect(reloads.filter((t) => t >= start && t < start + RELOAD_WINDOW_MS).length).toBeLessThanOrEqual(MAX_RELOADS);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('recovery page', () => {
  it('is served by main at an URL the navigation policy allows', () => {
    expect(isAllowedNavigation(RECOVERY_URL)).toBe(true);
    expect(routeAppRequest(RECOVERY_URL, null)).toEqual({ kind: 'recovery', page: 'recovery.html' });
    expect(routeAppRequest(RECOVERY_URL, 'https://hub.example/')).toEqual({ kind: 'recovery', page: 'recovery.html' });
  });

  it('says in Dutch and English that the kiosk restarts and retries in 60 s', () => {
    const html = RECOVERY_PAGES['recovery.html'].body;
    expect(html).toContain('lang="nl"');
    expect(html).toMatch(/start opnieuw op/);
    expect(html).toMatch(/restarting/);
    expect(html).toContain(`${RECOVERY_RETRY_MS / 1000} seconden`);
    expect(html).toContain(`${RECOVERY_RETRY_MS / 1000} seconds`);
  });

  it('works under the CSP: no script, no inline style, stylesheet from self', () => {
    const html = RECOVERY_PAGES['recovery.html'].body;
    expect(html).not.toMatch(/<script|\sstyle=|<style|\son\w+=/i);
    expect(html).toContain('<link rel="stylesheet" href="recovery.css" />');
    expect(RECOVERY_PAGES['recovery.css'].contentType).toBe('text/css; charset=utf-8');
  });
});

describe('installRecovery', () => {
  let contents: FakeWebContents;
  let app: EventEmitter;
  let log: ReturnType<typeof silentLog>;
  let quitting: boolean;
  let handle: ReturnType<typeof installRecovery>;

  beforeEach(() => {
    vi.useFakeTimers();
    contents = new FakeWebContents();
    app = new EventEmitter();
    log = silentLog();
    quitting = false;
    handle = installRecovery(app as unknown as App, contents as unknown as WebContents, { appUrl: APP_URL, log, isQuitting: () => quitting, now: () => Date.now() });
  });
  afterEach(() => {
    handle.dispose();
    vi.useRealTimers();
  });

  const crash = () => contents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 139 });

  it('reloads the app about a second after the renderer is gone', () => {
    crash();
    expect(contents.loadURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledWith(APP_URL);
    expect(log.error).toHaveBeenCalledWith('recovery', expect.stringContaining('crashed'));
  });

  it('handles a burst of related events as one recovery', () => {
    crash();
    contents.emit('did-fail-load', fakeEvent(), -2, 'FAILED', APP_URL, true);
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
  });

  it('after three reloads in a minute shows the recovery page, and retries 60 s later', () => {
    for (let i = 0; i < 3; i++) {
      crash();
      vi.advanceTimersByTime(RELOAD_DELAY_MS);
    }
    expect(contents.loadURL.mock.calls.map((call) => call[0])).toEqual([APP_URL, APP_URL, APP_URL]);
    crash();
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenLastCalledWith(RECOVERY_URL);
    // While the recovery page shows, more trouble does not restart the loop.
    crash();
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledTimes(4);
    vi.advanceTimersByTime(RECOVERY_RETRY_MS - RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledTimes(5);
    expect(contents.loadURL).toHaveBeenLastCalledWith(APP_URL);
  });

  it('kills and reloads a renderer that stays unresponsive for the grace period', () => {
    contents.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS - 1);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    // The kill causes render-process-gone; it joins the same recovery.
    crash();
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    expect(contents.loadURL).toHaveBeenCalledWith(APP_URL);
    expect(handle.history).toHaveLength(1);
  });

  it('cancels the kill when the renderer becomes responsive again', () => {
    contents.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS / 2);
    contents.emit('responsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(contents.loadURL).not.toHaveBeenCalled();
  });

  it('recovers from failed main-frame loads and HTTP errors, not from aborts or sub-frames', () => {
    contents.emit('did-fail-load', fakeEvent(), -3, 'ERR_ABORTED', APP_URL, true);
    contents.emit('did-fail-load', fakeEvent(), -2, 'FAILED', 'app://kiosk/frame', false);
    contents.emit('did-navigate', fakeEvent(), APP_URL, 200, 'OK');
    vi.advanceTimersByTime(RELOAD_DELAY_MS * 5);
    expect(contents.loadURL).not.toHaveBeenCalled();
    contents.emit('did-navigate', fakeEvent(), APP_URL, 404, 'Not Found');
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    contents.emit('did-fail-load', fakeEvent(), -6, 'ERR_FILE_NOT_FOUND', APP_URL, true);
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledTimes(2);
  });

  it('recovers from a preload error and from a GPU process crash, not from other child processes', () => {
    contents.emit('preload-error', fakeEvent(), '/p/index.cjs', new Error('boom'));
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    app.emit('child-process-gone', fakeEvent(), { type: 'Utility', reason: 'crashed', exitCode: 1 });
    app.emit('child-process-gone', fakeEvent(), { type: 'GPU', reason: 'clean-exit', exitCode: 0 });
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    app.emit('child-process-gone', fakeEvent(), { type: 'GPU', reason: 'crashed', exitCode: 1 });
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledTimes(2);
  });

  it('does nothing while the app is quitting', () => {
    quitting = true;
    crash();
    contents.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS * 2);
    expect(contents.loadURL).not.toHaveBeenCalled();
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });

  it('logs a failed reload instead of throwing', async () => {
    contents.loadURL.mockImplementation(() => Promise.reject(new Error('ERR_FAILED')));
    crash();
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    await vi.waitFor(() => expect(log.error).toHaveBeenCalledWith('recovery', expect.stringContaining('ERR_FAILED')));
  });

  it('dispose cancels pending work', () => {
    crash();
    handle.dispose();
    vi.advanceTimersByTime(RELOAD_DELAY_MS * 2);
    expect(contents.loadURL).not.toHaveBeenCalled();
  });
});
