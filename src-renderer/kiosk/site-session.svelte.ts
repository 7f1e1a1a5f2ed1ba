import type { ConfigError, SiteBundle } from '../core/model';
import type { KioskDatabase } from '../db/database';
import { bundleHash, isBundleCurrent, loadLastGoodSite, recordConfigFailure, seedFromConfig } from '../db/seed';
import type { KioskPlatform } from '../platform';

export type SessionStatus = 'loading' | 'ready' | 'error';

/**
 * Brings a site config from the host into the store: validate, then seed Dexie. A bad config never
 * blanks the screen: with a good config stored from before the kiosk keeps serving it (the problem
 * goes to the log and to staff); without one it shows the errors so someone can fix them.
 */
export class SiteSession {
  #status = $state<SessionStatus>('loading');
  #errors = $state.raw<ConfigError[]>([]);
  #rejected = $state.raw<ConfigError[]>([]);
  #source = $state('');
  #applying: Promise<void> = Promise.resolve();
  readonly #platform: KioskPlatform;
  readonly #db: KioskDatabase;

  constructor(platform: KioskPlatform, db: KioskDatabase) {
    this.#platform = platform;
    this.#db = db;
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
    const stop = this.#platform.onSiteChanged((bundle) => void this.#enqueue(bundle));
    this.#platform.loadSite().then(
      (bundle) => this.#enqueue(bundle),
      (error: unknown) => this.#fail([{ file: '', path: '', message: describe(error) }]),
    );
    return stop;
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
    const hash = bundleHash(bundle);
    if (await isBundleCurrent(this.#db, hash, now)) {
      this.#ready();
      return;
    }
    // Validation and schedule expansion (valibot, ical.js) are loaded only when the files changed:
    // an ordinary start skips both and shows the stored site at once.
    const [{ loadSiteConfig }, { expandAll }] = await Promise.all([import('../core/config'), import('../core/schedule')]);
    const result = loadSiteConfig(bundle, { now });
    if (result.ok) {
      await seedFromConfig(this.#db, result.config, { now, warnings: result.warnings, bundleHash: hash, expand: expandAll });
      for (const warning of result.warnings) this.#platform.log({ level: 'warn', topic: 'config', message: formatError(warning) });
      this.#ready();
      return;
    }
    await recordConfigFailure(this.#db, result.errors, now);
    for (const error of result.errors) this.#platform.log({ level: 'error', topic: 'config', message: formatError(error) });
    if (await loadLastGoodSite(this.#db)) {
      this.#rejected = result.errors;
      this.#status = 'ready';
    } else {
      this.#fail(result.errors);
    }
  }

  #ready(): void {
    this.#errors = [];
    this.#rejected = [];
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
