// The desk's calls to the hub beyond the store's: accounts, screens, pairing, usage, feeds. Typed by the
// contract; every write carries an idempotency key (HubClient.write) and the session's CSRF header.
import type {
  AccountResponse,
  AccountsResponse,
  ClaimPairingRequest,
  FeedResponse,
  FeedsResponse,
  RefreshFeedRequest,
  RemoveFeedRequest,
  SaveAccountRequest,
  SaveFeedRequest,
  ScreenResponse,
  ScreensResponse,
  UpdateScreenRequest,
  UsageResponse,
} from '../../core/hub/contract';
import { HubError, HubUnavailable, type KioskStore } from '../../db/store';
import { dt } from '../text';

type Body<T> = Omit<T, 'idempotencyKey'>;

/** A read now waits for the hub's fetch of the feed, which may take its own timeout and a few pages. */
const FEED_READ_TIMEOUT_MS = 120_000;

export class DeskApi {
  readonly #store: Pick<KioskStore, 'hub'>;

  constructor(store: Pick<KioskStore, 'hub'>) {
    this.#store = store;
  }

  accounts(): Promise<AccountsResponse> {
    return this.#store.hub.request('accounts');
  }
  saveAccount(body: Body<SaveAccountRequest>): Promise<AccountResponse> {
    return this.#store.hub.write('saveAccount', body);
  }
  screens(signal?: AbortSignal): Promise<ScreensResponse> {
    return this.#store.hub.request('screens', signal ? { signal } : {});
  }
  claimPairing(body: Body<ClaimPairingRequest>): Promise<ScreenResponse> {
    return this.#store.hub.write('claimPairing', body);
  }
  updateScreen(id: string, body: Body<UpdateScreenRequest>): Promise<ScreenResponse> {
    return this.#store.hub.write('updateScreen', body, undefined, { id });
  }
  reloadScreen(id: string): Promise<ScreenResponse> {
    return this.#store.hub.write('reloadScreen', {}, undefined, { id });
  }
  revokeScreen(id: string): Promise<unknown> {
    return this.#store.hub.write('revokeScreen', {}, undefined, { id });
  }
  usage(from: number, to: number): Promise<UsageResponse> {
    return this.#store.hub.request('usage', { query: { from: String(from), to: String(to) } });
  }
  usageCsvUrl(): string {
    return this.#store.hub.url('usageCsv');
  }
  feeds(signal?: AbortSignal): Promise<FeedsResponse> {
    return this.#store.hub.request('feeds', signal ? { signal } : {});
  }
  /** The hub may read a new feed before it answers: the same patience as a read now. */
  saveFeed(body: Body<SaveFeedRequest>): Promise<FeedResponse> {
    return this.#store.hub.write('saveFeed', body, undefined, {}, FEED_READ_TIMEOUT_MS);
  }
  removeFeed(id: string, body: Body<RemoveFeedRequest>): Promise<unknown> {
    return this.#store.hub.write('removeFeed', body, undefined, { id });
  }
  /** A read of the feed at once: the hub fetches it (timeouts, size limits) before it answers. */
  refreshFeed(id: string, body: Body<RefreshFeedRequest>): Promise<FeedResponse> {
    return this.#store.hub.write('refreshFeed', body, undefined, { id }, FEED_READ_TIMEOUT_MS);
  }
}

/** What a person reads when a desk call failed: a 403 says plainly that the account may not. */
export function deskFailure(error: unknown): string {
  if (error instanceof HubUnavailable) return dt('desk.unavailable');
  if (error instanceof HubError && error.status === 403) return dt('desk.forbidden');
  return dt('desk.failed', { reason: error instanceof Error ? error.message : String(error) });
}
