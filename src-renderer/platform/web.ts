import type { LogEntry, SavedFile } from '../core/contract';
import { SITE_ASSET_PREFIX } from '../core/contract';
import type { SiteBundle } from '../core/model';
import type { KioskPlatform } from './types';

/**
 * The host is a plain browser (web mode): the config comes over HTTP from the web-mode server,
 * change notices arrive as Server-Sent Events, logs are posted back.
 */
export class WebPlatform implements KioskPlatform {
  readonly #base: string;
  /** The last bundle handed out, as text, so an unchanged folder is never reported as a change. */
  #lastBundle = '';

  constructor(base: string = document.baseURI) {
    this.#base = base;
  }

  async loadSite(): Promise<SiteBundle> {
    return JSON.parse(await this.#fetchBundle()) as SiteBundle;
  }

  onSiteChanged(listener: (bundle: SiteBundle) => void): () => void {
    const events = new EventSource(new URL(`${SITE_ASSET_PREFIX}events`, this.#base));
    // A change can slip by while the stream (re)connects, so every open counts as a possible change.
    const onChange = (): void => {
      const previous = this.#lastBundle;
      this.#fetchBundle().then(
        (text) => {
          if (text !== previous) listener(JSON.parse(text) as SiteBundle);
        },
        (error: unknown) => this.log({ level: 'warn', topic: 'config', message: String(error) }),
      );
    };
    events.addEventListener('site', onChange);
    events.addEventListener('open', onChange);
    return () => {
      events.removeEventListener('site', onChange);
      events.removeEventListener('open', onChange);
      events.close();
    };
  }

  async #fetchBundle(): Promise<string> {
    const response = await fetch(new URL(`${SITE_ASSET_PREFIX}bundle.json`, this.#base), { cache: 'no-store' });
    if (!response.ok) throw new Error(`The site configuration could not be fetched (HTTP ${response.status}).`);
    this.#lastBundle = await response.text();
    return this.#lastBundle;
  }

  assetUrl(file: string): string {
    return new URL(SITE_ASSET_PREFIX + encodeURIComponent(file), this.#base).href;
  }

  log(entry: LogEntry): void {
    void fetch(new URL('api/log', this.#base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(entry),
      keepalive: true,
    }).catch(() => undefined);
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
