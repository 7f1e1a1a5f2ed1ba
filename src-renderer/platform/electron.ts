import type { KioskPreloadApi, LogEntry, SavedFile } from '../core/contract';
import type { SiteConfigResponse, SiteConfigUnchanged } from '../core/hub/contract';
import type { SiteBundle } from '../core/model';
import { HubClient } from '../db/hub-client';
import type { KioskPlatform } from './types';

/**
 * The host is Electron: the page comes through the app:// protocol from the hub main embeds (or
 * proxies), so the config is fetched from it like in a browser; logs and saved files go through the
 * typed preload API (`window.kiosk`), to the log file and the site folder.
 */
export class ElectronPlatform implements KioskPlatform {
  readonly #api: KioskPreloadApi;
  readonly #hub: HubClient;

  constructor(api: KioskPreloadApi, hub: HubClient = new HubClient()) {
    this.#api = api;
    this.#hub = hub;
  }

  loadSite(): Promise<SiteBundle> {
    return this.#hub.siteBundle();
  }

  loadValidatedSite(have?: string): Promise<SiteConfigResponse | SiteConfigUnchanged | undefined> {
    return this.#hub.siteConfig(have);
  }

  assetUrl(file: string): string {
    return this.#hub.assetUrl(file);
  }

  log(entry: LogEntry): void {
    void this.#api.log(entry).catch(() => undefined);
  }

  saveFile(name: string, content: string, mime: string): Promise<SavedFile> {
    return this.#api.saveFile(name, content, mime);
  }
}
