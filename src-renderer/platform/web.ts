import type { LogEntry, SavedFile } from '../core/contract';
import type { SiteConfigResponse, SiteConfigUnchanged } from '../core/hub/contract';
import type { SiteBundle } from '../core/model';
import { HubClient } from '../db/hub-client';
import type { KioskPlatform } from './types';

/** The host is a plain browser (web mode): the hub serves the page, the config and takes the logs. */
export class WebPlatform implements KioskPlatform {
  readonly #hub: HubClient;

  constructor(hub: HubClient = new HubClient()) {
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
    void this.#hub.log(entry);
  }

  async saveFile(name: string, content: string, mime: string): Promise<SavedFile> {
    // A browser keeps a file by downloading it: a Blob behind a temporary <a download>.
    const url = URL.createObjectURL(new Blob([content], { type: mime }));
    try {
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
    } finally {
      // Revoked after the click has been handled; revoking at once can cancel the download in Chromium.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }
    return { savedTo: name };
  }
}
