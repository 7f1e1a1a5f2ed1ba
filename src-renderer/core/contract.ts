// The one typed contract between the Electron main process, the preload script and the renderer.
// Type-only: main and preload import it with `import type`, so renaming a channel breaks all sides.
import type { SiteBundle } from './model';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  /** Short machine-friendly topic, e.g. "config". */
  topic: string;
  message: string;
}

/** Request/response channels: `ipcRenderer.invoke(channel, ...args)` → `Promise<result>`. */
export interface KioskInvokeContract {
  'kiosk:site:get': { args: []; result: SiteBundle };
  'kiosk:log': { args: [entry: LogEntry]; result: void };
  /** Writes a staff export into the site folder's publish/ directory; returns the absolute path. */
  'kiosk:file:save': { args: [name: string, content: string, mime: string]; result: SavedFile };
}

/** Where a saved file went: an absolute path (Electron) or the downloaded file's name (web mode). */
export interface SavedFile {
  savedTo: string;
}

/** Events pushed from main to the renderer. */
export interface KioskEventContract {
  'kiosk:site:changed': SiteBundle;
}

export type KioskInvokeChannel = keyof KioskInvokeContract;
export type KioskEventChannel = keyof KioskEventContract;

/** What the preload exposes as `window.kiosk`: one method per message, never a raw ipcRenderer. */
export interface KioskPreloadApi {
  getSite(): Promise<SiteBundle>;
  log(entry: LogEntry): Promise<void>;
  saveFile(name: string, content: string, mime: string): Promise<SavedFile>;
  /** Subscribes to config changes; returns an unsubscribe function. */
  onSiteChanged(listener: (bundle: SiteBundle) => void): () => void;
}

/** The custom protocol origin the kiosk is served from. Changing it strands every stored booking. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Site assets (plan image) are served under this path on both hosts: `<origin>/site/<file>`. */
export const SITE_ASSET_PREFIX = 'site/';
