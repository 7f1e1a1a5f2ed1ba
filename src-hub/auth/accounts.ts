// Staff accounts and their sessions, checked by the hub alone. A desk session is a secret in an
// HttpOnly cookie with a CSRF token beside it; a lobby session is a short one bound to the screen it
// was opened on. Passwords and PINs are verified outside any transaction (argon2 takes tens of ms,
// and PGlite runs one transaction at a time); only the small reads and writes around them are SQL.
import type {
  AccountView,
  ChangePasswordRequest,
  LobbyUnlockResponse,
  Role,
  SaveAccountRequest,
  SessionResponse,
  SetupRequest,
} from '../../src-renderer/core/hub/contract';
import type { AuditRecord } from '../db/audit';
import type { StoreContext } from '../db/context';
import { newId } from '../db/ids';
import { UNIQUE_VIOLATION, sqlState, type Sql } from '../db/sql';
import { runWrite } from '../db/write';
import { HubRequestError } from '../service';
import { ClientFailures, lockDuration } from './lockout';
import { AccessRefused, forbidden, lockedUntil, signedOut, wrongCredentials } from './refusal';
import { hashPassword, newSecret, sameSecret, secretHash, verifyNothing, verifyPassword } from './secrets';

export const DESK_IDLE_MS = 30 * 60_000;
export const DESK_ABSOLUTE_MS = 12 * 3_600_000;
const LOBBY_ABSOLUTE_MS = 4 * 3_600_000;
const SETUP_VALID_MS = 24 * 3_600_000;
/** Advisory lock key for the first-start setup ("WgSu"). */
const SETUP_LOCK = 0x57675375;
/** last_used_at is written at most this often per session (every request would be a write). */
const TOUCH_EVERY_MS = 30_000;

interface AccountRow {
  id: string;
  name: string;
  display_name: string;
  role: Role;
  organisation_id: string | null;
  password_hash: string;
  pin_hash: string | null;
  must_change_password: boolean;
  disabled: boolean;
  failed_attempts: number;
  locked_until: number | null;
  pin_failed_attempts: number;
  pin_locked_until: number | null;
  created_at: number;
  last_sign_in_at: number | null;
}

/** The account behind a session, as the access checks need it. */
export interface StaffAccount {
  id: string;
  name: string;
  displayName: string;
  role: Role;
  organisationId?: string;
  mustChangePassword: boolean;
}

export interface StaffSession {
  account: StaffAccount;
  kind: 'desk' | 'lobby';
  screenId?: string;
  csrf: string;
  idleExpiresAt: number;
  expiresAt: number;
}

export function accountView(row: AccountRow, now: number): AccountView {
  const lockedUntil = Math.max(row.locked_until ?? 0, row.pin_locked_until ?? 0);
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    role: row.role,
    ...(row.organisation_id === null ? {} : { organisationId: row.organisation_id }),
    hasPin: row.pin_hash !== null,
    disabled: row.disabled,
    ...(lockedUntil > now ? { lockedUntil } : {}),
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at,
    ...(row.last_sign_in_at === null ? {} : { lastSignInAt: row.last_sign_in_at }),
  };
}

function staffAccount(row: AccountRow): StaffAccount {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    role: row.role,
    ...(row.organisation_id === null ? {} : { organisationId: row.organisation_id }),
    mustChangePassword: row.must_change_password,
  };
}

export interface NewDeskSession {
  /** The cookie's value: shown once, stored only as its hash. */
  secret: string;
  response: SessionResponse;
}

export interface AccountsOptions {
  ctx: StoreContext;
  /** The organisations an organisation account may represent (config and staff ones). */
  organisationExists: (id: string) => Promise<boolean>;
  /** The site's idle lock for the lobby (staff.idleLockSeconds). */
  lobbyIdleSeconds: () => number;
}

export class Accounts {
  readonly #ctx: StoreContext;
  readonly #sql: Sql;
  readonly #options: AccountsOptions;
  readonly #clients = new ClientFailures();

  constructor(options: AccountsOptions) {
    this.#options = options;
    this.#ctx = options.ctx;
    this.#sql = options.ctx.sql;
  }

  // ---- first start

  async needsSetup(): Promise<boolean> {
    const { rows } = await this.#sql.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
    return (rows[0]?.n ?? 0) === 0;
  }

  /**
   * While no account exists: makes the one-time setup secret (or takes `fixed`), valid for a day,
   * and returns it for the host to print as a link. Undefined once accounts exist.
   */
  async prepareSetup(fixed?: string): Promise<string | undefined> {
    if (!(await this.needsSetup())) {
      await this.#sql.query("DELETE FROM hub_meta WHERE key = 'setup'");
      return undefined;
    }
    const secret = fixed && fixed.length >= 16 ? fixed : newSecret();
    const value = { hash: secretHash(secret), expiresAt: this.#ctx.now() + SETUP_VALID_MS };
    await this.#sql.query("INSERT INTO hub_meta (key, value) VALUES ('setup', $1::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [JSON.stringify(value)]);
    return secret;
  }

  async setup(request: SetupRequest, client: string): Promise<NewDeskSession> {
    this.#checkClient(client);
    const passwordHash = await hashPassword(request.password);
    const now = this.#ctx.now();
    const account = await this.#sql.transaction(async (tx) => {
      // One setup at a time: two tabs racing with the same link make one account.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
      const { rows } = await tx.query<{ value: { hash: string; expiresAt: number } }>("SELECT value FROM hub_meta WHERE key = 'setup'");
      const setup = rows[0]?.value;
      const count = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts')).rows[0]?.n ?? 0;
      if (count > 0) throw forbidden('The hub already has accounts: sign in instead, or ask a coordinator for an account.');
      if (!setup || setup.expiresAt <= now || !sameSecret(setup.hash, secretHash(request.token))) return undefined;
      const row = await insertAccount(tx, { name: request.name, displayName: request.displayName, role: 'coordinator', passwordHash, pinHash: null, mustChange: false }, now);
      await tx.query("DELETE FROM hub_meta WHERE key = 'setup'");
      return row;
    });
    if (!account) {
      this.#clients.failed(client, now);
      throw forbidden('This setup link is not valid: it was mistyped, already used, or is older than a day. Restart the hub for a new link.');
    }
    this.#ctx.log?.('info', `First coordinator "${account.name}" created with the setup link.`);
    return this.#openDeskSession(account, now);
  }

  // ---- desk sign-in

  async signIn(name: string, password: string, client: string): Promise<NewDeskSession> {
    const row = await this.#checkSecret(name, password, 'password', client);
    const now = this.#ctx.now();
    await this.#sql.query('UPDATE accounts SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = $2 WHERE id = $1', [row.id, now]);
    return this.#openDeskSession({ ...row, last_sign_in_at: now }, now);
  }

  /** The session a cookie names, if it is still valid (and its use noted). */
  async deskSession(secret: string): Promise<StaffSession | undefined> {
    return this.#session(secret, 'desk');
  }

  /** What the desk learns of its session: the account as it stands now, the CSRF token and the expiries. */
  async sessionResponse(session: StaffSession): Promise<SessionResponse | undefined> {
    const row = await this.#byId(session.account.id);
    if (!row) return undefined;
    return { account: accountView(row, this.#ctx.now()), csrfToken: session.csrf, idleExpiresAt: session.idleExpiresAt, expiresAt: session.expiresAt };
  }

  async endSession(secret: string): Promise<void> {
    await this.#sql.query('DELETE FROM staff_sessions WHERE id_hash = $1', [secretHash(secret)]);
  }

  /** A signed-in person changes their own password and/or lobby PIN, proving the current password. */
  async changeOwn(session: StaffSession, request: ChangePasswordRequest, client: string, currentSecret: string): Promise<AccountView> {
    this.#checkClient(client);
    const now = this.#ctx.now();
    const row = await this.#byId(session.account.id);
    if (!row) throw signedOut();
    if (!(await verifyPassword(row.password_hash, request.current))) {
      this.#clients.failed(client, now);
      throw wrongCredentials('The current password is wrong.');
    }
    if (request.password === undefined && request.pin === undefined) throw new HubRequestError(400, 'bad-request', 'Give a new password, a new PIN, or both.');
    if (row.must_change_password && request.password === undefined) throw new HubRequestError(400, 'bad-request', 'Choose a new password first: this one was set by someone else.');
    if (request.password !== undefined && request.password === request.current) throw new HubRequestError(400, 'bad-request', 'The new password must differ from the current one.');
    const passwordHash = request.password === undefined ? undefined : await hashPassword(request.password);
    const pinHash = request.pin === undefined ? undefined : request.pin === null ? null : await hashPassword(request.pin);
    await this.#sql.transaction(async (tx) => {
      if (passwordHash !== undefined) await tx.query('UPDATE accounts SET password_hash = $2, must_change_password = false WHERE id = $1', [row.id, passwordHash]);
      if (pinHash !== undefined) await tx.query('UPDATE accounts SET pin_hash = $2, pin_failed_attempts = 0, pin_locked_until = NULL WHERE id = $1', [row.id, pinHash]);
      // Every other session of this person ends: whoever knew the old password is out.
      if (passwordHash !== undefined) await tx.query('DELETE FROM staff_sessions WHERE account_id = $1 AND id_hash <> $2', [row.id, secretHash(currentSecret)]);
    });
    const after = await this.#byId(row.id);
    return accountView(after ?? row, now);
  }

  // ---- lobby

  async lobbyUnlock(screenId: string, name: string, pin: string): Promise<LobbyUnlockResponse> {
    const row = await this.#checkSecret(name, pin, 'pin', `screen:${screenId}`);
    const now = this.#ctx.now();
    const idleSeconds = this.#options.lobbyIdleSeconds();
    const secret = newSecret();
    const expiresAt = now + LOBBY_ABSOLUTE_MS;
    await this.#sql.transaction(async (tx) => {
      await tx.query('UPDATE accounts SET pin_failed_attempts = 0, pin_locked_until = NULL WHERE id = $1', [row.id]);
      // One lobby session per screen: unlocking again replaces whoever was signed in there.
      await tx.query("DELETE FROM staff_sessions WHERE kind = 'lobby' AND screen_id = $1", [screenId]);
      await tx.query(
        "INSERT INTO staff_sessions (id_hash, account_id, kind, screen_id, csrf, created_at, last_used_at, idle_ms, expires_at) VALUES ($1, $2, 'lobby', $3, $4, $5, $5, $6, $7)",
        [secretHash(secret), row.id, screenId, newSecret(), now, idleSeconds * 1000, expiresAt],
      );
    });
    return { token: secret, account: accountView(row, now), idleLockSeconds: idleSeconds, expiresAt };
  }

  /** The lobby session a screen presents, valid only on the screen it was opened on. */
  async lobbySession(secret: string, screenId: string): Promise<StaffSession | undefined> {
    const session = await this.#session(secret, 'lobby');
    return session && session.screenId === screenId ? session : undefined;
  }

  async endLobbySessions(screenId: string): Promise<void> {
    await this.#sql.query("DELETE FROM staff_sessions WHERE kind = 'lobby' AND screen_id = $1", [screenId]);
  }

  // ---- coordinators manage accounts

  async list(): Promise<AccountView[]> {
    const now = this.#ctx.now();
    const { rows } = await this.#sql.query<AccountRow>('SELECT * FROM accounts ORDER BY lower(display_name), lower(name)');
    return rows.map((row) => accountView(row, now));
  }

  async save(request: SaveAccountRequest, by: StaffAccount): Promise<AccountView> {
    if (request.role === 'organisation' && request.organisationId === undefined) throw new HubRequestError(400, 'bad-request', 'An organisation account needs the organisation it represents.');
    if (request.organisationId !== undefined && !(await this.#options.organisationExists(request.organisationId))) {
      throw new HubRequestError(400, 'bad-request', `There is no organisation "${request.organisationId}".`);
    }
    if (request.id === undefined && request.password === undefined) throw new HubRequestError(400, 'bad-request', 'A new account needs a first password (the person changes it at first sign-in).');
    if (request.id === by.id && (request.role !== 'coordinator' || request.disabled === true)) {
      throw new HubRequestError(400, 'bad-request', 'You cannot take away your own coordinator role or disable your own account; ask another coordinator.');
    }
    // Hashed before the write's transaction: argon2 must not hold PGlite's only connection.
    const passwordHash = request.password === undefined ? undefined : await hashPassword(request.password);
    const pinHash = request.pin === undefined ? undefined : request.pin === null ? null : await hashPassword(request.pin);
    const organisationId = request.role === 'organisation' ? (request.organisationId ?? null) : null;
    const actor = { staff: by.displayName };
    try {
      return await runWrite(this.#ctx, { route: 'saveAccount', key: request.idempotencyKey, request: { ...request, password: request.password ? 'set' : undefined, pin: request.pin ? 'set' : request.pin } }, async (tx, now) => {
        if (request.id === undefined) {
          const row = await insertAccount(tx, { name: request.name, displayName: request.displayName, role: request.role, organisationId, passwordHash: passwordHash!, pinHash: pinHash ?? null, mustChange: true }, now);
          const after = accountView(row, now);
          return { response: after, audit: [accountAudit(actor, 'created', undefined, after)] };
        }
        const { rows } = await tx.query<AccountRow>('SELECT * FROM accounts WHERE id = $1 FOR UPDATE', [request.id]);
        const before = rows[0];
        if (!before) throw new HubRequestError(404, 'not-found', `There is no account ${request.id}.`);
        const { rows: updated } = await tx.query<AccountRow>(
          `UPDATE accounts SET name = $2, display_name = $3, role = $4, organisation_id = $5,
             password_hash = coalesce($6, password_hash),
             must_change_password = CASE WHEN $6::text IS NULL THEN must_change_password ELSE true END,
             pin_hash = CASE WHEN $7::boolean THEN $8 ELSE pin_hash END,
             disabled = coalesce($9, disabled),
             failed_attempts = CASE WHEN $10::boolean THEN 0 ELSE failed_attempts END,
             locked_until = CASE WHEN $10::boolean THEN NULL ELSE locked_until END,
             pin_failed_attempts = CASE WHEN $10::boolean THEN 0 ELSE pin_failed_attempts END,
             pin_locked_until = CASE WHEN $10::boolean THEN NULL ELSE pin_locked_until END
           WHERE id = $1 RETURNING *`,
          [before.id, request.name, request.displayName, request.role, organisationId, passwordHash ?? null, pinHash !== undefined, pinHash ?? null, request.disabled ?? null, request.unlock === true],
        );
        const row = updated[0]!;
        // A new password, a new role or a disabled account ends the person's sessions: they sign in again.
        if (passwordHash !== undefined || row.disabled || row.role !== before.role || row.organisation_id !== before.organisation_id) {
          await tx.query('DELETE FROM staff_sessions WHERE account_id = $1', [row.id]);
        }
        const after = accountView(row, now);
        return { response: after, audit: [accountAudit(actor, 'changed', accountView(before, now), after, { password: passwordHash !== undefined, pin: pinHash !== undefined })] };
      });
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION) throw new HubRequestError(409, 'idempotency-conflict', `The name "${request.name}" is already taken; choose another.`);
      throw error;
    }
  }

  /**
   * For `--reset-password`: a temporary password the person must change at first sign-in; the
   * account's lockouts are lifted and its sessions end. Undefined when no account has that name.
   */
  async resetPassword(name: string): Promise<{ password: string; account: AccountView } | undefined> {
    const row = await this.#byName(name);
    if (!row) return undefined;
    const password = newSecret().slice(0, 16);
    const hash = await hashPassword(password);
    const now = this.#ctx.now();
    await this.#sql.transaction(async (tx) => {
      await tx.query(
        'UPDATE accounts SET password_hash = $2, must_change_password = true, disabled = false, failed_attempts = 0, locked_until = NULL, pin_failed_attempts = 0, pin_locked_until = NULL WHERE id = $1',
        [row.id, hash],
      );
      await tx.query('DELETE FROM staff_sessions WHERE account_id = $1', [row.id]);
    });
    const after = await this.#byId(row.id);
    return { password, account: accountView(after ?? row, now) };
  }

  /** Forgets expired sessions (run with the hub's other pruning). */
  async prune(): Promise<void> {
    const now = this.#ctx.now();
    await this.#sql.query('DELETE FROM staff_sessions WHERE expires_at <= $1 OR last_used_at + idle_ms <= $1', [now]);
  }

  // ---- inside

  /**
   * The account whose password (or lobby PIN) this is, or a refusal: the same words for an unknown
   * name and a wrong secret (and the same time, see verifyNothing), the account's own back-off, and
   * the client's. Every wrong try counts against both.
   */
  async #checkSecret(name: string, secret: string, what: 'password' | 'pin', client: string): Promise<AccountRow> {
    this.#checkClient(client);
    const now = this.#ctx.now();
    const wrong = () => wrongCredentials(what === 'pin' ? 'Wrong name or PIN.' : 'Wrong name or password.');
    const locked = (until: number) => lockedUntil(until, now, what === 'pin' ? 'The PIN of this account' : 'This account');
    const row = await this.#byName(name);
    const stored = what === 'pin' ? row?.pin_hash : row?.password_hash;
    if (!row || row.disabled || !stored) {
      await verifyNothing(secret);
      this.#clients.failed(client, now);
      throw wrong();
    }
    const lockedTill = what === 'pin' ? row.pin_locked_until : row.locked_until;
    if (lockedTill !== null && lockedTill > now) {
      this.#clients.failed(client, now);
      throw locked(lockedTill);
    }
    if (!(await verifyPassword(stored, secret))) {
      this.#clients.failed(client, now);
      const until = await this.#recordFailure(row.id, what, now);
      throw until === undefined ? wrong() : locked(until);
    }
    return row;
  }

  #checkClient(client: string): void {
    const now = this.#ctx.now();
    const held = this.#clients.heldUntil(client, now);
    if (held !== undefined) {
      throw new AccessRefused(
        429,
        { error: 'rate-limited', message: 'Too many wrong tries from here; wait a few minutes. Other places (and other people) are not affected.' },
        { 'Retry-After': String(Math.ceil((held - now) / 1000)) },
      );
    }
  }

  async #byName(name: string): Promise<AccountRow | undefined> {
    return (await this.#sql.query<AccountRow>('SELECT * FROM accounts WHERE lower(name) = lower($1)', [name.trim()])).rows[0];
  }

  async #byId(id: string): Promise<AccountRow | undefined> {
    return (await this.#sql.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id])).rows[0];
  }

  /** Counts a wrong try in one statement (no read-then-write race); returns the lock's end if it locked. */
  async #recordFailure(id: string, what: 'password' | 'pin', now: number): Promise<number | undefined> {
    const [count, until] = what === 'password' ? ['failed_attempts', 'locked_until'] : ['pin_failed_attempts', 'pin_locked_until'];
    const { rows } = await this.#sql.query<{ failures: number }>(`UPDATE accounts SET ${count} = ${count} + 1 WHERE id = $1 RETURNING ${count} AS failures`, [id]);
    const failures = rows[0]?.failures ?? 0;
    const lockMs = lockDuration(failures);
    if (lockMs === 0) return undefined;
    await this.#sql.query(`UPDATE accounts SET ${until} = $2 WHERE id = $1`, [id, now + lockMs]);
    this.#ctx.log?.('warn', `Account ${id}: ${failures} wrong ${what === 'pin' ? 'PINs' : 'passwords'} in a row; held back for ${Math.round(lockMs / 1000)} s.`);
    return now + lockMs;
  }

  async #openDeskSession(row: AccountRow, now: number): Promise<NewDeskSession> {
    const secret = newSecret();
    const csrf = newSecret();
    const expiresAt = now + DESK_ABSOLUTE_MS;
    await this.#sql.query(
      "INSERT INTO staff_sessions (id_hash, account_id, kind, csrf, created_at, last_used_at, idle_ms, expires_at) VALUES ($1, $2, 'desk', $3, $4, $4, $5, $6)",
      [secretHash(secret), row.id, csrf, now, DESK_IDLE_MS, expiresAt],
    );
    return { secret, response: { account: accountView(row, now), csrfToken: csrf, idleExpiresAt: now + DESK_IDLE_MS, expiresAt } };
  }

  async #session(secret: string, kind: 'desk' | 'lobby'): Promise<StaffSession | undefined> {
    if (secret.length < 20 || secret.length > 100) return undefined;
    const now = this.#ctx.now();
    const hash = secretHash(secret);
    const { rows } = await this.#sql.query<AccountRow & { s_kind: 'desk' | 'lobby'; screen_id: string | null; csrf: string; last_used_at: number; idle_ms: number; expires_at: number }>(
      `SELECT a.*, s.kind AS s_kind, s.screen_id, s.csrf, s.last_used_at, s.idle_ms, s.expires_at
         FROM staff_sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.id_hash = $1`,
      [hash],
    );
    const row = rows[0];
    if (!row || row.s_kind !== kind) return undefined;
    if (row.disabled || row.expires_at <= now || row.last_used_at + row.idle_ms <= now) {
      await this.#sql.query('DELETE FROM staff_sessions WHERE id_hash = $1', [hash]);
      return undefined;
    }
    let lastUsed = row.last_used_at;
    if (now - lastUsed >= TOUCH_EVERY_MS) {
      lastUsed = now;
      await this.#sql.query('UPDATE staff_sessions SET last_used_at = $2 WHERE id_hash = $1', [hash, now]);
    }
    return {
      account: staffAccount(row),
      kind,
      ...(row.screen_id === null ? {} : { screenId: row.screen_id }),
      csrf: row.csrf,
      idleExpiresAt: Math.min(lastUsed + row.idle_ms, row.expires_at),
      expiresAt: row.expires_at,
    };
  }
}

async function insertAccount(
  tx: Sql,
  account: { name: string; displayName: string; role: Role; organisationId?: string | null; passwordHash: string; pinHash: string | null; mustChange: boolean },
  now: number,
): Promise<AccountRow> {
  const { rows } = await tx.query<AccountRow>(
    `INSERT INTO accounts (id, name, display_name, role, organisation_id, password_hash, pin_hash, must_change_password, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [newId('acct'), account.name, account.displayName, account.role, account.organisationId ?? null, account.passwordHash, account.pinHash, account.mustChange, now],
  );
  return rows[0]!;
}

function accountAudit(actor: { staff: string }, action: string, before: AccountView | undefined, after: AccountView, detail?: Record<string, boolean>): AuditRecord {
  // The audit log shows who changed which account; never a hash, only whether a secret was set.
  const strip = (view: AccountView | undefined) => view && { name: view.name, displayName: view.displayName, role: view.role, organisationId: view.organisationId, disabled: view.disabled, hasPin: view.hasPin };
  return { actor, entity: 'account', entityId: after.id, action, ...(before ? { before: strip(before) } : {}), after: strip(after), ...(detail ? { detail } : {}) };
}
