// Renderer crash and hang recovery. When the renderer dies, hangs or fails to load, reload it —
// but not forever: a renderer that crashes on every start would otherwise flash a broken screen in
// a tight loop. After the cap a static recovery page shows, and main tries again a minute later.
import type { App, WebContents } from 'electron';
import { APP_ORIGIN } from '../src-renderer/core/contract';
import type { Logger } from './log';

export const MAX_RELOADS = 3;
export const RELOAD_WINDOW_MS = 60_000;
/** How long the recovery page stays before main tries the kiosk again. */
export const RECOVERY_RETRY_MS = 60_000;
/** Pause before reloading, so a crash during shutdown or a burst of related events is handled once. */
export const RELOAD_DELAY_MS = 1_000;
/** How long an unresponsive renderer gets before it is killed and reloaded. */
export const UNRESPONSIVE_GRACE_MS = 10_000;

export const RECOVERY_URL = `${APP_ORIGIN}/recovery.html`;

export type RecoveryReason = 'render-process-gone' | 'unresponsive' | 'did-fail-load' | 'http-error' | 'preload-error' | 'gpu-process-gone' | 'retry';

export interface RecoveryDecision {
  action: 'reload' | 'show-recovery-page';
  /** Reload times still inside the window, including this one when the action is a reload. */
  history: number[];
}

/**
 * At most MAX_RELOADS reloads per RELOAD_WINDOW_MS, then the recovery page. `history` holds the
 * times (ms) of recent reloads; entries "from the future" (a clock set back) are dropped.
 */
export function decideRecovery(history: readonly number[], now: number, _reason: RecoveryReason): RecoveryDecision {
  const recent = history.filter((time) => time <= now && now - time < RELOAD_WINDOW_MS);
  if (recent.length >= MAX_RELOADS) return { action: 'show-recovery-page', history: recent };
  return { action: 'reload', history: [...recent, now] };
}

// ERR_ABORTED: a navigation replaced by another one, which is not a failure.
const ERR_ABORTED = -3;

export interface RecoveryOptions {
  /** The URL the kiosk runs at (app://kiosk/ or the dev server). */
  appUrl: string;
  log: Logger;
  isQuitting: () => boolean;
  now?: () => number;
}

export interface RecoveryHandle {
  dispose(): void;
  /** Reload times in the current window, for health reporting. */
  readonly history: readonly number[];
}

/** Wires the recovery policy to one kiosk webContents and to GPU process crashes. */
export function installRecovery(app: Pick<App, 'on'>, contents: WebContents, options: RecoveryOptions): RecoveryHandle {
  const { log } = options;
  const now = options.now ?? Date.now;
  let history: number[] = [];
  let pending: ReturnType<typeof setTimeout> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let hang: ReturnType<typeof setTimeout> | undefined;

  const load = (url: string) => {
    if (contents.isDestroyed()) return;
    contents.loadURL(url).catch((error: unknown) => log.error('recovery', `loading ${url} failed: ${String(error)}`));
  };

  const act = (reason: RecoveryReason) => {
    const decision = decideRecovery(history, now(), reason);
    history = decision.history;
    if (decision.action === 'reload') {
      log.warn('recovery', `reloading the kiosk (${reason}; ${history.length}/${MAX_RELOADS} in the last minute)`);
      load(options.appUrl);
      return;
    }
    log.error('recovery', `${reason}: reload limit reached, showing the recovery page; retrying in ${RECOVERY_RETRY_MS / 1000} s`);
    load(RECOVERY_URL);
    retry = setTimeout(() => {
      retry = undefined;
      act('retry');
    }, RECOVERY_RETRY_MS);
  };

  const schedule = (reason: RecoveryReason, detail: string) => {
    if (options.isQuitting()) return;
    log.error('recovery', `${reason}: ${detail}`);
    // One recovery at a time: a crash often arrives together with a failed load, and while the
    // recovery page shows, its own timer decides when to try again.
    if (pending !== undefined || retry !== undefined) return;
    pending = setTimeout(() => {
      pending = undefined;
      act(reason);
    }, RELOAD_DELAY_MS);
  };

  const clearHang = () => {
    clearTimeout(hang);
    hang = undefined;
  };

  contents.on('render-process-gone', (_event, details) => {
    clearHang();
    schedule('render-process-gone', `reason ${details.reason}, exit code ${details.exitCode}`);
  });
  contents.on('unresponsive', () => {
    if (hang !== undefined || options.isQuitting()) return;
    log.warn('recovery', `renderer unresponsive; waiting ${UNRESPONSIVE_GRACE_MS / 1000} s`);
    hang = setTimeout(() => {
      hang = undefined;
      // Scheduled before the kill so the render-process-gone that the kill causes joins this
      // recovery instead of counting as a second one; the reload then starts a fresh process.
      schedule('unresponsive', `no response for ${UNRESPONSIVE_GRACE_MS / 1000} s: killing the renderer`);
      contents.forcefullyCrashRenderer();
    }, UNRESPONSIVE_GRACE_MS);
  });
  contents.on('responsive', () => {
    if (hang !== undefined) log.info('recovery', 'renderer responsive again');
    clearHang();
  });
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    schedule('did-fail-load', `${errorCode} ${errorDescription} at ${validatedURL.slice(0, 200)}`);
  });
  // A 404 for index.html (a broken or missing build) is a "successful" load of an error body.
  contents.on('did-navigate', (_event, url, httpResponseCode) => {
    if (httpResponseCode >= 400 && url !== RECOVERY_URL) schedule('http-error', `HTTP ${httpResponseCode} at ${url.slice(0, 200)}`);
  });
  contents.on('preload-error', (_event, preloadPath, error) => {
    schedule('preload-error', `${preloadPath}: ${String(error)}`);
  });
  app.on('child-process-gone', (_event, details) => {
    if (details.type !== 'GPU' || details.reason === 'clean-exit') return;
    // A GPU crash leaves a white or black window behind; a reload repaints it.
    schedule('gpu-process-gone', `GPU process ${details.reason}, exit code ${details.exitCode}`);
  });

  return {
    dispose() {
      clearTimeout(pending);
      clearTimeout(retry);
      clearHang();
      pending = retry = undefined;
    },
    get history() {
      return history;
    },
  };
}
