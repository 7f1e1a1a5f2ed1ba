// The one kiosk window. Which build we are and which options the window gets are pure functions,
// so every security flag is asserted by a test rather than trusted to a code review.
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';
import { APP_ORIGIN } from '../src-renderer/core/contract';
import { devServerUrl, type DevServerInputs } from './dev-server';
import { devServerOrigin } from './origin';

/** The persistent partition that holds the bookings (IndexedDB). Never rename it. */
export const KIOSK_PARTITION = 'persist:kiosk';
export const KIOSK_BACKGROUND = '#1f2a37';
/** Show the window even if ready-to-show never comes (a renderer that crashed on start). */
export const SHOW_FALLBACK_MS = 5_000;

export interface BuildInputs extends DevServerInputs {
  argv: readonly string[];
}

export interface BuildMode {
  /** Kiosk builds: full screen, no DevTools, no dev server. */
  kiosk: boolean;
  /** The electron-vite dev server origin in dev builds, else null. */
  devOrigin: string | null;
  /** Where the window starts. */
  startUrl: string;
}

/**
 * A packaged app is always a kiosk, whatever its arguments or environment say. An unpackaged one
 * is a dev build only when asked: `--dev`, or `electron-vite dev` with its dev server (dev-server.ts).
 */
export function isKioskBuild(inputs: BuildInputs): boolean {
  if (inputs.isPackaged) return true;
  return !inputs.argv.includes('--dev') && devServerUrl(inputs) === null;
}

export function buildMode(inputs: BuildInputs): BuildMode {
  const kiosk = isKioskBuild(inputs);
  const devUrl = kiosk ? null : devServerUrl(inputs);
  return { kiosk, devOrigin: devUrl === null ? null : devServerOrigin(devUrl), startUrl: devUrl ?? `${APP_ORIGIN}/` };
}

/** The Electron security checklist, applied: nothing from Node reaches the page. */
export function kioskWebPreferences(preloadPath: string, { devTools }: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    partition: KIOSK_PARTITION,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    disableDialogs: true,
    safeDialogs: true,
    enableWebSQL: false,
    plugins: false,
    devTools,
    // The kiosk is always in front; throttling a hidden-then-shown window only delays the clock.
    backgroundThrottling: false,
  };
}

/** Full screen and frameless in kiosk builds; an ordinary window with DevTools in dev builds. */
export function kioskWindowOptions(preloadPath: string, mode: Pick<BuildMode, 'kiosk'>): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    title: 'Wegwijzer',
    show: false,
    backgroundColor: KIOSK_BACKGROUND,
    autoHideMenuBar: true,
    webPreferences: kioskWebPreferences(preloadPath, { devTools: !mode.kiosk }),
  };
  if (!mode.kiosk) return { ...common, width: 1280, height: 800 };
  return {
    ...common,
    kiosk: true,
    fullscreen: true,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: true,
    skipTaskbar: true,
  };
}

/** Shows the window once it has painted (no white flash), or after a fallback delay. */
export function showWhenReady(win: Pick<BrowserWindow, 'once' | 'show' | 'isDestroyed' | 'isVisible'>, fallbackMs = SHOW_FALLBACK_MS): void {
  const show = () => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  };
  const fallback = setTimeout(show, fallbackMs);
  win.once('ready-to-show', () => {
    clearTimeout(fallback);
    show();
  });
}

/**
 * Creates the kiosk window. The flags the whole security model rests on are restated after the
 * spread, at the constructor: no later edit of kioskWindowOptions can switch them off, and static
 * checkers (Electronegativity reads only the literal passed to `new BrowserWindow`) can see them.
 */
export function createKioskWindow(preloadPath: string, mode: Pick<BuildMode, 'kiosk'>): BrowserWindow {
  const options = kioskWindowOptions(preloadPath, mode);
  // Electronegativity's AUXCLICK_JS_CHECK is suppressed on the next line: its fix, disableBlinkFeatures
  // 'Auxclick', names no Blink runtime feature in current Chromium (a silent no-op). Middle-click is
  // contained by setWindowOpenHandler (deny) and the navigation policy in lockdown.ts instead.
  const win = new BrowserWindow({ /* eng-disable AUXCLICK_JS_CHECK */
    ...options,
    webPreferences: {
      ...options.webPreferences,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  showWhenReady(win);
  return win;
}

/**
 * Whether a request to close the kiosk window (Alt+F4, a window manager's close) is refused. In a
 * kiosk build only quitting the app closes it — the OS supervisor or an administrator stops the
 * process — so a visitor cannot leave the kiosk with a key combination. Dev builds close normally.
 */
export function shouldPreventClose(mode: Pick<BuildMode, 'kiosk'>, quitting: boolean): boolean {
  return mode.kiosk && !quitting;
}
