import type { LogEntry, SavedFile } from '../core/contract';
import type { SiteConfigResponse, SiteConfigUnchanged } from '../core/hub/contract';
import type { SiteBundle } from '../core/model';

/**
 * The one interface the renderer uses to talk to its host. Both hosts serve the kiosk from the site
 * hub (over http, or app:// under Electron), so the config comes from the hub either way and its
 * changes are noticed on the hub's change stream (db/sync.ts); what differs is where logs and saved
 * files go. Screens never ask which host they have.
 */
export interface KioskPlatform {
  /** The site folder's files as the hub serves them (`/site/bundle.json`). */
  loadSite(): Promise<SiteBundle>;
  /**
   * The config the hub validated (`/site/config.json`), so the kiosk need not validate it again;
   * `have` is the version the kiosk holds, which the hub then only confirms. Undefined when the hub
   * vouches for none: then `loadSite()`'s files are validated here.
   */
  loadValidatedSite(have?: string): Promise<SiteConfigResponse | SiteConfigUnchanged | undefined>;
  /** URL of a file in the site folder (the plan image), same origin as the app. */
  assetUrl(file: string): string;
  log(entry: LogEntry): void;
  /**
   * Keeps a staff export (.json, .ics or .html, plain file name). Electron writes it into the site
   * folder's publish/ directory and answers the absolute path; web mode downloads it and answers
   * the file name.
   */
  saveFile(name: string, content: string, mime: string): Promise<SavedFile>;
}
