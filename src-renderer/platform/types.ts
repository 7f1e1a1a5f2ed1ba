import type { LogEntry, SavedFile } from '../core/contract';
import type { SiteBundle } from '../core/model';

/**
 * The one interface the renderer uses to talk to its host. Electron implements it over the preload
 * API, web mode over HTTP; screens never ask which one they have.
 */
export interface KioskPlatform {
  loadSite(): Promise<SiteBundle>;
  /** Calls `listener` whenever the site folder changes on disk; returns an unsubscribe function. */
  onSiteChanged(listener: (bundle: SiteBundle) => void): () => void;
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
