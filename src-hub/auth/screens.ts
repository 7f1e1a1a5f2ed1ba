// The site's screens: pairing, the device token each holds, their public settings (a row in the
// change stream, table `screens`, so every kiosk follows its own within seconds) and what the hub
// notices of each (last seen, versions, error lines) for the desk's Screens page.
//
// Pairing: a screen without a token asks for a code (kept in memory for ten minutes; a restart only
// means the screen asks for a new one), shows it, and polls with the secret pairing id only it knows.
// A coordinator types the code at the desk; the hub makes the screen's row and token, and hands the
// token out once, to the poll. The token is stored only as its hash.
import type { ClaimPairingRequest, DeviceStatusRequest, PollPairingResponse, ScreenRow, ScreenStatus, StartPairingResponse, UpdateScreenRequest } from '../../src-renderer/core/hub/contract';
import type { Actor } from '../../src-renderer/core/rows';
import type { StoreContext } from '../db/context';
import { newId } from '../db/ids';
import type { Sql } from '../db/sql';
import { runWrite } from '../db/write';
import { HubRequestError } from '../service';
import { AccessRefused } from './refusal';
import { newPairingCode, newSecret, normalisePairingCode, secretHash } from './secrets';

export const PAIRING_VALID_MS = 10 * 60_000;
/** A screen counts as online when seen this recently (its long poll comes back every 30 s at most). */
export const ONLINE_WITHIN_MS = 90_000;
const MAX_PENDING = 200;
const MAX_PENDING_PER_CLIENT = 5;
const MAX_ERRORS = 20;
const SEEN_FLUSH_MS = 15_000;
/** How long a checked token is taken on trust; a revoke or change of the screen forgets it at once. */
const TOKEN_CACHE_MS = 5_000;
const MAX_KNOWN = 5_000;

interface Pending {
  code: string;
  client: string;
  expiresAt: number;
  token?: string;
  screen?: ScreenRow;
}

interface ScreenDbRow {
  id: string;
  row: ScreenRow;
  last_seen_at: number | null;
  app_version: string | null;
  config_version: string | null;
  errors: { at: number; message: string }[];
}

export class Screens {
  readonly #ctx: StoreContext;
  readonly #sql: Sql;
  /** Pending pairings by the hash of their pairing id. */
  readonly #pending = new Map<string, Pending>();
  /** Token hash → screen, for a few seconds: every long poll of every screen presents its token. */
  readonly #known = new Map<string, { row: ScreenRow; at: number }>();
  /** Last seen per screen, written to the database every SEEN_FLUSH_MS rather than per request. */
  readonly #seen = new Map<string, number>();
  #flushTimer: ReturnType<typeof setInterval> | undefined;
  readonly #onRevoke: (screenId: string) => Promise<void>;

  constructor(ctx: StoreContext, onRevoke: (screenId: string) => Promise<void>) {
    this.#ctx = ctx;
    this.#sql = ctx.sql;
    this.#onRevoke = onRevoke;
    this.#flushTimer = setInterval(() => void this.flushSeen(), SEEN_FLUSH_MS);
    this.#flushTimer.unref();
  }

  close(): void {
    clearInterval(this.#flushTimer);
  }

  // ---- pairing

  startPairing(client: string): StartPairingResponse {
    const now = this.#ctx.now();
    this.#dropExpired(now);
    const mine = [...this.#pending.values()].filter((pending) => pending.client === client && !pending.token).length;
    if (mine >= MAX_PENDING_PER_CLIENT || this.#pending.size >= MAX_PENDING) {
      throw new AccessRefused(429, { error: 'rate-limited', message: 'Too many screens are waiting to be paired from here; wait for their codes to expire (10 minutes).' }, { 'Retry-After': '60' });
    }
    const codes = new Set([...this.#pending.values()].map((pending) => pending.code));
    let code = newPairingCode();
    while (codes.has(code)) code = newPairingCode();
    const pairingId = newSecret();
    const expiresAt = now + PAIRING_VALID_MS;
    this.#pending.set(secretHash(pairingId), { code, client, expiresAt });
    return { pairingId, code, expiresAt };
  }

  pollPairing(pairingId: string): PollPairingResponse {
    const now = this.#ctx.now();
    const key = secretHash(pairingId);
    const pending = this.#pending.get(key);
    if (pending?.token && pending.screen) {
      // Handed out once: a second poll with the same id finds nothing.
      this.#pending.delete(key);
      return { status: 'paired', token: pending.token, screen: pending.screen };
    }
    if (!pending || pending.expiresAt <= now) {
      this.#pending.delete(key);
      return { status: 'expired' };
    }
    return { status: 'waiting', code: pending.code, expiresAt: pending.expiresAt };
  }

  async claim(request: ClaimPairingRequest, by: Actor): Promise<ScreenRow> {
    const now = this.#ctx.now();
    this.#dropExpired(now);
    const code = normalisePairingCode(request.code);
    const entry = [...this.#pending.values()].find((pending) => pending.code === code && !pending.token);
    // A replayed claim (same key) answers what it answered, even though the code is used up by then.
    const token = entry ? newSecret() : undefined;
    const screen = await runWrite(this.#ctx, { route: 'claimPairing', key: request.idempotencyKey, request }, async (tx, at) => {
      if (!entry || !token) throw new HubRequestError(404, 'not-found', `No screen is showing the code ${code || '(empty)'} right now. Check the code on the screen; codes last 10 minutes.`);
      const row: ScreenRow = { id: newId('scr'), name: request.name, ...(request.locale ? { locale: request.locale } : {}), closed: false, pairedAt: at };
      await tx.query('INSERT INTO screens (id, token_hash, row) VALUES ($1, $2, $3::jsonb)', [row.id, secretHash(token), JSON.stringify(row)]);
      return { response: row, audit: [{ actor: by, entity: 'screen', entityId: row.id, action: 'paired', after: row }], changes: [{ table: 'screens', op: 'put', key: row.id, row }] };
    });
    if (entry && token) {
      entry.token = token;
      entry.screen = screen;
    }
    return screen;
  }

  // ---- devices

  /** The screen a device token belongs to, or undefined (unknown or revoked). */
  async byToken(token: string): Promise<ScreenRow | undefined> {
    if (token.length < 20 || token.length > 100) return undefined;
    const hash = secretHash(token);
    const now = this.#ctx.now();
    const known = this.#known.get(hash);
    if (known && now - known.at < TOKEN_CACHE_MS && now >= known.at) return known.row;
    const { rows } = await this.#sql.query<{ row: ScreenRow }>('SELECT row FROM screens WHERE token_hash = $1', [hash]);
    const row = rows[0]?.row;
    if (row) {
      if (this.#known.size >= MAX_KNOWN) this.#known.clear();
      this.#known.set(hash, { row, at: now });
    } else this.#known.delete(hash);
    return row;
  }

  noteSeen(screenId: string): void {
    this.#seen.set(screenId, this.#ctx.now());
  }

  async flushSeen(): Promise<void> {
    if (this.#seen.size === 0) return;
    const seen = [...this.#seen];
    this.#seen.clear();
    try {
      await this.#sql.query(
        `UPDATE screens s SET last_seen_at = GREATEST(coalesce(s.last_seen_at, 0), (v->>1)::bigint)
           FROM jsonb_array_elements($1::jsonb) AS v WHERE s.id = v->>0`,
        [JSON.stringify(seen)],
      );
    } catch (error) {
      this.#ctx.log?.('warn', `Noting when screens were last seen failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async status(screenId: string, request: DeviceStatusRequest): Promise<void> {
    this.noteSeen(screenId);
    await this.#sql.query('UPDATE screens SET app_version = $2, config_version = $3 WHERE id = $1', [screenId, request.appVersion, request.configVersion ?? null]);
  }

  /** An error line a screen logged: kept (the newest MAX_ERRORS) for the desk. */
  async recordError(screenId: string, message: string): Promise<void> {
    const entry = JSON.stringify([{ at: this.#ctx.now(), message: message.slice(0, 500) }]);
    await this.#sql.query(
      `UPDATE screens SET errors = (SELECT coalesce(jsonb_agg(e), '[]'::jsonb) FROM (SELECT e FROM jsonb_array_elements($2::jsonb || errors) AS e LIMIT ${MAX_ERRORS}) AS kept) WHERE id = $1`,
      [screenId, entry],
    );
  }

  // ---- the desk

  async list(): Promise<ScreenStatus[]> {
    await this.flushSeen();
    const now = this.#ctx.now();
    const { rows } = await this.#sql.query<ScreenDbRow>('SELECT id, row, last_seen_at, app_version, config_version, errors FROM screens');
    return rows
      .map((row) => ({
        ...row.row,
        ...(row.last_seen_at === null ? {} : { lastSeenAt: row.last_seen_at }),
        online: row.last_seen_at !== null && now - row.last_seen_at < ONLINE_WITHIN_MS,
        ...(row.app_version === null ? {} : { appVersion: row.app_version }),
        ...(row.config_version === null ? {} : { configVersion: row.config_version }),
        errors: row.errors,
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async update(id: string, request: UpdateScreenRequest, by: Actor): Promise<ScreenRow> {
    return this.#change(id, request.idempotencyKey, 'updateScreen', request, by, 'changed', (row) => {
      const next: ScreenRow = { ...row };
      if (request.name !== undefined) next.name = request.name;
      if (request.locale === null) delete next.locale;
      else if (request.locale !== undefined) next.locale = request.locale;
      if (request.here === null) delete next.here;
      else if (request.here !== undefined) next.here = request.here;
      if (request.notice === null) delete next.notice;
      else if (request.notice !== undefined) {
        const from = request.notice.from ?? this.#ctx.now();
        if (request.notice.until <= from) throw new HubRequestError(400, 'bad-request', 'The notice must end after it starts.');
        next.notice = { text: request.notice.text, from, until: request.notice.until };
      }
      if (request.closed !== undefined) next.closed = request.closed;
      return next;
    });
  }

  reload(id: string, key: string, by: Actor): Promise<ScreenRow> {
    return this.#change(id, key, 'reloadScreen', {}, by, 'reload-requested', (row, at) => ({ ...row, reloadAt: at }));
  }

  async revoke(id: string, key: string, by: Actor): Promise<{ revoked: ScreenRow }> {
    const revoked = await runWrite(this.#ctx, { route: 'revokeScreen', key, request: { id } }, async (tx) => {
      const { rows } = await tx.query<{ row: ScreenRow }>('DELETE FROM screens WHERE id = $1 RETURNING row', [id]);
      const row = rows[0]?.row;
      if (!row) throw new HubRequestError(404, 'not-found', `There is no screen ${id}.`);
      return { response: row, audit: [{ actor: by, entity: 'screen', entityId: id, action: 'revoked', before: row }], changes: [{ table: 'screens', op: 'delete', key: id }] };
    });
    this.#seen.delete(id);
    this.#forget(id);
    await this.#onRevoke(id);
    return { revoked };
  }

  /**
   * The screen of the machine that hosts the hub (Electron with the embedded hub): made on first
   * start, with a fresh token each start that only the host holds in memory.
   */
  async localScreen(name: string): Promise<{ token: string; screen: ScreenRow }> {
    const token = newSecret();
    const now = this.#ctx.now();
    const row: ScreenRow = { id: 'scr-local', name, closed: false, pairedAt: now };
    const { rows } = await this.#sql.query<{ row: ScreenRow; inserted: boolean }>(
      `INSERT INTO screens (id, token_hash, row) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash RETURNING row, (xmax = 0) AS inserted`,
      [row.id, secretHash(token), JSON.stringify(row)],
    );
    const stored = rows[0]!;
    if (stored.inserted) {
      // Announced like a paired screen, so the desk and the kiosk see it at once.
      await runWrite(this.#ctx, { route: 'claimPairing', key: `local-screen-${newSecret().slice(0, 20)}`, request: { local: true } }, async () => ({
        response: stored.row,
        audit: [{ actor: 'system', entity: 'screen', entityId: row.id, action: 'paired', after: stored.row }],
        changes: [{ table: 'screens', op: 'put', key: row.id, row: stored.row }],
      }));
    }
    return { token, screen: stored.row };
  }

  #forget(screenId: string): void {
    for (const [hash, known] of this.#known) if (known.row.id === screenId) this.#known.delete(hash);
  }

  async #change(id: string, key: string, route: 'updateScreen' | 'reloadScreen', request: object, by: Actor, action: string, change: (row: ScreenRow, at: number) => ScreenRow): Promise<ScreenRow> {
    const changed = await runWrite(this.#ctx, { route, key, request: { ...request, id } }, async (tx, at) => {
      const { rows } = await tx.query<{ row: ScreenRow }>('SELECT row FROM screens WHERE id = $1 FOR UPDATE', [id]);
      const before = rows[0]?.row;
      if (!before) throw new HubRequestError(404, 'not-found', `There is no screen ${id}.`);
      const after = change(before, at);
      await tx.query('UPDATE screens SET row = $2::jsonb WHERE id = $1', [id, JSON.stringify(after)]);
      return { response: after, audit: [{ actor: by, entity: 'screen', entityId: id, action, before, after }], changes: [{ table: 'screens', op: 'put', key: id, row: after }] };
    });
    // After the commit: a device reading its row in between may have cached the old one.
    this.#forget(id);
    return changed;
  }

  #dropExpired(now: number): void {
    for (const [key, pending] of this.#pending) if (pending.expiresAt <= now) this.#pending.delete(key);
  }
}
