// Kiosk lockdown: every webContents and session the app ever creates is locked down the same way.
// The policies are pure functions; the wiring below only connects them to Electron events.
import type { App, Input, Session, WebContents } from 'electron';
import { isAppUrl, originOf } from './origin';
import type { Logger } from './log';

export interface LockdownPolicy {
  /** Exact dev server origin in dev builds, null in kiosk builds. */
  devOrigin: string | null;
  /** Kiosk builds close DevTools the moment anything opens them. */
  kiosk: boolean;
  log: Logger;
}

/** Navigation stays inside the kiosk: only `app://kiosk/...`, plus the exact dev server origin in dev. */
export function isAllowedNavigation(url: string, devOrigin: string | null = null): boolean {
  if (isAppUrl(url)) return true;
  return devOrigin !== null && originOf(url) === devOrigin;
}

type ShortcutInput = Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>;

// With Ctrl/Cmd held only text editing survives: select all, copy, cut, paste, undo, redo, and
// word-wise caret movement and deletion. Everything else (reload, print, zoom, devtools, find,
// new window, view source, tab switching) is a way out of the kiosk or a broken screen.
const EDITING_KEYS_WITH_MODIFIER = new Set(['a', 'c', 'v', 'x', 'z', 'y', 'backspace', 'delete', 'arrowleft', 'arrowright', 'arrowup', 'arrowdown', 'home', 'end']);
// Alt+Arrow and Alt+Home navigate history; the browser and media keys reload, search or navigate.
const ALT_BLOCKED_KEYS = new Set(['arrowleft', 'arrowright', 'home', 'f4']);
const ALWAYS_BLOCKED_KEYS = new Set([
  'browserback',
  'browserforward',
  'browserrefresh',
  'browserhome',
  'browsersearch',
  'browserfavorites',
  'browserstop',
  'print',
  'contextmenu',
  'launchapplication1',
  'launchapplication2',
  'launchmail',
]);
const FUNCTION_KEY = /^f([1-9]|1[0-9]|2[0-4])$/;

/** True when a key press would reload, print, zoom, open DevTools or navigate away. */
export function isBlockedShortcut(input: ShortcutInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'keyUp' && input.type !== 'rawKeyDown') return false;
  const key = input.key.toLowerCase();
  if (FUNCTION_KEY.test(key) || ALWAYS_BLOCKED_KEYS.has(key)) return true;
  // AltGr arrives as Ctrl+Alt on Windows; it types characters such as @ and # on Belgian keyboards.
  const isAltGrCharacter = input.control && input.alt && !input.meta && input.key.length === 1 && !/^[a-z0-9]$/i.test(input.key);
  if (isAltGrCharacter) return false;
  if (input.control || input.meta) return !EDITING_KEYS_WITH_MODIFIER.has(key) || input.alt;
  if (input.alt) return ALT_BLOCKED_KEYS.has(key);
  return false;
}

/** Locks down one webContents: no navigation away, no windows, no webviews, no zoom, no shortcuts. */
export function lockDownWebContents(contents: WebContents, policy: LockdownPolicy): void {
  const refuse = (what: string, url: string) => policy.log.warn('lockdown', `${what} blocked: ${truncate(url)}`);
  const guardNavigation = (what: string) => (event: { preventDefault(): void; url: string }) => {
    if (!isAllowedNavigation(event.url, policy.devOrigin)) {
      event.preventDefault();
      refuse(what, event.url);
    }
  };
  contents.on('will-navigate', guardNavigation('navigation'));
  contents.on('will-frame-navigate', guardNavigation('frame navigation'));
  contents.on('will-redirect', guardNavigation('redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    refuse('window.open', url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    refuse('webview', '');
  });
  contents.on('context-menu', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
  contents.on('zoom-changed', () => contents.setZoomLevel(0));
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  // Pinch zoom is off by default in Electron; pinning it explicitly (again after every load) keeps it
  // off if a default ever changes.
  const pinZoom = () => void Promise.resolve(contents.setVisualZoomLevelLimits(1, 1)).catch(() => undefined);
  pinZoom();
  contents.on('did-finish-load', pinZoom);
  if (policy.kiosk) {
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

/**
 * Every permission is denied, with one exception: the kiosk's own origin may keep its storage
 * persistent (navigator.storage.persist), so bookings are not evicted under disk pressure. It grants
 * no device, no data and no way out.
 */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'persistent-storage' && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

/** Denies every permission, device, screen capture and download a page could ask a session for. */
export function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionGranted(permission, details?.requestingUrl)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  ses.on('will-download', (event) => event.preventDefault());
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.setSpellCheckerEnabled(false);
}

/** Applies the lockdown to every webContents the app creates, including ones nobody asked for. */
export function installLockdown(app: App, policy: LockdownPolicy): void {
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, policy));
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
