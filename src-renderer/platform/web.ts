import type { LogEntry } from '../core/contract';
import { SITE_ASSET_PREFIX } from '../core/contract';
import type { SiteBundle } from '../core/model';
import type { KioskPlatform } from './types';

/**
 * The host is a plain browser (web mode): the config comes over HTTP from the web-mode server,
 * change notices arrive as Server-Sent Events, logs are posted back.
 */
export class WebPlatform implements KioskPlatform {
  readonly #base: string;

  constructor(base: string = document.baseURI) {
    this.#base = base;
  }

  async loadSite(): Promise<SiteBundle> {
    const response = await fetch(new URL(`${SITE_ASSET_PREFIX}bundle.json`, this.#base), { cache: 'no-store' });
    if (!response.ok) throw new Error(`The site configuration could not be fetched (HTTP ${response.status}).`);
    return (await response.json()) as SiteBundle;
  }

  onSiteChanged(listener: (bundle: SiteBundle) => void): () => void {
    const events = new EventSource(new URL(`${SITE_ASSET_PREFIX}events`, this.#base));
    const onChange = (): void => {
      this.loadSite().then(listener, (error: unknown) => this.log({ level: 'warn', topic: 'config', message: String(error) }));
    };
    events.addEventListener('site', onChange);
    return () => {
      events.removeEventListener('site', onChange);
      events.close();
    };
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
}
