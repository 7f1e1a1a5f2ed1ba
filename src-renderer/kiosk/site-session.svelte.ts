import type { ConfigError, SiteBundle } from '../core/model';
import type { KioskStore } from '../db/store';
import type { KioskPlatform } from '../platform';

export type SessionStatus = 'loading' | 'ready' | 'error';

/**
 * Brings the site config the hub serves into the store: validate, then seed the kiosk's copy. A bad
 * config never blanks the screen: with a good config stored from before the kiosk keeps serving it
 * (the problem goes to the log and to staff); without one it shows the errors so someone can fix
 * them. A stored config is shown at once, before the hub answers: a kiosk whose hub is starting or
 * away keeps working from its copy. The hub's change stream says when the config changed.
 */
export class SiteSession {
  #status = $state<SessionStatus>('loading');
  #errors = $state.raw<ConfigError[]>([]);
  #rejected = $state.raw<ConfigError[]>([]);
  #source = $state('');
  #applying: Promise<void> = Promise.resolve();
  readonly #platform: KioskPlatform;
  readonly #store: KioskStore;

  constructor(platform: KioskPlatform, store: KioskStore) {
    this.#platform = platform;
    this.#store = store;
  }

  get status(): SessionStatus {
    return this.#status;
  }
  /** Why the kiosk cannot show the site (status 'error'). */
  get errors(): readonly ConfigError[] {
    return this.#errors;
  }
  /** Problems of a newer config that was refused while an older good one stays in use. */
  get rejected(): readonly ConfigError[] {
    return this.#rejected;
  }
  get source(): string {
    return this.#source;
  }

  /** Loads the site and follows changes; returns a function that stops following. */
  start(): () => void {
    let stopped = false;
    // The copy first: a kiosk shows what it has while the hub starts (or is away).
    void this.#store.lastGoodSite().then(
      (stored) => {
        if (stored && !stopped && this.#status === 'loading') void this.#ready();
      },
      () => undefined,
    );
    const stop = this.#store.onConfigChanged(() => this.#reload());
    this.#reload();
    return () => {
      stopped = true;
      stop();
    };
  }

  #reload(): void {
    this.#platform.loadSite().then(
      (bundle) => this.#enqueue(bundle),
      (error: unknown) => {
        this.#platform.log({ level: 'warn', topic: 'config', message: `The site config could not be fetched: ${describe(error)}` });
        // With a stored config the kiosk carries on; the change stream reloads once the hub answers.
        void this.#store.lastGoodSite().then((stored) => {
          if (stored) {
            if (this.#status !== 'ready') void this.#ready();
          } else this.#fail([{ file: '', path: '', message: describe(error) }]);
        });
      },
    );
  }

  // Changes are applied one after another so that a slow seed never races a newer config.
  #enqueue(bundle: SiteBundle): Promise<void> {
    this.#applying = this.#applying.then(() => this.#apply(bundle)).catch((error: unknown) =>
      this.#fail([{ file: '', path: '', message: `The kiosk could not store the site: ${describe(error)}` }]),
    );
    return this.#applying;
  }

  async #apply(bundle: SiteBundle): Promise<void> {
    this.#source = bundle.source;
    const now = Date.now();
    if (await this.#store.isBundleCurrent(bundle, now)) {
      await this.#ready(bundle, now);
      return;
    }
    // Validation and schedule expansion (valibot, ical.js) are loaded only when the files changed:
    // an ordinary start skips both and shows the stored site at once.
    const [{ loadSiteConfig }, { expandAll }] = await Promise.all([import('../core/config'), import('../core/schedule')]);
    const result = loadSiteConfig(bundle, { now });
    if (result.ok) {
      await this.#store.seedConfig(result.config, bundle, { now, warnings: result.warnings, expand: expandAll });
      for (const warning of result.warnings) this.#platform.log({ level: 'warn', topic: 'config', message: formatError(warning) });
      await this.#ready(bundle, now);
      return;
    }
    await this.#store.recordConfigFailure(result.errors, now);
    for (const error of result.errors) this.#platform.log({ level: 'error', topic: 'config', message: formatError(error) });
    if (await this.#store.lastGoodSite()) {
      this.#rejected = result.errors;
      this.#status = 'ready';
    } else {
      this.#fail(result.errors);
    }
  }

  /** The config is in force; `bundle.refused` says the hub refused newer files, which staff should see. */
  async #ready(bundle?: SiteBundle, now = Date.now()): Promise<void> {
    const refused = bundle?.refused ?? [];
    if (refused.length > 0) await this.#store.recordConfigFailure(refused, now);
    this.#errors = [];
    this.#rejected = refused;
    this.#status = 'ready';
    performance.mark('kiosk/configReady');
  }

  #fail(errors: ConfigError[]): void {
    this.#errors = errors;
    this.#status = 'error';
  }
}

export function formatError(error: ConfigError): string {
  return [error.file, error.path, error.message].filter(Boolean).join(': ');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
