// The hub reads its feeds: each one on its own schedule, one at a time (polite to the sources and to
// a small hub), with back-off after failures. A read that fails, times out, grows past its limit or
// returns something unreadable changes nothing the screens show: the feed's last good copy stays, and
// staff see why. After every read (and when the config or the day changes) the rows are rebuilt from
// all feeds' last good copies (./merge.ts), so the same event from two feeds is shown once.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeedRead, FeedReadContext } from '../../src-renderer/core/feeds/types';
import { readIcalFeed } from '../../src-renderer/core/feeds/ical';
import { readOpenActiveFeed } from '../../src-renderer/core/feeds/openactive-copy';
import { readUitdatabank, UitFeedError } from '../../src-renderer/core/feeds/uitdatabank';
import { FeedFormatError } from '../../src-renderer/core/feeds/ids';
import type { FeedStatus, RemoveFeedRequest, SaveFeedRequest } from '../../src-renderer/core/hub/contract';
import type { FeedConfig, FeedKind, Organisation } from '../../src-renderer/core/model';
import { expandActivity } from '../../src-renderer/core/schedule';
import { startOfLocalDay } from '../../src-renderer/core/timing';
import type { StoreContext } from '../db/context';
import { runWrite } from '../db/write';
import { HubRequestError } from '../service';
import type { SiteModel } from '../site-model';
import type { HubLogFn } from '../site-state';
import { fetchOpenActive } from './openactive-fetch';
import { fetchUitdatabank } from './policy';
import { mergeFeedReads, type FeedMergeInput, type ShownEvent } from './merge';
import { applyFeedRows, deleteFeedState, EMPTY_STATE, listStaffFeeds, MAX_KEPT_PROBLEMS, readFeedStates, storedEvents, writeFeedState, type FeedRunState, type StoredFeedState } from './store';

/** What one attempt to get a feed's text brought. */
export type CopyOutcome =
  | { kind: 'fresh'; text: string; etag?: string; lastModified?: string; items?: number }
  | { kind: 'not-modified' }
  | { kind: 'failed'; message: string; retryAfterMs?: number };

/** Fetches one URL politely (./fetch.ts); injected so tests can stand in a server's answers. */
export type FetchText = (url: string, options: { etag?: string; lastModified?: string; headers?: Record<string, string>; accept?: string }) => Promise<CopyOutcome>;

/** Turns a feed's last good copy into activities; throws FeedFormatError for a copy it cannot read at all. */
export type FeedReader = (copy: string, ctx: FeedReadContext) => Promise<FeedRead>;

/**
 * Gets a feed's newest copy; `previous` is its last good one (an RPDE reader continues from it).
 * Kinds not listed fetch their URL as one text.
 */
export type CopyFetcher = (feed: FeedConfig, stored: StoredFeedState | undefined, tools: { fetchText: FetchText; env: Readonly<Record<string, string | undefined>>; site: SiteModel; now: number }) => Promise<CopyOutcome>;

export interface FeedRunnerOptions {
  ctx: StoreContext;
  siteDir: () => string;
  /** The site model in force, or undefined before the first good config. */
  model: () => SiteModel | undefined;
  fetchText: FetchText;
  /** The hub's environment (API keys). */
  env: Readonly<Record<string, string | undefined>>;
  log: HubLogFn;
  readers?: Partial<Record<FeedKind, FeedReader>>;
  fetchers?: Partial<Record<FeedKind, CopyFetcher>>;
  /** When the next attempt after `state` is due (./backoff.ts). */
  nextAttemptAt: (state: { failures: number; lastAttemptAt: number; refreshMinutes: number; retryAfterMs?: number }) => number;
}

const TICK_MS = 60_000;

const DEFAULT_FETCHERS: Partial<Record<FeedKind, CopyFetcher>> = {
  openactive: fetchOpenActive,
  uitdatabank: fetchUitdatabank,
};

export const DEFAULT_READERS: Partial<Record<FeedKind, FeedReader>> = {
  ical: readIcalFeed,
  openactive: readOpenActiveFeed,
  uitdatabank: (copy, ctx) => Promise.resolve(readUitdatabank(copy, ctx)),
};

interface Counts {
  activities: number;
  occurrences: number;
  duplicates: number;
}

export class FeedRunner {
  readonly #options: FeedRunnerOptions;
  readonly #readers: Partial<Record<FeedKind, FeedReader>>;
  readonly #fetchers: Partial<Record<FeedKind, CopyFetcher>>;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #counts = new Map<string, Counts>();
  /** The day and config the rows were last rebuilt for: a new day or config rebuilds them. */
  #builtFor = '';
  /** Reads of unchanged copies are kept: a rebuild after one feed's read does not reparse the others. */
  readonly #reads = new Map<string, { key: string; read: FeedRead }>();

  constructor(options: FeedRunnerOptions) {
    this.#options = options;
    this.#readers = { ...DEFAULT_READERS, ...options.readers };
    this.#fetchers = { ...DEFAULT_FETCHERS, ...options.fetchers };
  }

  /** Starts reading on schedule: the rows are rebuilt from the stored copies first, then due feeds are read. */
  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    return this.#queue.then(
      () => undefined,
      () => undefined,
    );
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.tick()
        .catch((error: unknown) => this.#options.log('error', `Feeds: a scheduled read failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.#schedule(TICK_MS));
    }, delay);
    this.#timer.unref?.();
  }

  /** Reads every feed that is due, then rebuilds the rows when anything (or the day, or the config) changed. */
  tick(): Promise<void> {
    return this.#serial(async () => {
      const model = this.#options.model();
      if (!model) return;
      const feeds = await this.#feeds(model);
      const states = await readFeedStates(this.#options.ctx.sql);
      const now = this.#options.ctx.now();
      let read = false;
      for (const feed of feeds) {
        if (this.#stopped) return;
        const stored = states.get(feed.id);
        const due = stored?.state.nextAttemptAt === undefined || stored.state.nextAttemptAt <= now;
        if (!due) continue;
        await this.#attempt(feed, stored, model);
        read = true;
      }
      if (read || this.#builtFor !== this.#buildKey(model)) await this.#rebuild(model, feeds);
    });
  }

  /** Reads one feed now, whatever its schedule (staff pressed "read now"), and answers its new state. */
  refresh(id: string): Promise<FeedStatus> {
    return this.#serial(async () => {
      const model = this.#requireModel();
      const feeds = await this.#feeds(model);
      const feed = feeds.find((candidate) => candidate.id === id);
      if (!feed) throw new HubRequestError(404, 'not-found', `There is no feed "${id}".`);
      const states = await readFeedStates(this.#options.ctx.sql);
      await this.#attempt(feed, states.get(id), model);
      await this.#rebuild(model, feeds);
      return (await this.#statuses(model, feeds)).find((status) => status.feed.id === id)!;
    });
  }

  /** The rows again from the stored copies (after a config change; on start). */
  rebuild(): Promise<void> {
    return this.#serial(async () => {
      const model = this.#options.model();
      if (model) await this.#rebuild(model, await this.#feeds(model));
    });
  }

  list(): Promise<FeedStatus[]> {
    return this.#serial(async () => {
      const model = this.#requireModel();
      return this.#statuses(model, await this.#feeds(model));
    });
  }

  /** Saves a staff feed (new, or one saved before); config feeds are changed in site.json. */
  save(request: SaveFeedRequest): Promise<FeedStatus> {
    return this.#serial(async () => {
      const model = this.#requireModel();
      const feeds = await this.#feeds(model);
      const { draft } = request;
      const problems = await this.#draftProblems(draft, model);
      if (problems.length > 0) throw new HubRequestError(400, 'bad-request', problems.map((problem) => problem.message).join(' '), problems);
      if (request.id !== undefined) {
        if (model.config.feeds.some((feed) => feed.id === request.id)) throw new HubRequestError(400, 'bad-request', `Feed "${request.id}" is in site.json; change it there.`);
        if (!feeds.some((feed) => feed.id === request.id)) throw new HubRequestError(404, 'not-found', `There is no feed "${request.id}".`);
      }
      const id = request.id ?? uniqueId(draft.name, new Set(feeds.map((feed) => feed.id)));
      const feed: FeedConfig = {
        id,
        kind: draft.kind,
        name: draft.name,
        url: draft.url,
        ...(draft.query ? { query: draft.query } : {}),
        ...(draft.postalCode ? { postalCode: draft.postalCode } : {}),
        apiKeyEnv: 'UITDATABANK_API_KEY',
        refreshMinutes: draft.refreshMinutes,
        organisation: draft.organisation,
        level: draft.level,
        themes: [...draft.themes],
        terms: {},
        ...(draft.contentLocale ? { contentLocale: draft.contentLocale } : {}),
        days: draft.days ?? 90,
      };
      const existing = feeds.find((candidate) => candidate.id === id);
      await runWrite(this.#options.ctx, { route: 'saveFeed', key: request.idempotencyKey, request }, async (tx, now) => {
        await tx.query('INSERT INTO feeds (id, row, created_at) VALUES ($1, $2::jsonb, $3) ON CONFLICT (id) DO UPDATE SET row = excluded.row', [id, JSON.stringify(feed), now]);
        // A new address means a new source: its old copy and validators no longer apply.
        if (existing && existing.url !== feed.url) await deleteFeedState(tx, id);
        return {
          response: { id },
          audit: [{ actor: request.by, entity: 'feed', entityId: id, action: existing ? 'changed' : 'added', ...(existing ? { before: existing } : {}), after: feed }],
        };
      });
      const after = await this.#feeds(model);
      return (await this.#statuses(model, after)).find((status) => status.feed.id === id)!;
    });
  }

  /** Removes a staff feed and, with the next rebuild, every row it brought. */
  remove(id: string, request: RemoveFeedRequest): Promise<{ removed: string }> {
    return this.#serial(async () => {
      const model = this.#requireModel();
      if (model.config.feeds.some((feed) => feed.id === id)) throw new HubRequestError(400, 'bad-request', `Feed "${id}" is in site.json; remove it there.`);
      const feeds = await this.#feeds(model);
      const feed = feeds.find((candidate) => candidate.id === id);
      if (!feed) throw new HubRequestError(404, 'not-found', `There is no feed "${id}".`);
      await runWrite(this.#options.ctx, { route: 'removeFeed', key: request.idempotencyKey, request: { id, ...request } }, async (tx) => {
        await tx.query('DELETE FROM feeds WHERE id = $1', [id]);
        await deleteFeedState(tx, id);
        return { response: { removed: id }, audit: [{ actor: request.by, entity: 'feed', entityId: id, action: 'removed', before: feed }] };
      });
      this.#reads.delete(id);
      await this.#rebuild(model, await this.#feeds(model));
      return { removed: id };
    });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #requireModel(): SiteModel {
    const model = this.#options.model();
    if (!model) throw new HubRequestError(503, 'unavailable', 'The hub has no valid site config yet; fix the site folder (see the hub log).');
    return model;
  }

  /** The config's feeds in site.json order, then the desk's (a config feed wins an id both use). */
  async #feeds(model: SiteModel): Promise<FeedConfig[]> {
    const configIds = new Set(model.config.feeds.map((feed) => feed.id));
    return [...model.config.feeds, ...(await listStaffFeeds(this.#options.ctx.sql)).filter((feed) => !configIds.has(feed.id))];
  }

  #buildKey(model: SiteModel): string {
    return `${model.version}|${startOfLocalDay(this.#options.ctx.now(), model.site.timeZone)}`;
  }

  async #organisation(id: string, model: SiteModel): Promise<Organisation | undefined> {
    const configured = model.organisations.get(id);
    if (configured) return configured;
    const { rows } = await this.#options.ctx.sql.query<{ row: Organisation }>('SELECT row FROM organisations WHERE id = $1', [id]);
    return rows[0]?.row;
  }

  async #draftProblems(draft: SaveFeedRequest['draft'], model: SiteModel): Promise<{ path: string; message: string }[]> {
    const problems: { path: string; message: string }[] = [];
    if (!(await this.#organisation(draft.organisation, model))) problems.push({ path: 'draft.organisation', message: `There is no organisation "${draft.organisation}".` });
    const themeIds = new Set(model.config.themes.map((theme) => theme.id));
    for (const theme of draft.themes) if (!themeIds.has(theme)) problems.push({ path: 'draft.themes', message: `There is no theme "${theme}".` });
    if (draft.kind === 'uitdatabank' && !draft.query && !draft.postalCode && !model.site.postalCode) {
      problems.push({ path: 'draft.query', message: 'A UiTdatabank feed needs a query or a postal code (the site has none), or it would read the whole of Flanders.' });
    }
    return problems;
  }

  /** Why a feed cannot be read at all right now (a missing API key), or undefined. */
  #disabledReason(feed: FeedConfig): string | undefined {
    if (feed.kind === 'uitdatabank' && feed.url !== undefined && !this.#options.env[feed.apiKeyEnv]) {
      return `The UiTdatabank API key is missing: set the environment variable ${feed.apiKeyEnv} for the hub and restart it.`;
    }
    if (!this.#readers[feed.kind]) return `This hub cannot read ${feed.kind} feeds.`;
    return undefined;
  }

  async #attempt(feed: FeedConfig, stored: StoredFeedState | undefined, model: SiteModel): Promise<void> {
    const { ctx } = this.#options;
    const previous = stored?.state ?? EMPTY_STATE;
    const now = ctx.now();
    const disabled = this.#disabledReason(feed);
    if (disabled) {
      const state: FeedRunState = { ...previous, lastAttemptAt: now, error: disabled, nextAttemptAt: now + feed.refreshMinutes * 60_000 };
      await writeFeedState(ctx.sql, feed.id, state);
      return;
    }
    let outcome: CopyOutcome;
    try {
      outcome = await this.#fetch(feed, stored, model);
    } catch (error) {
      outcome = { kind: 'failed', message: `The feed could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (outcome.kind === 'fresh') {
      // A copy is only good once it reads: garbage never replaces the last good copy.
      const tried = await this.#readCopy(feed, outcome.text, model).then(
        (read) => ({ read }),
        (error: unknown) => ({ error: error instanceof FeedFormatError || error instanceof UitFeedError || error instanceof SyntaxError ? error.message : `The feed could not be read: ${error instanceof Error ? error.message : String(error)}` }),
      );
      if ('error' in tried || (tried.read.items === 0 && tried.read.problems.length > 0)) {
        const message = 'error' in tried ? tried.error : `Nothing in the feed could be read: ${tried.read.problems[0]?.message ?? ''}`;
        outcome = { kind: 'failed', message: `${message} The last good copy is kept.` };
      } else {
        const state: FeedRunState = {
          lastAttemptAt: now,
          lastSuccessAt: now,
          failures: 0,
          ...(outcome.etag ? { etag: outcome.etag } : {}),
          ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}),
          items: tried.read.items,
          problems: tried.read.problems.slice(0, MAX_KEPT_PROBLEMS),
          nextAttemptAt: this.#options.nextAttemptAt({ failures: 0, lastAttemptAt: now, refreshMinutes: feed.refreshMinutes }),
        };
        await writeFeedState(ctx.sql, feed.id, state, { text: outcome.text, at: now });
        this.#options.log('info', `Feed ${feed.id}: ${tried.read.items} items read, ${tried.read.problems.length} left out.`);
        return;
      }
    }
    if (outcome.kind === 'not-modified') {
      const { error: _error, ...rest } = previous;
      const state: FeedRunState = { ...rest, lastAttemptAt: now, lastSuccessAt: now, failures: 0, nextAttemptAt: this.#options.nextAttemptAt({ failures: 0, lastAttemptAt: now, refreshMinutes: feed.refreshMinutes }) };
      await writeFeedState(ctx.sql, feed.id, state);
      return;
    }
    const failures = previous.failures + 1;
    const state: FeedRunState = {
      ...previous,
      lastAttemptAt: now,
      failures,
      error: outcome.message,
      nextAttemptAt: this.#options.nextAttemptAt({ failures, lastAttemptAt: now, refreshMinutes: feed.refreshMinutes, ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }) }),
    };
    await writeFeedState(ctx.sql, feed.id, state);
    this.#options.log('warn', `Feed ${feed.id}: ${outcome.message}`);
  }

  async #fetch(feed: FeedConfig, stored: StoredFeedState | undefined, model: SiteModel): Promise<CopyOutcome> {
    if (feed.file !== undefined) return readSiteFile(join(this.#options.siteDir(), feed.file), stored);
    const fetcher = this.#fetchers[feed.kind];
    if (fetcher) return fetcher(feed, stored, { fetchText: this.#options.fetchText, env: this.#options.env, site: model, now: this.#options.ctx.now() });
    const state = stored?.copy === undefined ? undefined : stored.state;
    return this.#options.fetchText(feed.url!, {
      ...(state?.etag ? { etag: state.etag } : {}),
      ...(state?.lastModified ? { lastModified: state.lastModified } : {}),
      accept: feed.kind === 'ical' ? 'text/calendar, text/plain;q=0.5, */*;q=0.1' : 'application/json, application/ld+json;q=0.9, */*;q=0.1',
    });
  }

  async #readCopy(feed: FeedConfig, copy: string, model: SiteModel): Promise<FeedRead> {
    const reader = this.#readers[feed.kind];
    if (!reader) throw new FeedFormatError(`This hub cannot read ${feed.kind} feeds.`);
    const organisation = await this.#organisation(feed.organisation, model);
    if (!organisation) throw new FeedFormatError(`The feed's organisation "${feed.organisation}" does not exist (any more); choose another one.`);
    const { site, config } = model;
    const from = startOfLocalDay(this.#options.ctx.now(), site.timeZone);
    return reader(copy, {
      feed,
      organisation,
      timeZone: site.timeZone,
      defaultLocale: site.defaultLocale,
      levels: config.levels,
      themes: config.themes,
      from,
      days: feed.days,
      ...(site.geo ? { siteGeo: site.geo.center } : {}),
    });
  }

  async #rebuild(model: SiteModel, feeds: readonly FeedConfig[]): Promise<void> {
    const { ctx } = this.#options;
    const states = await readFeedStates(ctx.sql);
    const inputs: FeedMergeInput[] = [];
    const dayKey = this.#buildKey(model);
    for (const feed of feeds) {
      const copy = states.get(feed.id)?.copy;
      if (copy === undefined) continue;
      const key = `${dayKey}|${JSON.stringify(feed)}|${copy.length}|${states.get(feed.id)?.copyAt ?? 0}`;
      let cached = this.#reads.get(feed.id);
      if (cached?.key !== key) {
        try {
          cached = { key, read: await this.#readCopy(feed, copy, model) };
        } catch (error) {
          // The copy read once; it no longer does (its organisation went): its rows go until it reads again.
          this.#options.log('warn', `Feed ${feed.id}: its last good copy cannot be read now: ${error instanceof Error ? error.message : String(error)}`);
          cached = { key, read: { activities: [], problems: [], items: 0, outside: 0 } };
        }
        this.#reads.set(feed.id, cached);
      }
      inputs.push({ feed, read: cached.read });
    }
    for (const id of this.#reads.keys()) if (!feeds.some((feed) => feed.id === id)) this.#reads.delete(id);
    const from = startOfLocalDay(ctx.now(), model.site.timeZone);
    const to = from + 366 * 86_400_000;
    const merged = mergeFeedReads(inputs, await this.#shown(model, from, to));
    const changed = await applyFeedRows(ctx, merged, { feeds: Object.fromEntries(merged.counts) });
    this.#counts = merged.counts;
    this.#builtFor = dayKey;
    if (changed > 0) this.#options.log('info', `Feeds: ${merged.activities.length} activities with ${merged.occurrences.length} sessions (${changed} row changes).`);
  }

  /** What the site shows itself: staff and imported rows, and the config's off-site activities. */
  async #shown(model: SiteModel, from: number, to: number): Promise<ShownEvent[]> {
    const stored = (await storedEvents(this.#options.ctx.sql, from, to)).map(({ row, starts }): ShownEvent => ({ title: row.title, starts, ...(row.place?.geo ? { geo: row.place.geo } : {}) }));
    const { config } = model;
    const configured = config.activities
      .filter((activity) => activity.space === undefined)
      .map((activity): ShownEvent => {
        const organiser = model.organisations.get(activity.organiser);
        const geo = (activity.place ?? organiser?.place)?.geo;
        return { title: activity.title, starts: expandActivity(activity, config.site, organiser, from, to).map((occurrence) => occurrence.start), ...(geo ? { geo } : {}) };
      });
    return [...configured, ...stored];
  }

  async #statuses(model: SiteModel, feeds: readonly FeedConfig[]): Promise<FeedStatus[]> {
    const states = await readFeedStates(this.#options.ctx.sql);
    const configIds = new Set(model.config.feeds.map((feed) => feed.id));
    return feeds.map((feed): FeedStatus => {
      const stored = states.get(feed.id);
      const state = stored?.state ?? EMPTY_STATE;
      const counts = this.#counts.get(feed.id) ?? { activities: 0, occurrences: 0, duplicates: 0 };
      const disabled = this.#disabledReason(feed);
      return {
        feed,
        source: configIds.has(feed.id) ? 'config' : 'staff',
        state: disabled ? 'disabled' : state.lastAttemptAt === undefined ? 'never' : state.failures > 0 ? 'failing' : 'ok',
        ...(state.lastAttemptAt === undefined ? {} : { lastAttemptAt: state.lastAttemptAt }),
        ...(state.lastSuccessAt === undefined ? {} : { lastSuccessAt: state.lastSuccessAt }),
        ...(state.nextAttemptAt === undefined ? {} : { nextAttemptAt: state.nextAttemptAt }),
        failures: state.failures,
        ...(disabled ? { error: disabled } : state.error === undefined || state.failures === 0 ? {} : { error: state.error }),
        items: stored?.copy === undefined ? 0 : state.items,
        ...counts,
        problems: stored?.copy === undefined ? [] : state.problems,
      };
    });
  }
}

/** A saved export in the site folder: "not modified" while its size and time stay the same. */
async function readSiteFile(path: string, stored: StoredFeedState | undefined): Promise<CopyOutcome> {
  try {
    const info = await stat(path);
    const etag = `file:${info.size}:${Math.trunc(info.mtimeMs)}`;
    if (stored?.copy !== undefined && stored.state.etag === etag) return { kind: 'not-modified' };
    return { kind: 'fresh', text: await readFile(path, 'utf8'), etag };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'failed', message: code === 'ENOENT' ? `The file ${path} does not exist; put the export in the site folder or fix \`file\`.` : `The file ${path} cannot be read: ${(error as Error).message}` };
  }
}

function uniqueId(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'feed';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
