// The site hub's HTTP contract: every route named once, with the schema of what it accepts and the
// type of what it answers. The hub (src-hub/http) registers exactly these routes and validates every
// body with these schemas; the renderer's hub client (src-renderer/db/hub-client.ts) calls them.
// Pure data and types: no DOM, no Node.
import * as v from 'valibot';
import type { Slot } from '../booking/slots';
import type { SeriesConflict, SeriesEditPlan } from '../booking/series';
import type { Violation } from '../booking/rules';
import { FEED_KINDS, LEVEL_IDS, LOCALES, WEEKDAYS, type ConfigError, type FeedConfig, type Locale, type PlanPoint, type SiteConfig } from '../model';
import { isWebUrl } from '../config/formats';
import { HOUR_MS, USAGE_EVENTS, type UsageEvent } from '../usage';
import type { ActivityRow, AuditEntry, BookingRow, OccurrenceRow, OrganisationRow, SeriesRow } from '../rows';

export { HUB_ROUTES, routePath, type HubRouteName } from './routes';

/** Largest JSON body the hub reads, except restore and imports, which carry whole files. */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_FILE_BODY_BYTES = 32 * 1024 * 1024;
/** Longest a `GET /api/changes` waits for something new before it answers with nothing. */
export const MAX_CHANGES_WAIT_MS = 30_000;

// ---------------------------------------------------------------------------------------------------
// Shared pieces

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const instant = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8_640_000_000_000));
const localDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'));
const localTimeOfDay = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:mm'));
const shortText = v.pipe(v.string(), v.maxLength(200));

/**
 * Every write carries a key the client made for this one intent (a tap on "Book"). The hub stores the
 * answer under it, so a retry after a timeout gets the same answer instead of a second booking.
 */
export const IdempotencyKeySchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,80}$/, 'an idempotency key of 16–80 letters, digits, - or _'));

export const ActorSchema = v.union([v.literal('kiosk'), v.strictObject({ staff: v.pipe(shortText, v.minLength(1)) })]);
export const StaffActorSchema = v.strictObject({ staff: v.pipe(shortText, v.minLength(1)) });

export const BookingHolderSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('visitor'), nickname: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40)) }),
  v.strictObject({ kind: v.literal('organisation'), id }),
]);

// ---------------------------------------------------------------------------------------------------
// Request bodies

export const CreateBookingSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  spaceId: id,
  start: instant,
  end: instant,
  holder: BookingHolderSchema,
  purpose: v.optional(v.pipe(v.string(), v.maxLength(500))),
  by: ActorSchema,
});
export type CreateBookingRequest = v.InferOutput<typeof CreateBookingSchema>;

/** A place on one session of an activity that has places (issue 11): a visitor, by nickname only. */
export const ReservePlaceSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  activityId: id,
  /** The session's start (epoch milliseconds), as the kiosk listed it. */
  start: instant,
  holder: v.strictObject({ kind: v.literal('visitor'), nickname: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40)) }),
  by: ActorSchema,
});
export type ReservePlaceRequest = v.InferOutput<typeof ReservePlaceSchema>;

export const CancelBookingSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  code: v.pipe(v.string(), v.maxLength(40)),
  by: ActorSchema,
});
export type CancelBookingRequest = v.InferOutput<typeof CancelBookingSchema>;

/** The same lookup as a cancel, without writing: a read, so no idempotency key. */
export const PreviewCancelSchema = v.strictObject({
  code: v.pipe(v.string(), v.maxLength(40)),
  by: ActorSchema,
});
export type PreviewCancelRequest = v.InferOutput<typeof PreviewCancelSchema>;

export const MoveBookingSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  start: instant,
  end: instant,
  spaceId: v.optional(id),
  by: StaffActorSchema,
});
export type MoveBookingRequest = v.InferOutput<typeof MoveBookingSchema>;

const weekday = v.picklist(WEEKDAYS as readonly ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const SeriesPatternSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('weekly'), interval: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(8)), weekdays: v.optional(v.array(weekday)) }),
  v.strictObject({
    kind: v.literal('monthly-weekday'),
    position: v.union([v.literal(1), v.literal(2), v.literal(3), v.literal(4), v.literal(5), v.literal(-1)]),
    weekday,
  }),
  v.strictObject({ kind: v.literal('monthly-day'), day: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(31)) }),
]);

export const SeriesDefinitionSchema = v.strictObject({
  spaceId: id,
  organisationId: id,
  purpose: v.optional(v.pipe(v.string(), v.maxLength(500))),
  startTime: localTimeOfDay,
  minutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60)),
  pattern: SeriesPatternSchema,
  from: localDate,
  until: v.optional(localDate),
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(366))),
  exceptions: v.pipe(v.array(localDate), v.maxLength(366)),
});

export const CreateSeriesSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  definition: SeriesDefinitionSchema,
  /** Write the series with the conflicting dates left out (they become exceptions). */
  skipConflicts: v.boolean(),
  /** The conflict dates staff saw in the plan: a conflict not among them refuses the write. */
  knownConflicts: v.pipe(v.array(localDate), v.maxLength(366)),
  by: StaffActorSchema,
});
export type CreateSeriesRequest = v.InferOutput<typeof CreateSeriesSchema>;

export const ChangeSeriesSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  scope: v.picklist(['this', 'following', 'all']),
  bookingId: v.optional(id),
  startTime: v.optional(localTimeOfDay),
  minutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60))),
  spaceId: v.optional(id),
  skipConflicts: v.boolean(),
  /** The booking ids staff saw as conflicts in the plan. */
  knownConflicts: v.pipe(v.array(id), v.maxLength(366)),
  by: StaffActorSchema,
});
export type ChangeSeriesRequest = v.InferOutput<typeof ChangeSeriesSchema>;

export const SkipSeriesDateSchema = v.strictObject({ idempotencyKey: IdempotencyKeySchema, date: localDate, by: StaffActorSchema });
export type SkipSeriesDateRequest = v.InferOutput<typeof SkipSeriesDateSchema>;

export const CancelSeriesSchema = v.strictObject({ idempotencyKey: IdempotencyKeySchema, by: StaffActorSchema });
export type CancelSeriesRequest = v.InferOutput<typeof CancelSeriesSchema>;

export const OrganisationDraftSchema = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  kind: v.picklist(['resident', 'guest']),
  period: v.optional(v.strictObject({ from: localDate, until: localDate })),
  contact: v.optional(
    v.strictObject({
      name: v.optional(shortText),
      email: v.optional(shortText),
      phone: v.optional(shortText),
    }),
  ),
  color: v.optional(v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'a colour as #rrggbb'))),
});
export type OrganisationDraftBody = v.InferOutput<typeof OrganisationDraftSchema>;

export const SaveOrganisationSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  /** Absent: a new organisation. Present: a staff organisation to change (config ones are refused). */
  id: v.optional(id),
  draft: OrganisationDraftSchema,
  by: StaffActorSchema,
});
export type SaveOrganisationRequest = v.InferOutput<typeof SaveOrganisationSchema>;

export const ImportOfferSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  /** The off-site partner whose offer this is. */
  organisationId: id,
  level: v.picklist(LEVEL_IDS),
  themes: v.pipe(v.array(id), v.maxLength(20)),
  price: v.picklist(['free', 'paid', 'pay-what-you-can']),
  contentLocale: v.picklist(LOCALES),
  /** How many days of occurrences to keep, from the start of today (the staff form's period); default 90. */
  days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(366))),
  /** The iCalendar file as text; the hub parses it again (what the preview showed is not trusted). */
  ics: v.pipe(v.string(), v.minLength(1)),
  removeMissing: v.boolean(),
  /** For the audit log: the file name or URL. */
  source: v.optional(shortText),
  by: ActorSchema,
});
export type ImportOfferRequest = v.InferOutput<typeof ImportOfferSchema>;

export const RecordAuditSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  entity: v.picklist(['backup', 'calendar', 'catalogue', 'poster']),
  entityId: v.optional(id),
  action: v.picklist(['exported', 'published', 'printed', 'saved']),
  detail: v.optional(v.record(v.string(), v.union([v.string(), v.number(), v.boolean(), v.null(), v.record(v.string(), v.number())]))),
  by: StaffActorSchema,
});
export type RecordAuditRequest = v.InferOutput<typeof RecordAuditSchema>;

export const RestoreSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  /** The backup file as parsed JSON; validated whole before anything is replaced. */
  backup: v.unknown(),
  by: StaffActorSchema,
});
export type RestoreRequest = v.InferOutput<typeof RestoreSchema>;

export const LogSchema = v.strictObject({
  level: v.picklist(['info', 'warn', 'error']),
  topic: v.pipe(v.string(), v.maxLength(40)),
  message: v.pipe(v.string(), v.maxLength(2000)),
});

/** `GET /api/changes?since=<seq>&epoch=<epoch>&config=<configVersion>&wait=<ms>` */
export const ChangesQuerySchema = v.strictObject({
  since: v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)),
  epoch: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** The config version the screen has: when the hub's differs, it answers at once instead of waiting. */
  config: v.optional(v.pipe(v.string(), v.maxLength(128))),
  wait: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/), v.transform(Number), v.maxValue(MAX_CHANGES_WAIT_MS))),
});

// ---------------------------------------------------------------------------------------------------
// Answers

/** The runtime tables a kiosk mirrors. Config rows are not among them: each screen derives those from the config. */
export type SyncTable = 'bookings' | 'series' | 'organisations' | 'activities' | 'occurrences' | 'auditLog' | 'screens';

export interface SyncRows {
  bookings: BookingRow[];
  series: SeriesRow[];
  /** Staff organisations. */
  organisations: OrganisationRow[];
  /** Imported activities and their occurrences. */
  activities: ActivityRow[];
  occurrences: OccurrenceRow[];
  /** The newest audit entries (at most SNAPSHOT_AUDIT_LIMIT). */
  auditLog: AuditEntry[];
  /** Every paired screen's public settings (each kiosk picks its own by id). */
  screens: ScreenRow[];
}
export const SNAPSHOT_AUDIT_LIMIT = 1000;

/** One change, numbered by the hub in commit order: `seq` has no gaps and never repeats within an epoch. */
export type Change =
  | { seq: number; table: SyncTable; op: 'put'; key: string | number; row: unknown }
  | { seq: number; table: SyncTable; op: 'delete'; key: string | number };

/**
 * The hub's epoch names one life of its database: a restore from backup or a new database gives a new
 * one, and a kiosk whose epoch differs starts again from a snapshot.
 */
export interface HubPosition {
  epoch: string;
  /** The newest change number. */
  seq: number;
  /** Hash of the site config the hub serves now; a kiosk that has another refetches `/site/bundle.json`. */
  configVersion: string;
}

/**
 * `GET /site/config.json`: the config in force as the hub validated it. A screen that gets this skips
 * validating (valibot, a year of schedule expansion); a hub that has no good config answers 404 and a
 * screen falls back to `/site/bundle.json` and its own validation, which says what is wrong.
 */
export interface SiteConfigResponse {
  /** The config version (the hash of its files, as HubPosition.configVersion names it without a refusal). */
  version: string;
  /** A label for the folder, for logs and error screens. */
  source: string;
  config: SiteConfig;
  /** Non-fatal findings of the validation, for staff. */
  warnings: ConfigError[];
  /** The problems of newer files the hub refused while it keeps serving this config. */
  refused?: ConfigError[];
}

/** `GET /site/config.json?have=<version>` when the screen holds that version already. */
export interface SiteConfigUnchanged {
  version: string;
  unchanged: true;
  refused?: ConfigError[];
}

export type ChangesResponse = (HubPosition & { reset: false; changes: Change[] }) | (HubPosition & { reset: true });
export type SnapshotResponse = HubPosition & { rows: SyncRows };
export interface HealthResponse extends HubPosition {
  ok: true;
  version: string;
  store: 'pglite' | 'postgres';
}

export interface BookingResponse {
  booking: BookingRow;
}
export interface CommittedSeriesResponse {
  series: SeriesRow;
  bookings: BookingRow[];
  skipped: SeriesConflict[];
}
export interface CommittedChangeResponse {
  seriesId: string;
  updated: BookingRow[];
  kept: SeriesEditPlan['conflicts'];
}
export interface SkippedDateResponse {
  cancelled?: BookingRow;
}
export interface CancelledSeriesResponse {
  cancelled: BookingRow[];
}
export interface OrganisationResponse {
  organisation: OrganisationRow;
}
export interface ImportResponse {
  counts: { new: number; updated: number; unchanged: number };
  activities: number;
  occurrences: number;
  removed: number;
  /** Entries the file holds that could not be imported, each with its reason. */
  problems: { uid?: string; summary?: string; line?: number; message: string }[];
}
// ---------------------------------------------------------------------------------------------------
// Feeds (issue 13): the hub reads each feed on its schedule; staff see each one's state and may add
// feeds of their own at the desk (the config's feeds are changed in site.json).

/** What staff see of one feed. Times are epoch ms. */
export interface FeedStatus {
  feed: FeedConfig;
  /** 'config': from site.json (read-only at the desk); 'staff': saved at the desk. */
  source: 'config' | 'staff';
  /**
   * never: not read yet; ok: the last read succeeded; failing: the last read failed and the last good
   * copy (if any) is still shown; disabled: a UiTdatabank feed whose API key variable is not set.
   */
  state: 'never' | 'ok' | 'failing' | 'disabled';
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  nextAttemptAt?: number;
  /** Consecutive failed reads (drives the back-off). */
  failures: number;
  /** Why the last read failed, in words staff can act on. */
  error?: string;
  /** Items the last good copy holds, and the activities and sessions stored from it. */
  items: number;
  activities: number;
  occurrences: number;
  /** Activities shown once because another feed (or the config) describes the same event. */
  duplicates: number;
  /** Items of the last good copy left out, with reasons. */
  problems: { id?: string; title?: string; message: string }[];
}

export interface FeedsResponse {
  feeds: FeedStatus[];
}

const feedUrl = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(2000),
  v.check(isWebUrl, 'an http:// or https:// URL without a user name or password'),
);

/** A feed saved at the desk. UiTdatabank feeds read the key from the hub's environment, never from here. */
export const FeedDraftSchema = v.strictObject({
  kind: v.picklist(FEED_KINDS),
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80)),
  url: feedUrl,
  query: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500))),
  postalCode: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z -]{3,10}$/, 'a postal code such as "3600"'))),
  refreshMinutes: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(10080)),
  organisation: id,
  level: v.picklist(LEVEL_IDS),
  themes: v.pipe(v.array(id), v.maxLength(20)),
  contentLocale: v.optional(v.picklist(LOCALES)),
  days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(366))),
});
export type FeedDraftBody = v.InferOutput<typeof FeedDraftSchema>;

export const SaveFeedSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  /** Absent: a new feed. Present: a staff feed to change (config feeds are refused). */
  id: v.optional(id),
  draft: FeedDraftSchema,
  by: StaffActorSchema,
});
export type SaveFeedRequest = v.InferOutput<typeof SaveFeedSchema>;

export const RemoveFeedSchema = v.strictObject({ idempotencyKey: IdempotencyKeySchema, by: StaffActorSchema });
export type RemoveFeedRequest = v.InferOutput<typeof RemoveFeedSchema>;

export const RefreshFeedSchema = v.strictObject({ idempotencyKey: IdempotencyKeySchema, by: StaffActorSchema });
export type RefreshFeedRequest = v.InferOutput<typeof RefreshFeedSchema>;

export interface FeedResponse {
  status: FeedStatus;
}

export interface RestoreResponse {
  counts: Record<string, number>;
}

/**
 * Every refusal: `error` is a stable code the UI translates, `message` is English for people and logs.
 * 400 malformed request (405/415 for a wrong method or content type), 401 not signed in / device not
 * paired / wrong credentials, 403 signed in but not allowed (role, organisation, CSRF token), 404 unknown id, 409 a rule or a
 * collision says no, 413 body too large, 429 too many requests from one client (see Retry-After),
 * 500 the hub failed unexpectedly (nothing was written), 503 the hub is starting or its store is unavailable.
 */
export type HubErrorBody =
  | { error: 'bad-request'; message: string; issues?: { path: string; message: string }[] }
  | { error: 'not-found'; message: string }
  | { error: 'booking-refused'; message: string; violations: Violation[]; nearest: Slot[] }
  | { error: 'series-refused'; message: string; conflicts: SeriesConflict[] }
  | { error: 'import-refused'; message: string }
  | { error: 'restore-refused'; message: string; errors: { path: string; message: string }[] }
  | { error: 'idempotency-conflict'; message: string }
  | { error: 'too-large'; message: string }
  | { error: 'rate-limited'; message: string }
  | { error: 'signed-out'; message: string }
  | { error: 'forbidden'; message: string }
  | { error: 'csrf'; message: string }
  | { error: 'locked'; message: string; until: number }
  | { error: 'wrong-credentials'; message: string }
  | { error: 'not-paired'; message: string }
  | { error: 'internal'; message: string }
  | { error: 'unavailable'; message: string }
  | { error: 'badge-refused'; message: string; reason: BadgeRefusalReason };

// ---------------------------------------------------------------------------------------------------
// Accounts, sessions and screens (issue 9)
//
// Who may call what is decided by the hub alone (core/hub/access.ts names each route's audience):
//  - a desk session: the HttpOnly, SameSite=Strict cookie `ww_session`; every POST with it carries
//    `X-CSRF-Token: <csrfToken of SessionResponse>`;
//  - a paired screen: `Authorization: Bearer <device token>` (kiosks send no cookies: credentials 'omit');
//  - staff working on a lobby screen: the device's bearer plus `X-Lobby-Session: <token of LobbyUnlockResponse>`.
// A request that carries both a device token and a desk cookie is refused (403): desk sessions are
// not for kiosks, and device tokens are not for the desk. The `by` of a write is ignored: the hub
// records the signed-in person (or "kiosk" for a screen).

export const CSRF_HEADER = 'X-CSRF-Token';
export const LOBBY_SESSION_HEADER = 'X-Lobby-Session';
export const SESSION_COOKIE = 'ww_session';

export const ROLES = ['coordinator', 'organisation'] as const;
export type Role = (typeof ROLES)[number];

/** A login name: letters, digits, dot, dash, underscore; compared without case. */
export const AccountNameSchema = v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9._-]{2,40}$/, 'a name of 2–40 letters, digits, ., - or _'));
export const PasswordSchema = v.pipe(v.string(), v.minLength(10, 'at least 10 characters'), v.maxLength(200));
export const PinSchema = v.pipe(v.string(), v.regex(/^\d{4,8}$/, 'a PIN of 4–8 digits'));
const displayName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80));

/** An account as the hub shows it: never a hash. */
export interface AccountView {
  id: string;
  /** Login name. */
  name: string;
  /** What the audit log and the desk show: "An Peeters". */
  displayName: string;
  role: Role;
  /** Organisation accounts: the organisation they represent. */
  organisationId?: string;
  hasPin: boolean;
  disabled: boolean;
  /** Set while wrong passwords or PINs hold the account back. */
  lockedUntil?: number;
  /** A coordinator set (or the CLI reset) this password: the person must choose their own. */
  mustChangePassword: boolean;
  createdAt: number;
  lastSignInAt?: number;
}

export const SignInSchema = v.strictObject({ name: AccountNameSchema, password: v.pipe(v.string(), v.maxLength(200)) });
export type SignInRequest = v.InferOutput<typeof SignInSchema>;

export interface SessionResponse {
  account: AccountView;
  /** Send as X-CSRF-Token with every POST of this session. */
  csrfToken: string;
  /** The session ends at the first of these unless used again (idle) / in any case (absolute). */
  idleExpiresAt: number;
  expiresAt: number;
}

/** Answered with the SessionResponse of the session that asked (`mustChangePassword` now false). */
export const ChangePasswordSchema = v.strictObject({
  current: v.pipe(v.string(), v.maxLength(200)),
  password: v.optional(PasswordSchema),
  /** A new lobby PIN; null removes it. */
  pin: v.optional(v.nullable(PinSchema)),
});
export type ChangePasswordRequest = v.InferOutput<typeof ChangePasswordSchema>;

export interface SetupStatusResponse {
  /** No account exists yet: the one-time link the hub printed creates the first coordinator. */
  needed: boolean;
}
export const SetupSchema = v.strictObject({
  token: v.pipe(v.string(), v.minLength(16), v.maxLength(200)),
  name: AccountNameSchema,
  displayName,
  password: PasswordSchema,
});
export type SetupRequest = v.InferOutput<typeof SetupSchema>;

export const LobbyUnlockSchema = v.strictObject({ name: AccountNameSchema, pin: v.pipe(v.string(), v.maxLength(8)) });
export type LobbyUnlockRequest = v.InferOutput<typeof LobbyUnlockSchema>;
export interface LobbyUnlockResponse {
  /** Send as X-Lobby-Session with the device's bearer; valid on this screen only. */
  token: string;
  account: AccountView;
  /** The lobby session ends after this long without a request (the screen also locks itself). */
  idleLockSeconds: number;
  expiresAt: number;
}

export const SaveAccountSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  /** Absent: a new account. */
  id: v.optional(id),
  name: AccountNameSchema,
  displayName,
  role: v.picklist(ROLES),
  organisationId: v.optional(id),
  /** Required for a new account; a coordinator-set password must be changed at first sign-in. */
  password: v.optional(PasswordSchema),
  pin: v.optional(v.nullable(PinSchema)),
  disabled: v.optional(v.boolean()),
  /** Lift a lockout now. */
  unlock: v.optional(v.boolean()),
});
export type SaveAccountRequest = v.InferOutput<typeof SaveAccountSchema>;
export interface AccountsResponse {
  accounts: AccountView[];
}
export interface AccountResponse {
  account: AccountView;
}

/** A screen's public settings, in the change stream (table `screens`). */
export interface ScreenRow {
  id: string;
  name: string;
  /** The language the attract screen starts in; absent: the site's default. */
  locale?: Locale;
  /** "You are here" on the site plan. */
  here?: PlanPoint;
  /** A line on the attract screen during [from, until). */
  notice?: { text: string; from: number; until: number };
  /** Locked into the "closed" screen. */
  closed: boolean;
  /** Changes when a coordinator asks the screen to reload; the screen reloads when it sees a new value. */
  reloadAt?: number;
  pairedAt: number;
}

export interface ScreenStatus extends ScreenRow {
  lastSeenAt?: number;
  /** Seen within the last 90 s (a kiosk long-polls every 30 s at most). */
  online: boolean;
  appVersion?: string;
  configVersion?: string;
  /** The screen's last error log lines, newest first (at most 20). */
  errors: { at: number; message: string }[];
}
export interface ScreensResponse {
  screens: ScreenStatus[];
  /** The config version the hub serves now: a screen with another one is behind. */
  configVersion: string;
}

export interface StartPairingResponse {
  /** Secret for polling; only this screen knows it. */
  pairingId: string;
  /** What the screen shows and a coordinator types at the desk: 6 characters, no look-alikes. */
  code: string;
  expiresAt: number;
}
export const PollPairingSchema = v.strictObject({ pairingId: v.pipe(v.string(), v.minLength(16), v.maxLength(100)) });
export type PollPairingResponse =
  | { status: 'waiting'; code: string; expiresAt: number }
  | { status: 'paired'; token: string; screen: ScreenRow }
  | { status: 'expired' };
export const ClaimPairingSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  code: v.pipe(v.string(), v.trim(), v.maxLength(20)),
  name: displayName,
  locale: v.optional(v.picklist(LOCALES)),
});
export type ClaimPairingRequest = v.InferOutput<typeof ClaimPairingSchema>;
export interface ScreenResponse {
  screen: ScreenRow;
}
export interface DeviceResponse {
  screen: ScreenRow;
}
export const DeviceStatusSchema = v.strictObject({
  appVersion: v.pipe(v.string(), v.maxLength(40)),
  configVersion: v.optional(v.pipe(v.string(), v.maxLength(128))),
});
export type DeviceStatusRequest = v.InferOutput<typeof DeviceStatusSchema>;

const planPoint = v.strictObject({ x: v.pipe(v.number(), v.finite()), y: v.pipe(v.number(), v.finite()) });
export const UpdateScreenSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  name: v.optional(displayName),
  locale: v.optional(v.nullable(v.picklist(LOCALES))),
  here: v.optional(v.nullable(planPoint)),
  notice: v.optional(v.nullable(v.strictObject({ text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)), from: v.optional(instant), until: instant }))),
  closed: v.optional(v.boolean()),
});
export type UpdateScreenRequest = v.InferOutput<typeof UpdateScreenSchema>;
export const ScreenActionSchema = v.strictObject({ idempotencyKey: IdempotencyKeySchema });
export type ScreenActionRequest = v.InferOutput<typeof ScreenActionSchema>;

export { HOUR_MS, USAGE_EVENTS, type UsageEvent } from '../usage';

export const RecordUsageSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  counts: v.pipe(
    v.array(
      v.strictObject({
        /** Start of the hour (epoch ms, a multiple of an hour). */
        hour: v.pipe(instant, v.multipleOf(HOUR_MS)),
        event: v.picklist(USAGE_EVENTS),
        /** What: a locale, a filter ("level:see-do", "theme:…", "time:today"), an activity id; '' when none. */
        key: v.pipe(v.string(), v.maxLength(120)),
        n: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)),
      }),
    ),
    v.maxLength(1000),
  ),
});
export type RecordUsageRequest = v.InferOutput<typeof RecordUsageSchema>;
export interface UsageCount {
  hour: number;
  screenId: string;
  event: UsageEvent;
  key: string;
  n: number;
}
/** `GET /api/usage?from=<ms>&to=<ms>` (and `/api/usage.csv`, counts under 5 as "< 5"). */
export const UsageQuerySchema = v.strictObject({
  from: v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)),
  to: v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)),
  screen: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
export interface UsageResponse {
  from: number;
  to: number;
  counts: UsageCount[];
  screens: { id: string; name: string }[];
}

// ---------------------------------------------------------------------------------------------------
// Badges (issue 12): a host opens a claim QR for a session; a phone claims with it and gets an Open
// Badges 3.0 credential for its own key. The hub stores per issued badge only what revocation needs.

/** A claim QR a host opened: valid until `expiresAt`, for at most `maxClaims` phones. Times are epoch ms. */
export interface BadgeClaimStatus {
  id: string;
  /** The secret in the QR (only answered to staff who may see the claim). */
  token: string;
  /** The follow-up page URL the QR holds: `<followUpBaseUrl>#claim=<token>`. */
  url: string;
  achievementId: string;
  activityId: string;
  /** Start of the session the badge is for. */
  sessionStart: number;
  openedBy: string;
  openedAt: number;
  expiresAt: number;
  maxClaims: number;
  claims: number;
  /** open: claimable; closed: a host closed it; expired; full. */
  state: 'open' | 'closed' | 'expired' | 'full';
}

export interface BadgeClaimsResponse {
  claims: BadgeClaimStatus[];
}

/** The answer to opening or closing a claim QR. */
export interface BadgeClaimResponse {
  claim: BadgeClaimStatus;
}

/**
 * Why the hub refused a badge request (409, or 400 for `proof`): the claim QR ended (`expired`,
 * `closed`, `full`), the phone's proof of its key did not check, or a host's request breaks a badge
 * rule (`rules`: the activity does not award this badge, no such session, the current key...).
 */
export type BadgeRefusalReason = 'expired' | 'closed' | 'full' | 'proof' | 'rules';

export const OpenBadgeClaimSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  achievementId: id,
  activityId: id,
  sessionStart: instant,
  /** Default: the site's badges.claimMinutes. */
  minutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1440))),
  /** Default: the site's badges.maxClaims. */
  maxClaims: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
  by: StaffActorSchema,
});
export type OpenBadgeClaimRequest = v.InferOutput<typeof OpenBadgeClaimSchema>;

export const CloseBadgeClaimSchema = v.strictObject({ idempotencyKey: IdempotencyKeySchema, by: StaffActorSchema });
export type CloseBadgeClaimRequest = v.InferOutput<typeof CloseBadgeClaimSchema>;

/** One issued badge as the hub keeps it: no name, no device, no holder key — only what revocation needs. */
export interface IssuedBadge {
  /** The credential's id ("urn:uuid:…"). */
  id: string;
  claimId: string;
  achievementId: string;
  activityId: string;
  sessionStart: number;
  issuedAt: number;
  /** The did of the key that signed it. */
  keyDid: string;
  statusList: number;
  statusIndex: number;
  revokedAt?: number;
  revokedBy?: string;
}

export interface IssuedBadgesResponse {
  badges: IssuedBadge[];
}

export interface RevokeBadgeResponse {
  badge: IssuedBadge;
}

export const RevokeBadgeSchema = v.strictObject({ idempotencyKey: IdempotencyKeySchema, reason: v.optional(shortText), by: StaffActorSchema });
export type RevokeBadgeRequest = v.InferOutput<typeof RevokeBadgeSchema>;

/** An issuer key as staff see it (never the private half). */
export interface IssuerKeyStatus {
  did: string;
  /** current: signs new badges; retired: still verifies what it signed; withdrawn: rotated out, no longer trusted. */
  state: 'current' | 'retired' | 'withdrawn';
  createdAt: number;
  retiredAt?: number;
  withdrawnAt?: number;
  issued: number;
}

export interface IssuerKeysResponse {
  keys: IssuerKeyStatus[];
}

export const RotateIssuerKeySchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  /** keep: the old key stays trusted for what it signed (routine rotation); withdraw: it is rotated out (lost or leaked). */
  previous: v.picklist(['keep', 'withdraw']),
  by: StaffActorSchema,
});
export type RotateIssuerKeyRequest = v.InferOutput<typeof RotateIssuerKeySchema>;

export const WithdrawIssuerKeySchema = v.strictObject({ idempotencyKey: IdempotencyKeySchema, by: StaffActorSchema });
export type WithdrawIssuerKeyRequest = v.InferOutput<typeof WithdrawIssuerKeySchema>;

/** What a phone sees of a claim before it claims (public; no staff names). */
export interface BadgeClaimInfo {
  state: 'open' | 'closed' | 'expired' | 'full';
  achievementId: string;
  activityId: string;
  sessionStart: number;
  expiresAt: number;
}

export const ClaimBadgeSchema = v.strictObject({
  token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,100}$/, 'a claim code from a host\'s QR')),
  /** A compact JWS by the phone's key over the token (core/badges signClaimProof); its did:key becomes the subject. */
  proof: v.pipe(v.string(), v.maxLength(4000)),
});
export type ClaimBadgeRequest = v.InferOutput<typeof ClaimBadgeSchema>;

export interface ClaimBadgeResponse {
  /** The credential as a compact JWS (VC-JOSE). */
  credential: string;
}

/** Mentors, achievements and playlists saved at the desk are written into site.json (validated as a whole first). */
export const LEARNING_KINDS = ['mentor', 'achievement', 'playlist'] as const;
export type LearningKind = (typeof LEARNING_KINDS)[number];

export const SaveLearningItemSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  kind: v.picklist(LEARNING_KINDS),
  /** The item as site.json holds it (validated with the config schema: core/config/schema.ts Mentor, Achievement, Playlist). */
  item: v.record(v.string(), v.unknown()),
  /** Present: the id of the item to replace (its id may change); absent: a new item. */
  replaces: v.optional(id),
  by: StaffActorSchema,
});
export type SaveLearningItemRequest = v.InferOutput<typeof SaveLearningItemSchema>;

export const RemoveLearningItemSchema = v.strictObject({ idempotencyKey: IdempotencyKeySchema, kind: v.picklist(LEARNING_KINDS), id, by: StaffActorSchema });
export type RemoveLearningItemRequest = v.InferOutput<typeof RemoveLearningItemSchema>;

/** After a save or removal: the config the hub now serves (or the problems that refused the change). */
export interface LearningItemResponse {
  ok: boolean;
  errors: ConfigError[];
}
