// The Feeds page's state: every feed's status as the hub last told it, which feeds are being read
// right now, and what went wrong, per feed and for the list. Failures are kept as the errors
// themselves; the page puts them in words (deskFailure), so this stays testable without a screen.
import type { FeedDraftBody, FeedResponse, FeedsResponse, FeedStatus } from '../../core/hub/contract';
import { HubUnavailable, type StaffActor } from '../../db/store';

/** The hub's feed routes, as the desk's API calls them (DeskApi; a fake in tests). */
export interface FeedsApi {
  feeds(signal?: AbortSignal): Promise<FeedsResponse>;
  saveFeed(body: { id?: string; draft: FeedDraftBody; by: StaffActor }): Promise<FeedResponse>;
  removeFeed(id: string, body: { by: StaffActor }): Promise<unknown>;
  refreshFeed(id: string, body: { by: StaffActor }): Promise<FeedResponse>;
}

export class FeedsList {
  readonly #api: FeedsApi;
  readonly #now: () => number;
  #feeds = $state.raw<FeedStatus[] | undefined>();
  #refreshedAt = $state<number | undefined>();
  #listError = $state.raw<unknown>();
  #unreachableSince = $state<number | undefined>();
  #reading = $state.raw<ReadonlySet<string>>(new Set());
  #readErrors = $state.raw<ReadonlyMap<string, unknown>>(new Map());
  /**
   * Bumped by every answer that carries a newer status (read now, save, remove): a list fetched before
   * it is older than what it would overwrite, and is dropped.
   */
  #version = 0;

  constructor(api: FeedsApi, now: () => number = Date.now) {
    this.#api = api;
    this.#now = now;
  }

  /** Undefined until the hub first answered. */
  get feeds(): readonly FeedStatus[] | undefined {
    return this.#feeds;
  }
  get refreshedAt(): number | undefined {
    return this.#refreshedAt;
  }
  /** Why the list could not be fetched (not set while the hub is merely unreachable). */
  get listError(): unknown {
    return this.#listError;
  }
  /** Since when the hub cannot be reached; the list shown is the last one it gave. */
  get unreachableSince(): number | undefined {
    return this.#unreachableSince;
  }
  isReading(id: string): boolean {
    return this.#reading.has(id);
  }
  readError(id: string): unknown {
    return this.#readErrors.get(id);
  }

  /** Fetches every feed's status (cheap: the hub answers from memory). */
  async refresh(signal?: AbortSignal): Promise<void> {
    const version = this.#version;
    try {
      const answer = await this.#api.feeds(signal);
      if (version !== this.#version) return;
      this.#feeds = answer.feeds;
      this.#refreshedAt = this.#now();
      this.#listError = undefined;
      this.#unreachableSince = undefined;
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof HubUnavailable) this.#unreachableSince ??= this.#now();
      else this.#listError = error;
    }
  }

  /** "Read now": the hub reads the feed at once and answers with its new status, which replaces the old. */
  async readNow(id: string, by: StaffActor): Promise<void> {
    if (this.#reading.has(id)) return;
    this.#reading = new Set([...this.#reading, id]);
    this.#readErrors = without(this.#readErrors, id);
    try {
      const { status } = await this.#api.refreshFeed(id, { by });
      this.#replace(status);
    } catch (error) {
      this.#readErrors = new Map([...this.#readErrors, [id, error]]);
    } finally {
      this.#reading = new Set([...this.#reading].filter((other) => other !== id));
    }
  }

  /** Saves a staff feed (new when `id` is absent); throws the hub's refusal for the form to show. */
  async save(id: string | undefined, draft: FeedDraftBody, by: StaffActor): Promise<FeedStatus> {
    const { status } = await this.#api.saveFeed({ ...(id === undefined ? {} : { id }), draft, by });
    this.#replace(status);
    return status;
  }

  /** Removes a staff feed; throws the hub's refusal. */
  async remove(id: string, by: StaffActor): Promise<void> {
    await this.#api.removeFeed(id, { by });
    this.#version++;
    this.#feeds = this.#feeds?.filter((status) => status.feed.id !== id);
    this.#readErrors = without(this.#readErrors, id);
  }

  #replace(status: FeedStatus): void {
    this.#version++;
    const feeds = this.#feeds ?? [];
    const known = feeds.some((other) => other.feed.id === status.feed.id);
    this.#feeds = known ? feeds.map((other) => (other.feed.id === status.feed.id ? status : other)) : [...feeds, status];
  }
}

function without<T>(map: ReadonlyMap<string, T>, id: string): ReadonlyMap<string, T> {
  if (!map.has(id)) return map;
  const copy = new Map(map);
  copy.delete(id);
  return copy;
}
