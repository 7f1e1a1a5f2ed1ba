// What the hub's store offers its HTTP layer: one method per write of the contract, each one a
// single PostgreSQL transaction that checks the rules with the pure core, writes, audits and numbers
// the change. The HTTP layer (src-hub/http) validates requests with the contract's schemas and maps
// the refusals (core/booking/errors.ts, HubRequestError) to 4xx answers; it never touches SQL.
import type {
  BookingResponse,
  CancelBookingRequest,
  PreviewCancelRequest,
  CancelledSeriesResponse,
  CancelSeriesRequest,
  ChangeSeriesRequest,
  ChangesResponse,
  CommittedChangeResponse,
  CommittedSeriesResponse,
  CreateBookingRequest,
  ReservePlaceRequest,
  CreateSeriesRequest,
  HealthResponse,
  HubPosition,
  ImportOfferRequest,
  FeedsResponse,
  FeedResponse,
  SaveFeedRequest,
  RemoveFeedRequest,
  RefreshFeedRequest,
  ImportResponse,
  MoveBookingRequest,
  OrganisationResponse,
  RecordAuditRequest,
  RestoreRequest,
  RestoreResponse,
  SaveOrganisationRequest,
  SkippedDateResponse,
  SkipSeriesDateRequest,
  SiteConfigResponse,
  SnapshotResponse,
} from '../src-renderer/core/hub/contract';
import type { BackupFile } from '../src-renderer/core/backup';
import type { Accounts } from './auth/accounts';
import type { Badges } from './badges/badges';
import type { Screens } from './auth/screens';
import type { ScopeLookups } from './auth/scope';
import type { Usage } from './auth/usage';
import type { SiteBundle } from '../src-renderer/core/model';
import type { PublishedEntry } from './db/published';
import type { Offer } from './offer/offer';
import type { OpenActiveFeed } from './offer/openactive';

/**
 * A request the hub refuses for what it asks, not for a rule: an unknown id (404), a key reused for
 * another request (409), a restore that does not validate (400 with `errors`).
 */
export class HubRequestError extends Error {
  override readonly name = 'HubRequestError';
  constructor(
    readonly status: 400 | 404 | 409 | 503,
    readonly code: 'bad-request' | 'not-found' | 'idempotency-conflict' | 'restore-refused' | 'unavailable',
    message: string,
    readonly errors?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** The site config as the hub serves it: the raw bundle for screens, and its version. */
export interface ServedSite {
  bundle: SiteBundle;
  /** Hash of the bundle; changes whenever a screen must reload the config. */
  version: string;
  /** The config the hub validated from that bundle, served to screens so they need not validate again. */
  validated?: SiteConfigResponse;
}

/** Accounts, sessions, screens and usage counts (issue 9): who may ask, and what the desk manages. */
export interface HubAccess {
  readonly accounts: Pick<Accounts, 'needsSetup' | 'prepareSetup' | 'setup' | 'signIn' | 'deskSession' | 'sessionResponse' | 'endSession' | 'changeOwn' | 'lobbyUnlock' | 'lobbySession' | 'endLobbySessions' | 'list' | 'save' | 'resetPassword'>;
  readonly screens: Pick<Screens, 'startPairing' | 'pollPairing' | 'claim' | 'byToken' | 'noteSeen' | 'status' | 'recordError' | 'list' | 'update' | 'reload' | 'revoke' | 'localScreen'>;
  readonly usage: Pick<Usage, 'record' | 'query'>;
  readonly scope: ScopeLookups;
}

export interface HubService {
  readonly store: 'pglite' | 'postgres';
  readonly access: HubAccess;
  /** Open Badges 3.0 (issue 12): issuer keys, claim QRs, issued badges, status lists, learning items. */
  readonly badges: Pick<
    Badges,
    'claims' | 'openClaim' | 'closeClaim' | 'issued' | 'revoke' | 'keys' | 'rotateKey' | 'withdrawKey' | 'saveLearningItem' | 'removeLearningItem' | 'issuer' | 'statusList' | 'achievement' | 'achievementImage' | 'claimInfo' | 'claim' | 'locales'
  >;
  health(): Promise<HealthResponse>;
  position(): Promise<HubPosition>;
  /** Changes after `since`; `reset: true` when the epoch differs or `since` is older than what is kept. */
  changesSince(since: number, epoch: string | undefined): Promise<ChangesResponse>;
  /**
   * Resolves when there may be something after `since` (a change committed or the config changed),
   * or after `timeoutMs`, or when `signal` aborts — whichever comes first. Never rejects.
   */
  waitForChange(since: number, configVersion: string | undefined, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  snapshot(): Promise<SnapshotResponse>;

  createBooking(request: CreateBookingRequest): Promise<BookingResponse>;
  /** A place on an activity's session (issue 11); BookingRefused when the session is full, past or not there. */
  reservePlace(request: ReservePlaceRequest): Promise<BookingResponse>;
  cancelBooking(request: CancelBookingRequest): Promise<BookingResponse>;
  /** The booking a cancel with this code would cancel; BookingNotFound as cancel would. Writes nothing. */
  previewCancel(request: PreviewCancelRequest): Promise<BookingResponse>;
  moveBooking(id: string, request: MoveBookingRequest): Promise<BookingResponse>;
  createSeries(request: CreateSeriesRequest): Promise<CommittedSeriesResponse>;
  changeSeries(id: string, request: ChangeSeriesRequest): Promise<CommittedChangeResponse>;
  skipSeriesDate(id: string, request: SkipSeriesDateRequest): Promise<SkippedDateResponse>;
  cancelSeries(id: string, request: CancelSeriesRequest): Promise<CancelledSeriesResponse>;
  saveOrganisation(request: SaveOrganisationRequest): Promise<OrganisationResponse>;
  importOffer(request: ImportOfferRequest): Promise<ImportResponse>;
  /** Feeds in (issue 13): each feed's state, staff feeds saved and removed, a read now. */
  listFeeds(): Promise<FeedsResponse>;
  saveFeed(request: SaveFeedRequest): Promise<FeedResponse>;
  removeFeed(id: string, request: RemoveFeedRequest): Promise<{ removed: string }>;
  refreshFeed(id: string, request: RefreshFeedRequest): Promise<FeedResponse>;
  /** Reads every feed that is due now and brings the feed rows up to date (the schedule does this every minute). */
  readFeeds(): Promise<void>;
  recordAudit(request: RecordAuditRequest): Promise<{ seq: number }>;
  exportBackup(): Promise<BackupFile>;
  restoreBackup(request: RestoreRequest): Promise<RestoreResponse>;

  /**
   * Feeds out (issue 13): the site's programme as published — the config with the store's staff,
   * imported and feed activities and their sessions. Rebuilt when the config or the store changed,
   * and every hour (its windows start at now). 503 while the hub has no good config.
   */
  offer(): Promise<Offer>;
  /** A page of an OpenActive feed after (modified, id), brought up to date with the offer first. */
  openActivePage(feed: OpenActiveFeed, after: { modified: number; id: string } | undefined, limit: number): Promise<PublishedEntry[]>;

  /** The config the hub serves now (last good one when the folder is broken), or undefined before the first good load. */
  site(): ServedSite | undefined;
  close(): Promise<void>;
}
