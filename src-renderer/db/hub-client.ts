// The kiosk's side of the hub's HTTP contract (core/hub/contract.ts): one typed method per route.
// Writes carry an idempotency key made once per user intent and are retried with that same key
// after a network error, a timeout or a 503, so a retry can never book twice: the hub answers a
// repeated key with the answer it stored. Refusals come back as the classes the screens already
// catch (BookingRefused, SeriesRefused, …); a hub that cannot be reached is HubUnavailable.
import type { BackupError, BackupFile } from '../core/backup';
import { BookingNotFound, BookingRefused, ImportRefused, SeriesRefused } from '../core/booking/errors';
import type { LogEntry } from '../core/contract';
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
  HubErrorBody,
  HubRouteName,
  ImportOfferRequest,
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
  SiteConfigUnchanged,
  SnapshotResponse,
} from '../core/hub/contract';
import { HUB_ROUTES, routePath } from '../core/hub/routes';
import type { SiteBundle } from '../core/model';

/** The hub cannot be reached (network down, hub stopped or still starting): nothing is known to be written. */
export class HubUnavailable extends Error {
  override readonly name = 'HubUnavailable';
  constructor(message = 'The site hub cannot be reached right now.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The hub answered with a refusal no screen has a special class for (bad request, key conflict, too large, …). */
export class HubError extends Error {
  override readonly name = 'HubError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
    /** A `locked` refusal: when the lockout ends (epoch ms). */
    readonly until?: number,
  ) {
    super(message);
  }
}

/** The hub checked a backup and refused it; nothing was replaced. */
export class RestoreRefused extends Error {
  override readonly name = 'RestoreRefused';
  constructor(readonly errors: BackupError[]) {
    super(`${errors.length} problem(s) in the backup`);
  }
}

/** 16–80 characters of [A-Za-z0-9_-], as the contract's IdempotencyKeySchema wants: 144 random bits. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface HubClientOptions {
  /** Where the hub is: the page's own base (the hub serves the kiosk, over http or app://). */
  baseUrl?: string;
  fetch?: FetchFn;
  /** How long one try may take before it counts as a timeout. */
  timeoutMs?: number;
  /** Waits between tries; one more try than there are waits. */
  backoffMs?: readonly number[];
  /** Injected by tests so retries do not wait for real. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Who is asking (issue 9): the headers each request carries — a screen's `Authorization: Bearer`
   * (and `X-Lobby-Session` while staff work on it), or the desk's `X-CSRF-Token`. Read per request.
   */
  credentials?: () => Record<string, string>;
  /**
   * Whether the browser sends cookies: 'omit' for screens (a desk session must never ride along
   * with a kiosk's requests), 'same-origin' for the desk, whose session is an HttpOnly cookie.
   */
  cookies?: 'omit' | 'same-origin';
  /** Told of every 401 (signed out, screen not paired), with the hub's error code. */
  onUnauthorized?: (code: string) => void;
}

/** What a write takes: the request without its key, which the client adds. */
export type WriteBody<T> = Omit<T, 'idempotencyKey'>;

export interface WriteOptions {
  /** The intent's key; made fresh when left out. Pass the same one to repeat an intent (a second tap on "Book"). */
  key?: string;
  signal?: AbortSignal;
}

interface SendOptions {
  method: 'GET' | 'POST';
  params?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Headers of this one request, over the client's credentials (the lobby session being ended). */
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
  /** How many tries; 1 leaves retrying to the caller (the change stream has its own back-off). */
  tries?: number;
}

const DEFAULT_TIMEOUT_MS = 8_000;
const DEFAULT_BACKOFF_MS = [300, 1_000, 2_500] as const;
/**
 * Answers that mean "not now" rather than "no": the hub starting, too busy for this client, or a proxy
 * in front of a stopped one. (A 500 is not among them: nothing was written, but the same request
 * would most likely fail the same way.)
 */
const RETRY_STATUS: ReadonlySet<number> = new Set([429, 502, 503, 504]);
/** The longest a Retry-After header may hold a try back. */
const MAX_RETRY_AFTER_MS = 10_000;
/** Routes whose "not-found" means a booking (or series occurrence) that is gone. */
const BOOKING_ROUTES: ReadonlySet<HubRouteName> = new Set(['cancelBooking', 'previewCancel', 'moveBooking', 'changeSeries', 'skipSeriesDate', 'cancelSeries']);
const HUB_METHOD = Object.fromEntries(Object.entries(HUB_ROUTES).map(([name, [method]]) => [name, method])) as Record<HubRouteName, 'GET' | 'POST'>;
/** The long poll may be held this much longer than it asked to wait before it counts as lost. */
const CHANGES_GRACE_MS = 15_000;

export class HubClient {
  readonly #base: string;
  readonly #fetch: FetchFn;
  readonly #timeoutMs: number;
  readonly #backoffMs: readonly number[];
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #credentials: () => Record<string, string>;
  readonly #cookies: 'omit' | 'same-origin';
  readonly #onUnauthorized: ((code: string) => void) | undefined;

  constructor(options: HubClientOptions = {}) {
    this.#base = options.baseUrl ?? document.baseURI;
    // Looked up at call time, so a fetch replaced after construction (tests, service workers) is used.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.#sleep = options.sleep ?? delay;
    this.#credentials = options.credentials ?? (() => ({}));
    this.#cookies = options.cookies ?? 'omit';
    this.#onUnauthorized = options.onUnauthorized;
  }

  /** The absolute URL of a route. Relative to the base, so a hub behind a path prefix works too. */
  url(route: HubRouteName, params: Record<string, string> = {}, query: Record<string, string | undefined> = {}): string {
    const url = new URL(routePath(route, params).slice(1), this.#base);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
    return url.href;
  }

  // ---- reads

  health(signal?: AbortSignal): Promise<HealthResponse> {
    return this.#send('health', { method: 'GET', signal, tries: 1 });
  }

  /**
   * One long poll: the changes after `since`, held by the hub up to `waitMs` while there are none.
   * `config` is the config version the screen has; the hub answers at once when its own differs.
   */
  changes(position: { since: number; epoch?: string | undefined; config?: string | undefined; waitMs: number }, signal?: AbortSignal): Promise<ChangesResponse> {
    const { since, epoch, config, waitMs } = position;
    return this.#send('changes', {
      method: 'GET',
      query: { since: String(since), epoch, config, wait: String(Math.round(waitMs)) },
      signal,
      timeoutMs: waitMs + CHANGES_GRACE_MS,
      tries: 1,
    });
  }

  snapshot(signal?: AbortSignal): Promise<SnapshotResponse> {
    return this.#send('snapshot', { method: 'GET', signal, timeoutMs: 60_000, tries: 1 });
  }

  backup(signal?: AbortSignal): Promise<BackupFile> {
    return this.#send('backup', { method: 'GET', signal, timeoutMs: 60_000 });
  }

  siteBundle(signal?: AbortSignal): Promise<SiteBundle> {
    return this.#send('siteBundle', { method: 'GET', signal });
  }

  /**
   * The config the hub validated; `have` names the version the screen holds, which the hub then only
   * confirms. Undefined when the hub vouches for none (no good config yet, or a hub from before this
   * route): the screen then validates `siteBundle()` itself.
   */
  async siteConfig(have?: string, signal?: AbortSignal): Promise<SiteConfigResponse | SiteConfigUnchanged | undefined> {
    try {
      return await this.#send('siteConfig', { method: 'GET', signal, query: { have } });
    } catch (error) {
      if (error instanceof HubError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** URL of a file of the site folder (the plan image). */
  assetUrl(file: string): string {
    return this.url('siteAsset', { file });
  }

  // ---- writes

  createBooking(body: WriteBody<CreateBookingRequest>, options?: WriteOptions): Promise<BookingResponse> {
    return this.#write('createBooking', body, options);
  }

  reservePlace(body: WriteBody<ReservePlaceRequest>, options?: WriteOptions): Promise<BookingResponse> {
    return this.#write('reservePlace', body, options);
  }

  cancelBooking(body: WriteBody<CancelBookingRequest>, options?: WriteOptions): Promise<BookingResponse> {
    return this.#write('cancelBooking', body, options);
  }

  /** What a cancel with this code would cancel. Tried once: each try counts against the screen's code budget. */
  previewCancel(body: PreviewCancelRequest, signal?: AbortSignal): Promise<BookingResponse> {
    return this.#send('previewCancel', { method: 'POST', body, signal, tries: 1 });
  }

  moveBooking(id: string, body: WriteBody<MoveBookingRequest>, options?: WriteOptions): Promise<BookingResponse> {
    return this.#write('moveBooking', body, options, { id });
  }

  createSeries(body: WriteBody<CreateSeriesRequest>, options?: WriteOptions): Promise<CommittedSeriesResponse> {
    return this.#write('createSeries', body, options);
  }

  changeSeries(id: string, body: WriteBody<ChangeSeriesRequest>, options?: WriteOptions): Promise<CommittedChangeResponse> {
    return this.#write('changeSeries', body, options, { id });
  }

  skipSeriesDate(id: string, body: WriteBody<SkipSeriesDateRequest>, options?: WriteOptions): Promise<SkippedDateResponse> {
    return this.#write('skipSeriesDate', body, options, { id });
  }

  cancelSeries(id: string, body: WriteBody<CancelSeriesRequest>, options?: WriteOptions): Promise<CancelledSeriesResponse> {
    return this.#write('cancelSeries', body, options, { id });
  }

  saveOrganisation(body: WriteBody<SaveOrganisationRequest>, options?: WriteOptions): Promise<OrganisationResponse> {
    return this.#write('saveOrganisation', body, options);
  }

  importOffer(body: WriteBody<ImportOfferRequest>, options?: WriteOptions): Promise<ImportResponse> {
    return this.#write('importOffer', body, options, {}, 120_000);
  }

  recordAudit(body: WriteBody<RecordAuditRequest>, options?: WriteOptions): Promise<{ seq: number }> {
    return this.#write('recordAudit', body, options);
  }

  /** Replaces the hub's runtime data with a backup's; RestoreRefused lists what is wrong with it. */
  restore(body: WriteBody<RestoreRequest>, options?: WriteOptions): Promise<RestoreResponse> {
    return this.#write('restore', body, options, {}, 120_000);
  }

  /** Fire and forget: a log line must never hold anything up, nor fail anything. */
  async log(entry: LogEntry): Promise<void> {
    try {
      await this.#fetch(this.url('log'), {
        method: 'POST',
        headers: { ...this.#credentials(), 'Content-Type': 'application/json' },
        credentials: this.#cookies,
        body: JSON.stringify(entry),
        keepalive: true,
      });
    } catch {
      // Nowhere better to report it.
    }
  }

  // ---- any route: the typed methods of the screens' and the desk's own clients build on these

  /** A read (or a POST that is not an intent, like sign-in), tried once unless `tries` says more. */
  request<T>(
    route: HubRouteName,
    options: { method?: 'GET' | 'POST'; params?: Record<string, string>; query?: Record<string, string | undefined>; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal; tries?: number; timeoutMs?: number } = {},
  ): Promise<T> {
    const { method = HUB_METHOD[route], tries = 1, ...rest } = options;
    return this.#send(route, { method, tries, ...rest });
  }

  /** A write with an idempotency key, retried with that key like every other write. */
  write<T>(route: HubRouteName, body: object, options?: WriteOptions, params: Record<string, string> = {}, timeoutMs?: number): Promise<T> {
    return this.#write(route, body, options, params, timeoutMs);
  }

  // ---- the one request path

  #write<T>(route: HubRouteName, body: object, options: WriteOptions = {}, params: Record<string, string> = {}, timeoutMs?: number): Promise<T> {
    // The key is fixed before the first try: every retry below sends the very same request.
    const key = options.key ?? newIdempotencyKey();
    return this.#send(route, { method: 'POST', params, body: { ...body, idempotencyKey: key }, signal: options.signal, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  }

  async #send<T>(route: HubRouteName, options: SendOptions): Promise<T> {
    const url = this.url(route, options.params, options.query);
    const tries = options.tries ?? this.#backoffMs.length + 1;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    let lastProblem: unknown;
    let retryAfterMs = 0;
    for (let attempt = 0; attempt < tries; attempt++) {
      if (attempt > 0) await this.#sleep(Math.max(retryAfterMs, this.#backoffMs[Math.min(attempt - 1, this.#backoffMs.length - 1)] ?? 0), options.signal);
      options.signal?.throwIfAborted();
      const timeout = AbortSignal.timeout(options.timeoutMs ?? this.#timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      let status: number;
      let text: string;
      let retryAfter: string | null;
      try {
        const headers: Record<string, string> = { ...this.#credentials(), ...options.headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
        const response = await this.#fetch(url, {
          method: options.method,
          ...(body === undefined ? {} : { body }),
          headers,
          credentials: this.#cookies,
          cache: 'no-store',
          signal,
        });
        status = response.status;
        retryAfter = response.headers.get('Retry-After');
        // Read inside the try: a connection can also drop, or time out, half-way through the body.
        text = await response.text();
      } catch (error) {
        // The caller gave up: that is not the hub's fault, and not worth another try.
        options.signal?.throwIfAborted();
        lastProblem = error;
        continue;
      }
      // A lockout is an answer, not "not now"; and a limit still there on the last try is said as such.
      if (RETRY_STATUS.has(status) && !(status === 429 && (errorCode(text) === 'locked' || attempt === tries - 1))) {
        lastProblem = new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
        const seconds = Number(retryAfter ?? '');
        retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : 0;
        continue;
      }
      if (status < 200 || status > 299) {
        const error = refusal(route, status, text);
        if (status === 401) this.#onUnauthorized?.(error instanceof HubError ? error.code : 'signed-out');
        throw error;
      }
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new HubError(status, 'bad-response', `The hub answered ${route} with something that is not JSON.`);
      }
    }
    throw new HubUnavailable(`The site hub cannot be reached right now (${route}: ${describe(lastProblem)}).`, { cause: lastProblem });
  }
}

/** Rebuilds the refusal the hub describes as the error class a screen catches. */
function refusal(route: HubRouteName, status: number, text: string): Error {
  let body: Partial<HubErrorBody> & Record<string, unknown>;
  try {
    body = JSON.parse(text) as Partial<HubErrorBody> & Record<string, unknown>;
  } catch {
    return new HubError(status, 'http', `The hub answered ${route} with HTTP ${status}.`);
  }
  const message = typeof body.message === 'string' ? body.message : `The hub refused ${route} (HTTP ${status}).`;
  const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
  switch (body.error) {
    case 'booking-refused':
      return new BookingRefused(list(body['violations']), list(body['nearest']));
    case 'series-refused':
      return new SeriesRefused(list(body['conflicts']), message);
    case 'import-refused':
      return new ImportRefused(message);
    case 'restore-refused':
      return new RestoreRefused(list(body['errors']));
    case 'not-found':
      return BOOKING_ROUTES.has(route) ? new BookingNotFound(message) : new HubError(status, 'not-found', message);
    case 'unavailable':
      return new HubUnavailable(message);
    case 'locked':
      return new HubError(status, 'locked', message, [], typeof body['until'] === 'number' ? body['until'] : undefined);
    default:
      // A refused config change (learning items) names its problems `errors` (ConfigError: path and message), others `issues`.
      return new HubError(status, typeof body.error === 'string' ? body.error : 'http', message, Array.isArray(body['issues']) ? list(body['issues']) : list(body['errors']));
  }
}

/** The `error` code of a refusal's body, if it has one. */
function errorCode(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

function describe(problem: unknown): string {
  if (problem instanceof Error) return problem.name === 'TimeoutError' ? 'timed out' : problem.message;
  return String(problem);
}

/** Waits `ms`, or less when `signal` aborts (then it rejects with the abort reason). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
