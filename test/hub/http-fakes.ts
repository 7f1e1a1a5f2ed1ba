// A stand-in HubService for the HTTP tests: it records every call, answers with small canned rows,
// and lets a test decide when a long poll's wait ends. The HTTP behaviour (validation, statuses,
// headers) is what these tests check; the real store has its own tests, and http-store.test.ts runs
// the bad-input cases through it as well.
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { BadgeClaimInfo, ChangesResponse, FeedStatus, HubRouteName } from '../../src-renderer/core/hub/contract';
import type { BookingRow } from '../../src-renderer/core/rows';
import { HubRequestError, type HubService, type ServedSite } from '../../src-hub/service';
import { buildOffer } from '../../src-hub/offer/offer';
import { loadSiteConfig } from '../../src-renderer/core/config';

export const EPOCH = 'epoch-1';
export const CONFIG_VERSION = 'config-1';

export const BOOKING: BookingRow = {
  id: 'b1',
  spaceId: 'practice-1',
  start: Date.UTC(2026, 2, 26, 17),
  end: Date.UTC(2026, 2, 26, 18),
  holder: { kind: 'visitor', nickname: 'Ann' },
  source: 'kiosk',
  status: 'confirmed',
  code: 'K7Q2',
  createdAt: 1,
  updatedAt: 1,
};

export interface FakeService extends HubService {
  /** Names of the service methods called, in order. */
  calls: string[];
  /** Ends the pending waitForChange calls (as a commit would). */
  wake(): void;
  /** The signals of the waits so far. */
  waitSignals: (AbortSignal | undefined)[];
  seq: number;
  served: ServedSite | undefined;
}

const FEED_STATUS = {
  feed: { id: 'f1', kind: 'ical', name: 'Library', url: 'https://example.org/agenda.ics', apiKeyEnv: 'UITDATABANK_API_KEY', refreshMinutes: 60, organisation: 'bib', level: 'see-do', themes: [], terms: {}, days: 90 },
  source: 'staff',
  state: 'never',
  failures: 0,
  items: 0,
  activities: 0,
  occurrences: 0,
  duplicates: 0,
  problems: [],
} as const satisfies FeedStatus;

export function fakeService(overrides: Partial<HubService> = {}): FakeService {
  const waiters = new Set<() => void>();
  const calls: string[] = [];
  const record =
    <T>(name: string, answer: T) =>
    async (): Promise<T> => {
      calls.push(name);
      return answer;
    };
  const service: FakeService = {
    calls,
    waitSignals: [],
    seq: 0,
    served: undefined,
    store: 'pglite',
    access: fakeAccess(),
    badges: fakeBadges(record),
    wake() {
      for (const wake of [...waiters]) wake();
    },
    health: async () => ({ ok: true, version: '0.1.0', store: 'pglite', epoch: EPOCH, seq: service.seq, configVersion: CONFIG_VERSION }),
    position: async () => ({ epoch: EPOCH, seq: service.seq, configVersion: CONFIG_VERSION }),
    changesSince: async (since, epoch): Promise<ChangesResponse> => {
      calls.push('changesSince');
      if (epoch !== undefined && epoch !== EPOCH) return { reset: true, epoch: EPOCH, seq: service.seq, configVersion: CONFIG_VERSION };
      const changes = Array.from({ length: Math.max(0, service.seq - since) }, (_, i) => ({ seq: since + i + 1, table: 'bookings' as const, op: 'put' as const, key: `b${since + i + 1}`, row: BOOKING }));
      return { reset: false, epoch: EPOCH, seq: service.seq, configVersion: CONFIG_VERSION, changes };
    },
    waitForChange: (_since, _config, _timeoutMs, signal) => {
      calls.push('waitForChange');
      service.waitSignals.push(signal);
      return new Promise<void>((resolve) => {
        const done = () => {
          waiters.delete(done);
          resolve();
        };
        waiters.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    },
    snapshot: async () => ({ epoch: EPOCH, seq: service.seq, configVersion: CONFIG_VERSION, rows: { bookings: [], series: [], organisations: [], activities: [], occurrences: [], auditLog: [], screens: [] } }),
    createBooking: record('createBooking', { booking: BOOKING }),
    reservePlace: record('reservePlace', { booking: BOOKING }),
    cancelBooking: record('cancelBooking', { booking: { ...BOOKING, status: 'cancelled' as const } }),
    previewCancel: record('previewCancel', { booking: BOOKING }),
    moveBooking: record('moveBooking', { booking: BOOKING }),
    createSeries: record('createSeries', { series: { id: 's1', spaceId: 'practice-1', organisationId: 'choir-club', startTime: '18:00', minutes: 60, pattern: { kind: 'weekly', interval: 1 }, from: '2026-04-01', exceptions: [], createdAt: 1, updatedAt: 1 }, bookings: [], skipped: [] }),
    changeSeries: record('changeSeries', { seriesId: 's1', updated: [], kept: [] }),
    skipSeriesDate: record('skipSeriesDate', {}),
    cancelSeries: record('cancelSeries', { cancelled: [] }),
    saveOrganisation: record('saveOrganisation', { organisation: { id: 'o1', name: 'Club', kind: 'resident', source: 'staff' } as never }),
    importOffer: record('importOffer', { counts: { new: 0, updated: 0, unchanged: 0 }, activities: 0, occurrences: 0, removed: 0, problems: [] }),
    recordAudit: record('recordAudit', { seq: 1 }),
    listFeeds: record('listFeeds', { feeds: [] }),
    saveFeed: record('saveFeed', { status: FEED_STATUS }),
    removeFeed: record('removeFeed', { removed: 'f1' }),
    refreshFeed: record('refreshFeed', { status: FEED_STATUS }),
    readFeeds: record('readFeeds', undefined),
    exportBackup: record('exportBackup', { format: 'wegwijzer-backup', version: 1, schemaVersion: 1, exportedAt: 1, counts: {}, data: {} } as never),
    restoreBackup: record('restoreBackup', { counts: {} }),
    // The published offer of the served config, with nothing from a store.
    offer: async () => {
      if (!service.served) throw new HubRequestError(503, 'unavailable', 'No config yet.');
      const loaded = loadSiteConfig(service.served.bundle);
      if (!loaded.ok) throw new HubRequestError(503, 'unavailable', 'The config has errors.');
      return buildOffer(loaded.config, { activities: [], occurrences: [], organisations: [], spaces: [], bookings: [] }, service.served.version);
    },
    openActivePage: record('openActivePage', []),
    site: () => service.served,
    close: async () => {
      calls.push('close');
    },
    ...overrides,
  };
  return service;
}

/** Badge answers of the right shapes; each call is recorded as "badges.<method>". */
function fakeBadges(record: <T>(name: string, answer: T) => () => Promise<T>): HubService['badges'] {
  const claim = { id: 'bcl-1', token: 'token-0123456789abcdef', url: 'https://example.org/#claim=token-0123456789abcdef', achievementId: 'singer', activityId: 'choir', sessionStart: 1, openedBy: 'staff:Eva', openedAt: 1, expiresAt: 2, maxClaims: 5, claims: 0, state: 'open' as const };
  const badge = { id: 'urn:uuid:1', claimId: 'bcl-1', achievementId: 'singer', activityId: 'choir', sessionStart: 1, issuedAt: 1, keyDid: 'did:key:z6Mk', statusList: 1, statusIndex: 7 };
  const keys = { keys: [{ did: 'did:key:z6Mk', state: 'current' as const, createdAt: 1, issued: 0 }] };
  return {
    claims: record('badges.claims', { claims: [claim] }),
    openClaim: record('badges.openClaim', { claim }),
    closeClaim: record('badges.closeClaim', { claim: { ...claim, state: 'closed' as const } }),
    issued: record('badges.issued', { badges: [badge] }),
    revoke: record('badges.revoke', { badge: { ...badge, revokedAt: 2 } }),
    keys: record('badges.keys', keys),
    rotateKey: record('badges.rotateKey', keys),
    withdrawKey: record('badges.withdrawKey', keys),
    saveLearningItem: record('badges.saveLearningItem', { ok: true, errors: [] }),
    removeLearningItem: record('badges.removeLearningItem', { ok: true, errors: [] }),
    issuer: record('badges.issuer', { name: 'Testsite', url: 'https://example.org/', keys: [{ did: 'did:key:z6Mk', state: 'current' as const }] }),
    statusList: record<string | undefined>('badges.statusList', 'eyJ.status.list'),
    achievement: record<Record<string, unknown> | undefined>('badges.achievement', { id: 'https://example.org/badges/achievements/singer' }),
    achievementImage: () => undefined,
    claimInfo: record<BadgeClaimInfo | undefined>('badges.claimInfo', { state: 'open', achievementId: 'singer', activityId: 'choir', sessionStart: 1, expiresAt: 2 }),
    claim: record('badges.claim', { credential: 'eyJ.credential' }),
    locales: () => ['nl'],
  };
}

export const KEY = 'key-0123456789abcdef';

/** The fake's credentials: a paired screen, a coordinator unlocked on it, and a desk session. */
export const FAKE_DEVICE_TOKEN = 'device-token-for-tests-0123456789';
export const FAKE_LOBBY_TOKEN = 'lobby-session-for-tests-0123456789';
export const FAKE_DESK_COOKIE = 'desk-session-for-tests-0123456789';
export const FAKE_CSRF = 'csrf-token-for-tests-0123456789';
export const FAKE_SCREEN = { id: 'scr-1', name: 'Lobby', closed: false, pairedAt: 1 };
const FAKE_COORDINATOR = { id: 'acct-1', name: 'eva', displayName: 'Eva', role: 'coordinator' as const, mustChangePassword: false };

/** Headers that make a request come from staff unlocked on the fake's paired screen. */
export const STAFF_ON_SCREEN: Readonly<Record<string, string>> = { Authorization: `Bearer ${FAKE_DEVICE_TOKEN}`, 'X-Lobby-Session': FAKE_LOBBY_TOKEN };

/**
 * The access part of the fake store: fixed credentials instead of accounts in a database, so the
 * HTTP tests of other things can speak as staff. The real checks (who may call what, CSRF) run in
 * the app as always; test/hub/access.test.ts runs them against the real store.
 */
export function fakeAccess(): HubService['access'] {
  const session = (kind: 'desk' | 'lobby') => ({ account: FAKE_COORDINATOR, kind, csrf: FAKE_CSRF, idleExpiresAt: Date.now() + 60_000, expiresAt: Date.now() + 60_000, ...(kind === 'lobby' ? { screenId: FAKE_SCREEN.id } : {}) });
  const unused = async (): Promise<never> => {
    throw new Error('not part of the fake');
  };
  return {
    accounts: {
      needsSetup: async () => false,
      prepareSetup: async () => undefined,
      setup: unused,
      signIn: unused,
      deskSession: async (secret) => (secret === FAKE_DESK_COOKIE ? session('desk') : undefined),
      sessionResponse: async () => undefined,
      endSession: async () => undefined,
      changeOwn: unused,
      lobbyUnlock: unused,
      lobbySession: async (secret, screenId) => (secret === FAKE_LOBBY_TOKEN && screenId === FAKE_SCREEN.id ? session('lobby') : undefined),
      endLobbySessions: async () => undefined,
      list: async () => [],
      save: unused,
      resetPassword: async () => undefined,
    },
    screens: {
      startPairing: () => ({ pairingId: 'p'.repeat(43), code: 'ACDEFG', expiresAt: 1 }),
      pollPairing: () => ({ status: 'expired' }),
      claim: unused,
      byToken: async (token) => (token === FAKE_DEVICE_TOKEN ? FAKE_SCREEN : undefined),
      noteSeen: () => undefined,
      status: async () => undefined,
      recordError: async () => undefined,
      list: async () => [],
      update: unused,
      reload: unused,
      revoke: unused,
      localScreen: async () => ({ token: FAKE_DEVICE_TOKEN, screen: FAKE_SCREEN }),
    },
    usage: { record: async () => ({ counted: 0 }), query: async () => [] },
    scope: { sql: undefined as never, organisation: async () => undefined, timeZone: () => 'Europe/Brussels' },
  };
}

/** A valid body for every write route, which the bad-input tests then break one field at a time. */
export const VALID_BODIES: Partial<Record<HubRouteName, Record<string, unknown>>> = {
  createBooking: { idempotencyKey: KEY, spaceId: 'practice-1', start: BOOKING.start, end: BOOKING.end, holder: { kind: 'visitor', nickname: 'Ann' }, by: 'kiosk' },
  reservePlace: { idempotencyKey: KEY, activityId: 'drawing', start: BOOKING.start, holder: { kind: 'visitor', nickname: 'Ann' }, by: 'kiosk' },
  cancelBooking: { idempotencyKey: KEY, code: 'K7Q2', by: 'kiosk' },
  previewCancel: { code: 'K7Q2', by: 'kiosk' },
  moveBooking: { idempotencyKey: KEY, start: BOOKING.start, end: BOOKING.end, by: { staff: 'Eva' } },
  createSeries: {
    idempotencyKey: KEY,
    definition: { spaceId: 'practice-1', organisationId: 'choir-club', startTime: '18:00', minutes: 60, pattern: { kind: 'weekly', interval: 1 }, from: '2026-04-01', count: 4, exceptions: [] },
    skipConflicts: false,
    knownConflicts: [],
    by: { staff: 'Eva' },
  },
  changeSeries: { idempotencyKey: KEY, scope: 'all', startTime: '19:00', skipConflicts: false, knownConflicts: [], by: { staff: 'Eva' } },
  skipSeriesDate: { idempotencyKey: KEY, date: '2026-04-08', by: { staff: 'Eva' } },
  cancelSeries: { idempotencyKey: KEY, by: { staff: 'Eva' } },
  saveOrganisation: { idempotencyKey: KEY, draft: { name: 'Club', kind: 'resident' }, by: { staff: 'Eva' } },
  importOffer: { idempotencyKey: KEY, organisationId: 'bib', level: 'see-do', themes: [], price: 'free', contentLocale: 'nl', ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', removeMissing: false, by: { staff: 'Eva' } },
  saveFeed: { idempotencyKey: KEY, draft: { kind: 'ical', name: 'Library', url: 'https://example.org/agenda.ics', refreshMinutes: 60, organisation: 'bib', level: 'see-do', themes: [] }, by: { staff: 'Eva' } },
  removeFeed: { idempotencyKey: KEY, by: { staff: 'Eva' } },
  refreshFeed: { idempotencyKey: KEY, by: { staff: 'Eva' } },
  recordAudit: { idempotencyKey: KEY, entity: 'backup', action: 'exported', by: { staff: 'Eva' } },
  restore: { idempotencyKey: KEY, backup: { format: 'wegwijzer-backup' }, by: { staff: 'Eva' } },
  openBadgeClaim: { idempotencyKey: KEY, achievementId: 'singer', activityId: 'choir', sessionStart: 1, by: { staff: 'Eva' } },
  closeBadgeClaim: { idempotencyKey: KEY, by: { staff: 'Eva' } },
  revokeBadge: { idempotencyKey: KEY, reason: 'a mistake', by: { staff: 'Eva' } },
  rotateIssuerKey: { idempotencyKey: KEY, previous: 'keep', by: { staff: 'Eva' } },
  withdrawIssuerKey: { idempotencyKey: KEY, by: { staff: 'Eva' } },
  saveLearningItem: { idempotencyKey: KEY, kind: 'mentor', item: { id: 'ann' }, by: { staff: 'Eva' } },
  removeLearningItem: { idempotencyKey: KEY, kind: 'mentor', id: 'ann', by: { staff: 'Eva' } },
};

/** The service method each write route calls. */
export const WRITE_METHODS: Partial<Record<HubRouteName, keyof HubService | `badges.${keyof HubService['badges']}`>> = {
  createBooking: 'createBooking',
  reservePlace: 'reservePlace',
  cancelBooking: 'cancelBooking',
  previewCancel: 'previewCancel',
  moveBooking: 'moveBooking',
  createSeries: 'createSeries',
  changeSeries: 'changeSeries',
  skipSeriesDate: 'skipSeriesDate',
  cancelSeries: 'cancelSeries',
  saveOrganisation: 'saveOrganisation',
  importOffer: 'importOffer',
  saveFeed: 'saveFeed',
  removeFeed: 'removeFeed',
  refreshFeed: 'refreshFeed',
  recordAudit: 'recordAudit',
  restore: 'restoreBackup',
  openBadgeClaim: 'badges.openClaim',
  closeBadgeClaim: 'badges.closeClaim',
  revokeBadge: 'badges.revoke',
  rotateIssuerKey: 'badges.rotateKey',
  withdrawIssuerKey: 'badges.withdrawKey',
  saveLearningItem: 'badges.saveLearningItem',
  removeLearningItem: 'badges.removeLearningItem',
};

export interface Folders {
  root: string;
  renderer: string;
  follow: string;
  site: string;
}

/**
 * A renderer build, a follow-up build and a site folder on disk, with the traps the file tests need:
 * a secret file beside them and symlinks that lead out of (and within) the folders.
 */
export async function makeFolders(siteFiles: Record<string, string> = {}): Promise<Folders> {
  const root = await mkdtemp(join(tmpdir(), 'wegwijzer-http-'));
  const folders = { root, renderer: join(root, 'renderer'), follow: join(root, 'follow'), site: join(root, 'site') };
  await mkdir(join(folders.renderer, 'assets'), { recursive: true });
  await mkdir(join(folders.follow, 'assets'), { recursive: true });
  await mkdir(folders.site);
  await writeFile(join(root, 'secret.txt'), 'secret');
  await writeFile(join(root, 'secret.png'), 'secret image');
  await writeFile(join(folders.renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
  await mkdir(join(folders.renderer, 'staff'));
  await writeFile(join(folders.renderer, 'staff', 'index.html'), '<!doctype html><title>staff desk</title>');
  await writeFile(join(folders.renderer, 'assets', 'app-123.js'), 'console.log(1)');
  await writeFile(join(folders.renderer, '.hidden'), 'hidden');
  await symlink(join(root, 'secret.txt'), join(folders.renderer, 'leak.txt'));
  await writeFile(join(folders.follow, 'index.html'), '<!doctype html><title>follow</title>');
  await writeFile(join(folders.follow, 'sw.js'), 'self.x = 1');
  await writeFile(join(folders.follow, 'assets', 'follow-1.js'), 'console.log(2)');
  await writeFile(join(folders.site, 'plan.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await symlink(join(root, 'secret.png'), join(folders.site, 'escape.png'));
  await symlink(join(folders.site, 'plan.svg'), join(folders.site, 'alias.svg'));
  for (const [name, text] of Object.entries(siteFiles)) await writeFile(join(folders.site, name), text);
  return folders;
}

export const silentLog = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

type AppLike = { request: (input: Request | string | URL, init?: RequestInit, ...rest: never[]) => Response | Promise<Response> };

/**
 * The app as staff on the fake's paired screen would call it: every request gets STAFF_ON_SCREEN's
 * headers unless it brings its own Authorization or Cookie (or sets `anonymous`).
 */
export function asStaffOnScreen<A extends AppLike>(app: A): A {
  const request = app.request.bind(app);
  const withStaff = (headers: Headers): Headers => {
    if (headers.has('x-anonymous')) {
      headers.delete('x-anonymous');
      return headers;
    }
    if (!headers.has('authorization') && !headers.has('cookie')) for (const [name, value] of Object.entries(STAFF_ON_SCREEN)) headers.set(name, value);
    return headers;
  };
  const wrapped = (input: Request | string | URL, init?: RequestInit, ...rest: never[]) => {
    if (input instanceof Request) {
      const original = new Request(input, init);
      return request(new Request(original, { headers: withStaff(new Headers(original.headers)) }), undefined, ...rest);
    }
    return request(input, { ...init, headers: withStaff(new Headers(init?.headers)) }, ...rest);
  };
  return new Proxy(app, { get: (target, key, receiver) => (key === 'request' ? wrapped : Reflect.get(target, key, receiver)) });
}

/** Headers for a request that carries no credentials at all (asStaffOnScreen leaves it alone). */
export const ANONYMOUS: Readonly<Record<string, string>> = { 'X-Anonymous': '1' };
