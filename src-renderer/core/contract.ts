// The one typed contract between the Electron main process, the preload script and the renderer.
// Type-only: main and preload import it with `import type`, so renaming a channel breaks all sides.
// The site config and its changes are not here: the renderer fetches them from the hub over app://
// (`/site/bundle.json`, `/api/changes`), as a browser kiosk does over http.

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  /** Short machine-friendly topic, e.g. "config". */
  topic: string;
  message: string;
}

/** Request/response channels: `ipcRenderer.invoke(channel, ...args)` → `Promise<result>`. */
export interface KioskInvokeContract {
  'kiosk:log': { args: [entry: LogEntry]; result: void };
  /** Writes a staff export into the site folder's publish/ directory; returns the absolute path. */
  'kiosk:file:save': { args: [name: string, content: string, mime: string]; result: SavedFile };
}

/** Where a saved file went: an absolute path (Electron) or the downloaded file's name (web mode). */
export interface SavedFile {
  savedTo: string;
}

export type KioskInvokeChannel = keyof KioskInvokeContract;

/** What the preload exposes as `window.kiosk`: one method per message, never a raw ipcRenderer. */
export interface KioskPreloadApi {
  log(entry: LogEntry): Promise<void>;
  saveFile(name: string, content: string, mime: string): Promise<SavedFile>;
}

/** The custom protocol origin the kiosk is served from. Changing it strands every stored booking. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Site assets (plan image) are served under this path on both hosts: `<origin>/site/<file>`. */
export const SITE_ASSET_PREFIX = 'site/';
