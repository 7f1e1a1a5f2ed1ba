import { bundleHash } from '../core/bundle-hash';
import type { SiteConfigResponse, SiteConfigUnchanged } from '../core/hub/contract';
import type { ConfigError, SiteBundle, SiteConfig } from '../core/model';
import type { KioskStore } from '../db/store';
import type { KioskPlatform } from '../platform';

export type SessionStatus = 'loading' | 'ready' | 'error';

/** Where a config comes from: the hub, validated there, or (a hub that vouches for none) the raw files. */
type ConfigSource = { kind: 'validated'; served: SiteConfigResponse | SiteConfigUnchanged } | { kind: 'files'; bundle: SiteBundle };

/** How often a seed cut short (SeedInterrupted) is started again in a row. */
const MAX_SEED_RETRIES = 3;

/**
 * Brings the site config the hub serves into the store: the hub validated it (a screen validates only
 * the raw files of a hub that vouches for none), then the kiosk's copy is seeded. A first start shows
 * the site as soon as its map is stored, while the activities are still being written. A bad
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
  #retries = 0;
  /** The version the last fetch answered; a change to the same version needs no fetch. */
  #known: string | undefined;
  #fetching = false;
  /** A version announced while a fetch was under way. */
  #missed: string | undefined;
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
    const stop = this.#store.onConfigChanged((version) => this.#changed(version));
    this.#reload();
    return () => {
      stopped = true;
      stop();
    };
  }

  /**
   * The hub serves another config version. A first start hears of it while its own first fetch is
   * still under way (the change stream's first answer): that one fetch serves both, since a config
   * of a large site is megabytes.
   */
  #changed(version: string): void {
    if (version === this.#known) return;
    if (this.#fetching) this.#missed = version;
    else this.#reload();
  }

  #reload(): void {
    this.#fetching = true;
    void this.#fetch().then(
      (source) => {
        this.#known = source.kind === 'validated' ? source.served.version : bundleHash(source.bundle);
        void this.#enqueue(source);
        this.#fetched();
      },
      (error: unknown) => {
        this.#fetched();
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

  #fetched(): void {
    this.#fetching = false;
    const missed = this.#missed;
    this.#missed = undefined;
    if (missed !== undefined && missed !== this.#known) this.#reload();
  }

  /**
   * The config the hub validated, or — from a hub that vouches for none — the raw files to validate
   * here. The hub is told the version the copy holds, so an unchanged config costs one short answer.
   */
  async #fetch(): Promise<ConfigSource> {
    const have = await this.#store.currentConfigVersion(Date.now()).catch(() => undefined);
    const served = await this.#platform.loadValidatedSite(have);
    if (served) return { kind: 'validated', served };
    return { kind: 'files', bundle: await this.#platform.loadSite() };
  }

  // Changes are applied one after another so that a slow seed never races a newer config.
  #enqueue(source: ConfigSource): Promise<void> {
    this.#applying = this.#applying.then(() => this.#apply(source)).catch((error: unknown) => this.#couldNotStore(error));
    return this.#applying;
  }

  async #apply(source: ConfigSource): Promise<void> {
    const now = Date.now();
    const served = source.kind === 'validated' ? source.served : undefined;
    if (served && 'unchanged' in served) {
      // The hub confirmed the version the copy holds.
      if (await this.#store.isConfigCurrent(served.version, now)) return this.#ready(served.refused ?? [], now);
      // The copy changed since it asked (a wipe): ask again for the whole config.
      this.#reload();
      return;
    }
    let version: string;
    let config: SiteConfig;
    let warnings: ConfigError[];
    let refused: ConfigError[];
    if (served) {
      this.#source = served.source;
      ({ version, config, warnings } = served);
      refused = served.refused ?? [];
      if (await this.#store.isConfigCurrent(version, now)) return this.#ready(refused, now);
    } else {
      // A served answer is never 'files', but TypeScript cannot see that `served` settles it.
      if (source.kind !== 'files') return;
      const { bundle } = source;
      this.#source = bundle.source;
      version = bundleHash(bundle);
      refused = bundle.refused ?? [];
      if (await this.#store.isConfigCurrent(version, now)) return this.#ready(refused, now);
      // Only from a hub that vouches for no config: validation (valibot, a year of schedules) is
      // loaded here, never on an ordinary start.
      const { loadSiteConfig } = await import('../core/config');
      const result = loadSiteConfig(bundle, { now });
      if (!result.ok) return this.#refuse(result.errors, now);
      ({ config, warnings } = result);
    }
    // The schedule expansion (ical.js) is loaded only when a config has to be seeded.
    const { expandAll } = await import('../core/schedule');
    await this.#store.seedConfig(config, version, { now, warnings, expand: expandAll, onSiteReady: () => void this.#ready(refused, now) });
    performance.mark('kiosk/siteSeeded');
    this.#retries = 0;
    for (const warning of warnings) this.#platform.log({ level: 'warn', topic: 'config', message: formatError(warning) });
    await this.#ready(refused, now);
  }

  async #refuse(errors: ConfigError[], now: number): Promise<void> {
    await this.#store.recordConfigFailure(errors, now);
    for (const error of errors) this.#platform.log({ level: 'error', topic: 'config', message: formatError(error) });
    if (await this.#store.lastGoodSite()) {
      this.#rejected = errors;
      this.#status = 'ready';
    } else {
      this.#fail(errors);
    }
  }

  /**
   * Storing the site failed. A seed cut short by a wipe or a newer seed is simply done again (a few
   * times: two pages fighting over one copy must not loop); while a site is on screen it stays there.
   */
  async #couldNotStore(error: unknown): Promise<void> {
    const message = `The kiosk could not store the site: ${describe(error)}`;
    this.#platform.log({ level: 'warn', topic: 'config', message });
    if (error instanceof Error && error.name === 'SeedInterrupted' && this.#retries < MAX_SEED_RETRIES) {
      this.#retries += 1;
      this.#reload();
      return;
    }
    if (this.#status === 'ready' && (await this.#store.lastGoodSite().catch(() => undefined))) return;
    this.#fail([{ file: '', path: '', message }]);
  }

  /** The config is in force; `refused` are newer files the hub refused, which staff should see. */
  async #ready(refused: ConfigError[] = [], now = Date.now()): Promise<void> {
    if (refused.length > 0) await this.#store.recordConfigFailure(refused, now);
    this.#errors = [];
    this.#rejected = refused;
    if (this.#status !== 'ready') performance.mark('kiosk/configReady');
    this.#status = 'ready';
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
