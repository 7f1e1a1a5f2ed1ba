import type { KioskPreloadApi, LogEntry, SavedFile } from '../core/contract';
import { SITE_ASSET_PREFIX } from '../core/contract';
import type { SiteBundle } from '../core/model';
import type { KioskPlatform } from './types';

/** The host is Electron: everything goes through the typed preload API (`window.kiosk`). */
export class ElectronPlatform implements KioskPlatform {
  readonly #api: KioskPreloadApi;

  constructor(api: KioskPreloadApi) {
    this.#api = api;
  }

  loadSite(): Promise<SiteBundle> {
    return this.#api.getSite();
  }

  onSiteChanged(listener: (bundle: SiteBundle) => void): () => void {
    return this.#api.onSiteChanged(listener);
  }

  assetUrl(file: string): string {
    return new URL(SITE_ASSET_PREFIX + encodeURIComponent(file), document.baseURI).href;
  }

  log(entry: LogEntry): void {
    void this.#api.log(entry).catch(() => undefined);
  }

  saveFile(name: string, content: string, mime: string): Promise<SavedFile> {
    return this.#api.saveFile(name, content, mime);
  }
}
