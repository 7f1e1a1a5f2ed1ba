// The hub's store as one service: the database (PGlite in a data folder, or a PostgreSQL server),
// its migrations, the site config, and every read and write of the HTTP contract (service.ts).
import { randomUUID } from 'node:crypto';
import { hashText } from '../src-renderer/core/bundle-hash';
import type { ChangesResponse, HealthResponse, HubPosition } from '../src-renderer/core/hub/contract';
import type { SiteBundle, SiteConfig } from '../src-renderer/core/model';
import { recordAudit } from './db/audit';
import { exportBackup, restoreBackup } from './db/backup';
import { cancelBooking, createBooking, moveBooking, previewCancel } from './db/bookings';
import { reservePlace } from './db/places';
import { changesSince, pruneChanges, readSnapshot, streamPosition } from './db/changes';
import type { StoreContext } from './db/context';
import { pruneIdempotency } from './db/idempotency';
import { importOffer } from './db/imports';
import { migrate } from './db/migrations';
import { saveOrganisation } from './db/organisations';
import { cancelSeries, changeSeries, createSeries, skipSeriesDate } from './db/series';
import { readOfferRows } from './db/offer';
import { publishedPage, syncPublished } from './db/published';
import { openPglite, openPostgres, type Sql } from './db/sql';
import { buildOffer, type Offer } from './offer/offer';
import { openActiveItems } from './offer/openactive';
import { Accounts } from './auth/accounts';
import { Screens } from './auth/screens';
import type { ScopeLookups } from './auth/scope';
import { Usage } from './auth/usage';
import { Badges } from './badges/badges';
import { HubRequestError, type HubAccess, type HubService } from './service';
import type { SiteModel } from './site-model';
import { SiteState, type HubLogFn } from './site-state';
import { FeedRunner, type FetchText } from './feeds/runner';
import { fetchText, nextAttemptAt } from './feeds/policy';

export interface HubOptions {
  /** The site folder: site.json, spaces.json, organisations.json, activities.json (and images). */
  siteDir: string;
  /** A postgres:// URL; absent, the hub runs on PGlite. */
  database?: string;
  /** PGlite's data folder (created on first start); absent, PGlite keeps everything in memory. */
  dataDir?: string;
  log?: HubLogFn;
  /** The hub's clock, epoch ms (tests set it). */
  now?: () => number;
  /** The hub software's version, for /api/health. */
  version?: string;
  /**
   * An open database to use instead of `database`/`dataDir`; the hub migrates it and leaves it open
   * on close. For a host that manages the connection itself (and for tests sharing one PGlite).
   */
  sql?: Sql;
  /** Feeds in (issue 13): how URLs are fetched (tests stand in a server), the environment with API keys, and whether reading starts by itself. */
  feeds?: { fetchText?: FetchText; env?: Readonly<Record<string, string | undefined>>; autoStart?: boolean };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The stored sessions the published offer reads around now: enough for every feed's window. */
const OFFER_PAST_DAYS = 31;
const OFFER_AHEAD_DAYS = 366;
/** Bookings the free slots avoid: the slot feed's two weeks, and a little on either side. */
const BOOKINGS_PAST_DAYS = 2;
const BOOKINGS_AHEAD_DAYS = 17;

export async function openHubService(options: HubOptions): Promise<HubService> {
  const log = options.log ?? (() => undefined);
  const owned = options.sql === undefined;
  const sql =
    options.sql ??
    (options.database === undefined ? await openPglite(options.dataDir) : await openPostgres(options.database, { onError: (error) => log('error', `database connection: ${error.message}`) }));
  try {
    const applied = await migrate(sql);
    if (applied.length > 0) log('info', `Database migrated: ${applied.join(', ')}.`);
    // The epoch names this database's life; made once, replaced by a restore.
    await sql.query("INSERT INTO hub_meta (key, value) VALUES ('epoch', to_jsonb($1::text)) ON CONFLICT (key) DO NOTHING", [randomUUID()]);
    const hub = new Hub(sql, owned, options, log);
    await hub.start();
    return hub;
  } catch (error) {
    if (owned) await sql.close();
    throw error;
  }
}

/** Long polls waiting for the next commit or config change. */
class ChangeSignal {
  readonly #waiting = new Set<() => void>();

  /** A promise for the next notify (or the timeout, or the abort), registered at once. */
  next(timeoutMs: number, signal?: AbortSignal): { promise: Promise<void>; cancel: () => void } {
    let finish: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => {
      finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        this.#waiting.delete(finish);
        resolve();
      };
    });
    const timer = setTimeout(finish, timeoutMs);
    this.#waiting.add(finish);
    signal?.addEventListener('abort', finish, { once: true });
    if (signal?.aborted) finish();
    return { promise, cancel: finish };
  }

  notify(): void {
    for (const finish of [...this.#waiting]) finish();
  }
}

class Hub implements HubService {
  readonly store: 'pglite' | 'postgres';
  readonly #sql: Sql;
  readonly #owned: boolean;
  readonly #options: HubOptions;
  readonly #log: HubLogFn;
  readonly #now: () => number;
  readonly #signal = new ChangeSignal();
  readonly #changesInFlight = new Map<string, Promise<ChangesResponse>>();
  readonly #context: StoreContext;
  #site: SiteState | undefined;
  readonly access: HubAccess;
  readonly badges: Badges;
  readonly #accounts: Accounts;
  readonly #screens: Screens;
  #pruneTimer: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  readonly #feeds: FeedRunner;
  #feedsStarted = false;
  #offer: { version: string; offer: Promise<Offer> } | undefined;
  #published: { version: string; sync: Promise<unknown> } | undefined;

  constructor(sql: Sql, owned: boolean, options: HubOptions, log: HubLogFn) {
    this.store = sql.kind;
    this.#sql = sql;
    this.#owned = owned;
    this.#options = options;
    this.#log = log;
    this.#now = options.now ?? Date.now;
    this.#context = {
      sql,
      now: this.#now,
      model: () => this.#model(),
      committed: () => this.#signal.notify(),
      log: (level, message) => log(level, message),
    };
    const organisation: ScopeLookups['organisation'] = async (id) => {
      const configured = this.#site?.model?.organisations.get(id);
      if (configured) return { name: configured.name, ...(configured.period ? { period: configured.period } : {}) };
      const { rows } = await sql.query<{ row: { name: string; period?: { from: string; until: string } } }>('SELECT row FROM organisations WHERE id = $1', [id]);
      const row = rows[0]?.row;
      return row && { name: row.name, ...(row.period ? { period: row.period } : {}) };
    };
    this.#accounts = new Accounts({
      ctx: this.#context,
      organisationExists: async (id) => (await organisation(id)) !== undefined,
      lobbyIdleSeconds: () => this.#site?.model?.site.staff.idleLockSeconds ?? 120,
    });
    this.#feeds = new FeedRunner({
      ctx: this.#context,
      siteDir: () => options.siteDir,
      model: () => this.#site?.model,
      fetchText: options.feeds?.fetchText ?? fetchText,
      env: options.feeds?.env ?? process.env,
      log,
      nextAttemptAt,
    });
    this.#screens = new Screens(this.#context, (screenId) => this.#accounts.endLobbySessions(screenId));
    this.badges = new Badges({ ctx: this.#context, offer: () => this.offer(), siteDir: options.siteDir, reloadSite: () => this.#site?.reload() ?? Promise.resolve() });
    this.access = {
      accounts: this.#accounts,
      screens: this.#screens,
      usage: new Usage(this.#context),
      scope: { sql, organisation, timeZone: () => this.#site?.model?.site.timeZone ?? 'UTC' },
    };
  }

  async start(): Promise<void> {
    this.#site = await SiteState.open({
      siteDir: this.#options.siteDir,
      sql: this.#sql,
      now: this.#now,
      log: this.#log,
      onChange: () => {
        this.#signal.notify();
        // A new config may add, drop or re-map feeds: the rows follow it (reads keep their own schedule).
        if (this.#feedsStarted) void this.#feeds.tick().catch((error: unknown) => this.#log('error', `Feeds: rebuilding after a config change failed: ${error instanceof Error ? error.message : String(error)}`));
      },
    });
    await this.badges.start();
    if (this.#options.feeds?.autoStart !== false) {
      this.#feedsStarted = true;
      this.#feeds.start();
    }
    await this.#prune();
    this.#pruneTimer = setInterval(() => void this.#prune(), HOUR_MS);
    this.#pruneTimer.unref();
  }

  #model(): SiteModel {
    const model = this.#site?.model;
    if (!model) throw new HubRequestError(503, 'unavailable', 'The hub has no valid site config yet; fix the site folder (see the hub log).');
    return model;
  }

  /** The served config's version: its files' hash, plus a mark of a refusal so screens learn of it too. */
  get #configVersion(): string {
    const version = this.#site?.model?.version ?? '';
    const refused = this.#site?.refused ?? [];
    return refused.length === 0 ? version : `${version}+refused-${hashText(JSON.stringify(refused))}`;
  }

  async #prune(): Promise<void> {
    try {
      await pruneChanges(this.#sql);
      await pruneIdempotency(this.#sql, this.#now());
      await this.#accounts.prune();
      await this.badges.prune();
    } catch (error) {
      this.#log('warn', `Pruning old changes failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async health(): Promise<HealthResponse> {
    return { ok: true, version: this.#options.version ?? '0.0.0', store: this.store, ...(await this.position()) };
  }

  async position(): Promise<HubPosition> {
    return { ...(await streamPosition(this.#sql)), configVersion: this.#configVersion };
  }

  /**
   * One query for every long poll that asks the same thing at the same moment: a commit wakes all
   * waiting screens at once, and most of them ask for the changes after the same number. A poll that
   * joins a query already running gets an answer at most that query's age; anything newer it gets on
   * its next poll, which the changed position answers at once.
   */
  changesSince(since: number, epoch: string | undefined) {
    const key = `${since}\n${epoch ?? ''}\n${this.#configVersion}`;
    const running = this.#changesInFlight.get(key);
    if (running) return running;
    const query = changesSince(this.#sql, since, epoch, this.#configVersion).finally(() => this.#changesInFlight.delete(key));
    this.#changesInFlight.set(key, query);
    return query;
  }

  async waitForChange(since: number, configVersion: string | undefined, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.#closed || (configVersion !== undefined && configVersion !== this.#configVersion)) return;
    // Registered before the position is read: a commit in between still wakes this wait.
    const wait = this.#signal.next(timeoutMs, signal);
    try {
      if ((await streamPosition(this.#sql)).seq !== since) wait.cancel();
    } catch {
      // The store is unreachable: answer now; the next changes request reports it.
      wait.cancel();
    }
    await wait.promise;
  }

  async snapshot() {
    const { epoch, seq, rows } = await readSnapshot(this.#sql);
    return { epoch, seq, configVersion: this.#configVersion, rows };
  }

  createBooking: HubService['createBooking'] = (request) => createBooking(this.#context, request);
  reservePlace: HubService['reservePlace'] = (request) => reservePlace(this.#context, request);
  cancelBooking: HubService['cancelBooking'] = (request) => cancelBooking(this.#context, request);
  previewCancel: HubService['previewCancel'] = (request) => previewCancel(this.#context, request);
  moveBooking: HubService['moveBooking'] = (id, request) => moveBooking(this.#context, id, request);
  createSeries: HubService['createSeries'] = (request) => createSeries(this.#context, request);
  changeSeries: HubService['changeSeries'] = (id, request) => changeSeries(this.#context, id, request);
  skipSeriesDate: HubService['skipSeriesDate'] = (id, request) => skipSeriesDate(this.#context, id, request);
  cancelSeries: HubService['cancelSeries'] = (id, request) => cancelSeries(this.#context, id, request);
  saveOrganisation: HubService['saveOrganisation'] = (request) => saveOrganisation(this.#context, request);
  importOffer: HubService['importOffer'] = (request) => importOffer(this.#context, request);
  recordAudit: HubService['recordAudit'] = (request) => recordAudit(this.#context, request);
  listFeeds: HubService['listFeeds'] = async () => ({ feeds: await this.#feeds.list() });
  saveFeed: HubService['saveFeed'] = async (request) => ({ status: await this.#feeds.save(request) });
  removeFeed: HubService['removeFeed'] = (id, request) => this.#feeds.remove(id, request);
  refreshFeed: HubService['refreshFeed'] = async (id) => ({ status: await this.#feeds.refresh(id) });
  readFeeds: HubService['readFeeds'] = () => this.#feeds.tick();
  /**
   * The offer is read again when the config or the change stream moved, or the hour turned; every
   * request in between shares one read.
   */
  async offer(): Promise<Offer> {
    const model = this.#model();
    const now = this.#now();
    const { seq } = await streamPosition(this.#sql);
    const version = `${this.#configVersion}|${seq}|${Math.floor(now / HOUR_MS)}`;
    if (this.#offer?.version !== version) {
      const read = readOfferRows(this.#sql, { from: now - OFFER_PAST_DAYS * DAY_MS, to: now + OFFER_AHEAD_DAYS * DAY_MS }, { from: now - BOOKINGS_PAST_DAYS * DAY_MS, to: now + BOOKINGS_AHEAD_DAYS * DAY_MS });
      const offer = read.then((rows) => buildOffer(model.config, rows, `${this.#configVersion}|${rows.seq}|${Math.floor(now / HOUR_MS)}`));
      this.#offer = { version, offer };
      // A failed read is not kept: the next request reads again.
      offer.catch(() => {
        if (this.#offer?.offer === offer) this.#offer = undefined;
      });
    }
    return this.#offer.offer;
  }

  async openActivePage(feed: Parameters<HubService['openActivePage']>[0], after: { modified: number; id: string } | undefined, limit: number) {
    const offer = await this.offer();
    if (this.#published?.version !== offer.version) {
      const sync = syncPublished(this.#sql, openActiveItems(offer, this.#now()), this.#now());
      this.#published = { version: offer.version, sync };
      sync.catch(() => {
        if (this.#published?.sync === sync) this.#published = undefined;
      });
    }
    await this.#published.sync;
    return publishedPage(this.#sql, feed, after, limit);
  }

  exportBackup: HubService['exportBackup'] = () => exportBackup(this.#context);
  restoreBackup: HubService['restoreBackup'] = async (request) => {
    const restored = await restoreBackup(this.#context, request);
    // A restore empties the runtime tables, feed rows included: they come back from the feeds' copies.
    await this.#feeds.rebuild();
    return restored;
  };

  site() {
    const model = this.#site?.model;
    if (!model) return undefined;
    const refused = this.#site?.refused ?? [];
    const bundle = withoutSecrets(model.bundle);
    const validated = { version: model.version, source: bundle.source, config: configWithoutSecrets(model.config), warnings: [...(this.#site?.warnings ?? [])] };
    return {
      bundle: refused.length === 0 ? bundle : { ...bundle, refused: [...refused] },
      version: this.#configVersion,
      validated: refused.length === 0 ? validated : { ...validated, refused: [...refused] },
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#pruneTimer);
    await this.#feeds.stop();
    this.#screens.close();
    await this.#screens.flushSeen();
    this.#site?.close();
    this.#signal.notify();
    if (this.#owned) await this.#sql.close();
  }
}

const strippedConfigs = new WeakMap<SiteConfig, SiteConfig>();

/** The validated config as screens get it: without `staff.pinHash`, like the bundle. */
function configWithoutSecrets(config: SiteConfig): SiteConfig {
  let stripped = strippedConfigs.get(config);
  if (!stripped) {
    const { pinHash: _pinHash, ...staff } = config.site.staff;
    stripped = _pinHash === undefined ? config : { ...config, site: { ...config.site, staff } };
    strippedConfigs.set(config, stripped);
  }
  return stripped;
}

const strippedBundles = new WeakMap<SiteBundle, SiteBundle>();

/**
 * The bundle as screens get it: site.json without `staff.pinHash`, which older configs carry. Staff
 * unlock with personal accounts checked by the hub now; no hash is ever sent to a screen.
 */
function withoutSecrets(bundle: SiteBundle): SiteBundle {
  const cached = strippedBundles.get(bundle);
  if (cached) return cached;
  let stripped = bundle;
  const text = bundle.files['site.json'];
  if (text) {
    try {
      const site = JSON.parse(text) as { staff?: Record<string, unknown> };
      if (site.staff && 'pinHash' in site.staff) {
        delete site.staff['pinHash'];
        stripped = { ...bundle, files: { ...bundle.files, 'site.json': JSON.stringify(site, null, 2) } };
      }
    } catch {
      // A site.json that does not parse never became the served model; nothing to strip.
    }
  }
  strippedBundles.set(bundle, stripped);
  return stripped;
}
