// The site config the hub serves and checks bookings against. It reads the site folder, validates
// it with the same loadSiteConfig the kiosk used, and follows the folder's changes. A config that
// does not validate never replaces a good one: the hub keeps serving the last good config, and keeps
// it in hub_meta too, so a restart with a broken folder still serves it instead of nothing.
import { bundleHash } from '../src-renderer/core/bundle-hash';
import { loadSiteConfig } from '../src-renderer/core/config';
import type { ConfigError, SiteBundle, SiteConfig } from '../src-renderer/core/model';
import { appendChanges } from './db/changes';
import type { Sql } from './db/sql';
import { readSiteBundle, watchSiteDir } from './site/read';
import { SiteModel } from './site-model';

export type HubLogFn = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface SiteStateOptions {
  siteDir: string;
  sql: Sql;
  now: () => number;
  log: HubLogFn;
  /** A new config is in force. */
  onChange: () => void;
}

/** The last good config as hub_meta keeps it. */
interface StoredSite {
  version: string;
  bundle: SiteBundle;
  config: SiteConfig;
  loadedAt: number;
  /** The validation's non-fatal findings (absent in what hubs before them stored). */
  warnings?: ConfigError[];
}

export class SiteState {
  readonly #options: SiteStateOptions;
  #model: SiteModel | undefined;
  #refused: ConfigError[] = [];
  #warnings: ConfigError[] = [];
  #queue: Promise<void> = Promise.resolve();
  #stopWatching: () => void = () => undefined;

  private constructor(options: SiteStateOptions) {
    this.#options = options;
  }

  /** Loads the folder (or, when it does not validate, the last good config) and starts following it. */
  static async open(options: SiteStateOptions): Promise<SiteState> {
    const state = new SiteState(options);
    await state.reload();
    state.#stopWatching = watchSiteDir(options.siteDir, () => void state.reload());
    return state;
  }

  /** The config in force, or undefined while the hub has never had a good one. */
  get model(): SiteModel | undefined {
    return this.#model;
  }

  /** The problems of the folder's newest files while an older good config stays in force; empty otherwise. */
  get refused(): readonly ConfigError[] {
    return this.#refused;
  }

  /** The non-fatal findings of validating the config in force, for the screens to show staff. */
  get warnings(): readonly ConfigError[] {
    return this.#warnings;
  }

  /** Reads the folder again. Loads run one after another, so a slow validation never overtakes a newer one. */
  reload(): Promise<void> {
    this.#queue = this.#queue
      .then(() => this.#load())
      .catch((error: unknown) => this.#options.log('error', `The site config could not be loaded: ${error instanceof Error ? error.message : String(error)}`));
    return this.#queue;
  }

  close(): void {
    this.#stopWatching();
  }

  async #load(): Promise<void> {
    const { siteDir, sql, now, log } = this.#options;
    const bundle = await readSiteBundle(siteDir);
    const version = bundleHash(bundle);
    if (version === this.#model?.version) {
      // The folder is back to the config in force: the refusal is over.
      if (this.#refused.length > 0) this.#refuse([]);
      return;
    }
    const at = now();
    const stored = await readStoredSite(sql);
    // The same files as the last good config: it validated then, so validating (a year of schedule
    // expansion to find clashes) is skipped, as the kiosk skips it for an unchanged folder.
    if (stored?.version === version) return this.#use(stored, []);

    const result = loadSiteConfig(bundle, { now: at });
    if (!result.ok) {
      for (const error of result.errors) log('error', `site config ${describe(error)}`);
      if (this.#model) {
        log('warn', `The site folder ${siteDir} has errors; the hub keeps serving the config it had.`);
        this.#refuse(result.errors);
      } else if (stored) {
        log('warn', `The site folder ${siteDir} has errors; the hub serves the last good config, from ${new Date(stored.loadedAt).toISOString()}.`);
        this.#use(stored, result.errors);
      } else log('error', `The site folder ${siteDir} has errors and there is no earlier good config: bookings are unavailable until it is fixed.`);
      return;
    }
    for (const warning of result.warnings) log('warn', `site config ${describe(warning)}`);
    const next: StoredSite = { version, bundle, config: result.config, loadedAt: at, warnings: result.warnings };
    await storeSite(sql, next);
    this.#use(next, []);
  }

  #refuse(errors: ConfigError[]): void {
    this.#refused = errors;
    this.#options.onChange();
  }

  #use(stored: StoredSite, refused: ConfigError[]): void {
    this.#refused = refused;
    this.#warnings = stored.warnings ?? [];
    this.#model = new SiteModel(stored.config, stored.bundle, stored.version, this.#options.now());
    this.#options.log('info', `Site config ${stored.version} from ${stored.bundle.source} in force.`);
    this.#options.onChange();
  }
}

async function readStoredSite(sql: Sql): Promise<StoredSite | undefined> {
  const { rows } = await sql.query<{ value: StoredSite }>("SELECT value FROM hub_meta WHERE key = 'site'");
  return rows[0]?.value;
}

/**
 * Keeps a newly validated config as the last good one, with an audit entry, in one transaction.
 * Several hubs on one PostgreSQL read the same folder: the first records it, the others find it
 * recorded and add nothing.
 */
async function storeSite(sql: Sql, site: StoredSite): Promise<void> {
  await sql.transaction(async (tx) => {
    const { rows } = await tx.query<{ version: string | null }>("SELECT value->>'version' AS version FROM hub_meta WHERE key = 'site' FOR UPDATE");
    if (rows[0]?.version === site.version) return;
    await tx.query("INSERT INTO hub_meta (key, value) VALUES ('site', $1::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [JSON.stringify(site)]);
    const { config } = site;
    const detail = { configVersion: site.version, spaces: config.spaces.length, organisations: config.organisations.length, activities: config.activities.length };
    await appendChanges(tx, site.loadedAt, { audit: [{ actor: 'system', entity: 'config', action: 'loaded', detail }], changes: [], idempotencyKey: undefined }, () => undefined);
  });
}

function describe(error: ConfigError): string {
  return [error.file, error.path, error.message].filter(Boolean).join(': ');
}
