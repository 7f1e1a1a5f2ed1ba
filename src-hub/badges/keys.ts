// The site's issuer keys: made on the hub's first start, kept in `issuer_keys`, rotated at the desk.
// One key is current (it signs new badges and the status lists); a rotated-out key is either retired
// (still trusted for what it signed: a routine rotation) or withdrawn (no longer trusted: lost or
// leaked). The private half never leaves this module except into a backup.
import { generateIssuerKey, type IssuerKeyPair, type TrustedKey } from '../../src-renderer/core/badges';
import type { IssuerKeyStatus, RotateIssuerKeyRequest, WithdrawIssuerKeyRequest } from '../../src-renderer/core/hub/contract';
import type { StoreContext } from '../db/context';
import type { Sql } from '../db/sql';
import { runWrite } from '../db/write';
import { HubRequestError } from '../service';
import { BadgeRefused } from './refusal';

export type KeyState = IssuerKeyStatus['state'];

interface KeyRow {
  did: string;
  public_jwk: JsonWebKey;
  private_jwk: JsonWebKey;
  state: KeyState;
  created_at: number;
  retired_at: number | null;
  withdrawn_at: number | null;
}

/** Makes the first key when there is none. Two hubs starting on one database make one current key between them. */
export async function ensureIssuerKey(sql: Sql, now: number): Promise<{ made: string | undefined }> {
  const { rows } = await sql.query<{ did: string }>("SELECT did FROM issuer_keys WHERE state = 'current'");
  if (rows.length > 0) return { made: undefined };
  const key = await generateIssuerKey();
  // The partial unique index lets only one current key in; the loser of a race inserts nothing.
  const inserted = await sql.query<{ did: string }>(
    "INSERT INTO issuer_keys (did, public_jwk, private_jwk, state, created_at) VALUES ($1, $2::jsonb, $3::jsonb, 'current', $4) ON CONFLICT DO NOTHING RETURNING did",
    [key.did, JSON.stringify(key.publicJwk), JSON.stringify(key.privateJwk), now],
  );
  return { made: inserted.rows[0]?.did };
}

/** The key that signs now. */
export async function currentKey(sql: Sql): Promise<IssuerKeyPair> {
  const { rows } = await sql.query<KeyRow>("SELECT did, public_jwk, private_jwk FROM issuer_keys WHERE state = 'current'");
  const row = rows[0];
  if (!row) throw new HubRequestError(503, 'unavailable', 'The hub has no issuer key yet; it makes one when it starts. Try again in a moment.');
  return { did: row.did, publicJwk: row.public_jwk, privateJwk: row.private_jwk };
}

/** The keys a verifier should trust: current and retired (withdrawn ones are left out). */
export async function trustedKeys(sql: Sql): Promise<TrustedKey[]> {
  const { rows } = await sql.query<{ did: string; state: 'current' | 'retired' }>("SELECT did, state FROM issuer_keys WHERE state <> 'withdrawn' ORDER BY state = 'current' DESC, created_at DESC, did");
  return rows.map((row) => ({ did: row.did, state: row.state }));
}

/** Every key as staff see it (no private halves), newest first, with the badges each signed. */
export async function listKeys(sql: Sql): Promise<IssuerKeyStatus[]> {
  const { rows } = await sql.query<KeyRow & { issued: number }>(
    `SELECT k.did, k.state, k.created_at, k.retired_at, k.withdrawn_at, (SELECT count(*) FROM badges_issued b WHERE b.key_did = k.did) AS issued
       FROM issuer_keys k ORDER BY k.created_at DESC, k.did`,
  );
  return rows.map(keyStatus);
}

function keyStatus(row: Omit<KeyRow, 'public_jwk' | 'private_jwk'> & { issued: number }): IssuerKeyStatus {
  return {
    did: row.did,
    state: row.state,
    createdAt: row.created_at,
    ...(row.retired_at === null ? {} : { retiredAt: row.retired_at }),
    ...(row.withdrawn_at === null ? {} : { withdrawnAt: row.withdrawn_at }),
    issued: Number(row.issued),
  };
}

/**
 * A new current key; the previous one is retired (`keep`: badges it signed stay valid) or withdrawn
 * (`withdraw`: they no longer verify). Answers every key as it now stands.
 */
export async function rotateIssuerKey(ctx: StoreContext, request: RotateIssuerKeyRequest): Promise<{ keys: IssuerKeyStatus[] }> {
  const next = await generateIssuerKey();
  return runWrite(ctx, { route: 'rotateIssuerKey', key: request.idempotencyKey, request }, async (tx, now) => {
    const { rows } = await tx.query<{ did: string }>("SELECT did FROM issuer_keys WHERE state = 'current' FOR UPDATE");
    const previous = rows[0]?.did;
    if (previous !== undefined) {
      if (request.previous === 'keep') await tx.query("UPDATE issuer_keys SET state = 'retired', retired_at = $2 WHERE did = $1", [previous, now]);
      else await tx.query("UPDATE issuer_keys SET state = 'withdrawn', retired_at = $2, withdrawn_at = $2 WHERE did = $1", [previous, now]);
    }
    await tx.query("INSERT INTO issuer_keys (did, public_jwk, private_jwk, state, created_at) VALUES ($1, $2::jsonb, $3::jsonb, 'current', $4)", [
      next.did,
      JSON.stringify(next.publicJwk),
      JSON.stringify(next.privateJwk),
      now,
    ]);
    return {
      response: { keys: await listKeys(tx) },
      audit: [{ actor: request.by, entity: 'issuerKey', entityId: next.did, action: 'rotated', detail: { previous: previous ?? null, previousKey: request.previous === 'keep' ? 'retired' : 'withdrawn' } }],
    };
  });
}

/** Withdraws a retired key: badges it signed no longer verify. The current key is rotated out instead. */
export async function withdrawIssuerKey(ctx: StoreContext, did: string, request: WithdrawIssuerKeyRequest): Promise<{ keys: IssuerKeyStatus[] }> {
  return runWrite(ctx, { route: 'withdrawIssuerKey', key: request.idempotencyKey, request: { ...request, did } }, async (tx, now) => {
    const { rows } = await tx.query<{ state: KeyState }>('SELECT state FROM issuer_keys WHERE did = $1 FOR UPDATE', [did]);
    const state = rows[0]?.state;
    if (state === undefined) throw new HubRequestError(404, 'not-found', `The hub has no issuer key ${did}.`);
    if (state === 'current') throw new BadgeRefused(409, 'rules', 'This is the key that signs new badges; rotate it out with "previous: withdraw" instead, so the site keeps a key to sign with.');
    if (state === 'withdrawn') return { response: { keys: await listKeys(tx) } };
    await tx.query("UPDATE issuer_keys SET state = 'withdrawn', withdrawn_at = $2 WHERE did = $1", [did, now]);
    return { response: { keys: await listKeys(tx) }, audit: [{ actor: request.by, entity: 'issuerKey', entityId: did, action: 'withdrawn' }] };
  });
}

/** The keys as a backup holds them (private halves included: a restored hub must sign and verify as before). */
export interface BackupKey {
  did: string;
  publicJwk: JsonWebKey;
  privateJwk: JsonWebKey;
  state: KeyState;
  createdAt: number;
  retiredAt?: number;
  withdrawnAt?: number;
}

export async function exportKeys(tx: Sql): Promise<BackupKey[]> {
  const { rows } = await tx.query<KeyRow>('SELECT * FROM issuer_keys ORDER BY created_at, did');
  return rows.map((row) => ({
    did: row.did,
    publicJwk: row.public_jwk,
    privateJwk: row.private_jwk,
    state: row.state,
    createdAt: row.created_at,
    ...(row.retired_at === null ? {} : { retiredAt: row.retired_at }),
    ...(row.withdrawn_at === null ? {} : { withdrawnAt: row.withdrawn_at }),
  }));
}

/**
 * Adds a backup's keys to the hub's, never removing one: the hub's current key stays current (a key
 * current in the backup comes in retired), and a key withdrawn on either side stays withdrawn.
 */
export async function mergeKeys(tx: Sql, keys: readonly BackupKey[], now: number): Promise<void> {
  for (const key of keys) {
    const state: KeyState = key.state === 'current' ? 'retired' : key.state;
    await tx.query(
      `INSERT INTO issuer_keys (did, public_jwk, private_jwk, state, created_at, retired_at, withdrawn_at) VALUES ($1, $2::jsonb, $3::jsonb, $4, $5, $6, $7)
       ON CONFLICT (did) DO UPDATE SET state = 'withdrawn', withdrawn_at = coalesce(issuer_keys.withdrawn_at, excluded.withdrawn_at)
         WHERE excluded.state = 'withdrawn' AND issuer_keys.state = 'retired'`,
      [key.did, JSON.stringify(key.publicJwk), JSON.stringify(key.privateJwk), state, key.createdAt, state === 'retired' ? (key.retiredAt ?? now) : (key.retiredAt ?? null), key.withdrawnAt ?? null],
    );
  }
}
