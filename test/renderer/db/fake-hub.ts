// A small in-memory hub speaking the HTTP contract, for the kiosk's client, sync and store tests: a
// change log numbered from 1, snapshots, a config version, a switch that takes it off the network,
// and just enough of the writes (bookings) to see a write come back into the copy. The booking rules
// themselves are the real hub's business and are tested there.
import type { BookingRow, SeriesRow } from '../../../src-renderer/core/rows';
import type { Change, ChangesResponse, CreateBookingRequest, HubPosition, SnapshotResponse, SyncRows, SyncTable } from '../../../src-renderer/core/hub/contract';
import type { FetchFn } from '../../../src-renderer/db/hub-client';

export const HUB_URL = 'http://hub.test/';

type Keyed = { id: string } | { seq: number };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export class FakeHub {
  epoch = 'epoch-1';
  configVersion = 'config-1';
  /** Changes kept (a hub may forget old ones; a kiosk behind them gets `reset`). */
  log: Change[] = [];
  seq = 0;
  /** Off the network: every request fails the way fetch fails when nothing listens. */
  down = false;
  /** Answer every API request with this status instead (503 while "starting"). */
  status: number | undefined;
  /** While set, snapshot requests wait for it: a hub slow to answer, so a test can look in between. */
  snapshotGate: Promise<void> | undefined;
  readonly requests: RecordedRequest[] = [];
  readonly rows: { [T in SyncTable]: Map<string | number, unknown> } = {
    bookings: new Map(),
    series: new Map(),
    organisations: new Map(),
    activities: new Map(),
    occurrences: new Map(),
    auditLog: new Map(),
    screens: new Map(),
  };
  /** Answers stored per idempotency key, as the real hub keeps them. */
  readonly answers = new Map<string, unknown>();
  #codes = 0;

  position(): HubPosition {
    return { epoch: this.epoch, seq: this.seq, configVersion: this.configVersion };
  }

  /** A write on the hub: the row is stored and its change numbered. */
  put<T extends Keyed>(table: SyncTable, row: T): Change {
    const key = 'id' in row ? row.id : row.seq;
    this.rows[table].set(key, row);
    const change: Change = { seq: ++this.seq, table, op: 'put', key, row };
    this.log.push(change);
    return change;
  }

  delete(table: SyncTable, key: string | number): Change {
    this.rows[table].delete(key);
    const change: Change = { seq: ++this.seq, table, op: 'delete', key };
    this.log.push(change);
    return change;
  }

  /** A new life of the database (a restore): new epoch, numbering starts again. */
  restart(): void {
    this.epoch = `epoch-${Number(this.epoch.split('-')[1]) + 1}`;
    this.log = [];
    this.seq = 0;
  }

  snapshot(): SnapshotResponse {
    const list = <T>(table: SyncTable) => [...this.rows[table].values()] as T[];
    const rows: SyncRows = {
      bookings: list('bookings'),
      series: list('series'),
      organisations: list('organisations'),
      activities: list('activities'),
      occurrences: list('occurrences'),
      auditLog: list('auditLog'),
      screens: list('screens'),
    };
    return { ...this.position(), rows };
  }

  changesSince(since: number, epoch: string | undefined): ChangesResponse {
    const first = this.log[0]?.seq ?? this.seq + 1;
    if (epoch !== this.epoch || since > this.seq || since < first - 1) return { ...this.position(), reset: true };
    return { ...this.position(), reset: false, changes: this.log.filter((change) => change.seq > since) };
  }

  readonly fetch: FetchFn = async (input, init) => {
    const url = new URL(input);
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    this.requests.push({ method: init.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body });
    if (this.down) throw new TypeError('fetch failed');
    if (this.status !== undefined) return json(this.status, { error: 'unavailable', message: 'The hub is starting.' });
    const path = url.pathname;
    if (path === '/api/changes') return json(200, this.changesSince(Number(url.searchParams.get('since')), url.searchParams.get('epoch') ?? undefined));
    if (path === '/api/snapshot') {
      await this.snapshotGate;
      return json(200, this.snapshot());
    }
    if (path === '/api/bookings' && init.method === 'POST') return this.#remember(body as CreateBookingRequest, () => this.#book(body as CreateBookingRequest));
    return json(404, { error: 'not-found', message: `No route ${path}` });
  };

  #remember(request: { idempotencyKey: string }, answer: () => { status: number; body: unknown }): Response {
    const stored = this.answers.get(request.idempotencyKey);
    if (stored !== undefined) return json(200, stored);
    const { status, body } = answer();
    // Refusals are not kept: a retry is judged again.
    if (status < 300) this.answers.set(request.idempotencyKey, body);
    return json(status, body);
  }

  #book(request: CreateBookingRequest): { status: number; body: unknown } {
    const taken = [...this.rows.bookings.values()].some((row) => {
      const booking = row as BookingRow;
      return booking.status === 'confirmed' && booking.spaceId === request.spaceId && booking.start < request.end && request.start < booking.end;
    });
    if (taken) {
      return { status: 409, body: { error: 'booking-refused', message: 'Just taken.', violations: [{ rule: 'fully-booked', message: 'Just taken.' }], nearest: [] } };
    }
    const now = 1_000 + this.seq;
    const booking: BookingRow = {
      id: `bk-${this.seq + 1}`,
      spaceId: request.spaceId,
      start: request.start,
      end: request.end,
      holder: request.holder,
      source: request.by === 'kiosk' ? 'kiosk' : 'staff',
      status: 'confirmed',
      code: `C0DE${String(++this.#codes).padStart(2, '0')}`,
      createdAt: now,
      updatedAt: now,
    };
    this.put('bookings', booking);
    this.put('auditLog', { seq: this.rows.auditLog.size + 1, at: now, entity: 'booking', entityId: booking.id, action: 'created', actor: 'kiosk' });
    return { status: 201, body: { booking } };
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function booking(id: string, overrides: Partial<BookingRow> = {}): BookingRow {
  return {
    id,
    spaceId: 'practice-1',
    start: 1_000_000,
    end: 1_000_000 + 3_600_000,
    holder: { kind: 'visitor', nickname: 'Mo' },
    source: 'kiosk',
    status: 'confirmed',
    code: 'ABC123',
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

export function series(id: string, overrides: Partial<SeriesRow> = {}): SeriesRow {
  return {
    id,
    spaceId: 'practice-1',
    organisationId: 'choir-club',
    startTime: '19:00',
    minutes: 60,
    pattern: { kind: 'weekly', interval: 1 },
    from: '2026-03-24',
    count: 4,
    exceptions: [],
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}
