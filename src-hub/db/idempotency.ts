// Idempotency keys: a client makes one key per intent (a tap on "Book") and sends it with every try.
// The key is claimed at the start of the write's transaction and the answer stored at its end, so a
// retry after a lost answer gets the same answer instead of a second booking. A refusal rolls the
// claim back with everything else: nothing was written, so a retry is simply judged again.
import { createHash } from 'node:crypto';
import { HubRequestError } from '../service';
import type { Sql } from './sql';

/** How long an answer is kept for retries: far longer than any client keeps retrying. */
const IDEMPOTENCY_KEEP_MS = 7 * 86_400_000;

/** A fingerprint of what was asked (route and body, without the key), to tell a retry from a reuse. */
export function requestHash(route: string, request: unknown): string {
  return createHash('sha256').update(`${route}\n${stableJson(request)}`).digest('base64url');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([key, item]) => item !== undefined && key !== 'idempotencyKey');
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Claims `key` for this request, or returns the stored answer of an earlier request with the same
 * key and the same body. A concurrent request holding the key makes this wait until it commits or
 * rolls back (ON CONFLICT waits for the other insert), so two tries never both write.
 */
export async function claimKey(tx: Sql, key: string, route: string, hash: string, at: number): Promise<{ replay: unknown } | undefined> {
  const claimed = await tx.query('INSERT INTO idempotency (key, route, request_hash, at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING RETURNING key', [key, route, hash, at]);
  if (claimed.rows.length > 0) return undefined;
  const { rows } = await tx.query<{ route: string; request_hash: string; response: unknown }>('SELECT route, request_hash, response FROM idempotency WHERE key = $1', [key]);
  const stored = rows[0];
  if (!stored || stored.route !== route || stored.request_hash !== hash) {
    throw new HubRequestError(409, 'idempotency-conflict', 'This idempotency key was already used for a different request; make a new key for a new intent.');
  }
  return { replay: stored.response };
}

/** Forgets answers older than IDEMPOTENCY_KEEP_MS. */
export async function pruneIdempotency(sql: Sql, now: number): Promise<void> {
  await sql.query('DELETE FROM idempotency WHERE at < $1', [now - IDEMPOTENCY_KEEP_MS]);
}
