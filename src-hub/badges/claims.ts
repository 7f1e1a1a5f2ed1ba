// Claim QRs, issued badges and their revocation lists. A host opens a claim for one session; a phone
// claims with its token and a proof of its own key, and gets a credential for that key. Counting is
// done under the claim row's lock, so concurrent claims never pass `max_claims`. Per issued badge the
// hub keeps only what revocation needs (badges_issued): no holder did, no name, no address.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { buildCredential, signCredential, type IssuerKeyPair } from '../../src-renderer/core/badges';
import type { BadgeClaimInfo, BadgeClaimStatus, CloseBadgeClaimRequest, IssuedBadge, OpenBadgeClaimRequest, RevokeBadgeRequest } from '../../src-renderer/core/hub/contract';
import type { Achievement, Locale } from '../../src-renderer/core/model';
import { actorLabel } from '../../src-renderer/core/rows';
import { appendChanges } from '../db/changes';
import type { StoreContext } from '../db/context';
import { newId } from '../db/ids';
import { sqlState, UNIQUE_VIOLATION, type Sql } from '../db/sql';
import { runWrite } from '../db/write';
import { HubRequestError } from '../service';
import { currentKey } from './keys';
import { BadgeRefused } from './refusal';

/** Entries per status list (16 KiB of bits, the Bitstring Status List spec's minimum for herd privacy). */
export const STATUS_LIST_LENGTH = 131_072;
/** A list takes new badges until half its entries are used: random draws then rarely hit a used one. */
const LIST_FILL = STATUS_LIST_LENGTH / 2;
const CLAIM_ATTEMPTS = 4;
/** Claims staff see: those opened in the last two weeks, and any still open. */
const RECENT_MS = 14 * 86_400_000;
const MAX_LISTED = 500;

interface ClaimRow {
  id: string;
  token: string;
  achievement_id: string;
  activity_id: string;
  session_start: number;
  opened_by: string;
  opened_at: number;
  expires_at: number;
  max_claims: number;
  claims: number;
  closed_at: number | null;
}

interface IssuedRow {
  id: string;
  claim_id: string;
  achievement_id: string;
  activity_id: string;
  session_start: number;
  issued_at: number;
  key_did: string;
  status_list: number;
  status_index: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

export function claimState(row: Pick<ClaimRow, 'closed_at' | 'expires_at' | 'claims' | 'max_claims'>, now: number): BadgeClaimStatus['state'] {
  if (row.closed_at !== null) return 'closed';
  if (now >= row.expires_at) return 'expired';
  if (row.claims >= row.max_claims) return 'full';
  return 'open';
}

/** The QR's address: the follow-up page, which claims with the token in its fragment (never sent to a server log). */
export function claimUrl(followUpBaseUrl: string, token: string): string {
  return `${followUpBaseUrl}#claim=${token}`;
}

function claimStatus(row: ClaimRow, now: number, followUpBaseUrl: string): BadgeClaimStatus {
  return {
    id: row.id,
    token: row.token,
    url: claimUrl(followUpBaseUrl, row.token),
    achievementId: row.achievement_id,
    activityId: row.activity_id,
    sessionStart: row.session_start,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    expiresAt: row.expires_at,
    maxClaims: row.max_claims,
    claims: row.claims,
    state: claimState(row, now),
  };
}

function issuedBadge(row: IssuedRow): IssuedBadge {
  return {
    id: row.id,
    claimId: row.claim_id,
    achievementId: row.achievement_id,
    activityId: row.activity_id,
    sessionStart: row.session_start,
    issuedAt: row.issued_at,
    keyDid: row.key_did,
    statusList: row.status_list,
    statusIndex: row.status_index,
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    ...(row.revoked_by === null ? {} : { revokedBy: row.revoked_by }),
  };
}

/** Recent and open claims, newest first; `visible` narrows them to an organisation's activities. */
export async function listClaims(sql: Sql, now: number, followUpBaseUrl: string, visible: (activityId: string) => boolean): Promise<BadgeClaimStatus[]> {
  const { rows } = await sql.query<ClaimRow>('SELECT * FROM badge_claims WHERE opened_at >= $1 OR (closed_at IS NULL AND expires_at > $2) ORDER BY opened_at DESC, id LIMIT $3', [
    now - RECENT_MS,
    now,
    MAX_LISTED,
  ]);
  return rows.filter((row) => visible(row.activity_id)).map((row) => claimStatus(row, now, followUpBaseUrl));
}

export async function claimById(sql: Sql, id: string): Promise<{ activityId: string } | undefined> {
  const { rows } = await sql.query<{ activity_id: string }>('SELECT activity_id FROM badge_claims WHERE id = $1', [id]);
  return rows[0] && { activityId: rows[0].activity_id };
}

/** Opens a claim QR (the session and the badge rule were checked by the caller against the offer). */
export async function openClaim(ctx: StoreContext, request: OpenBadgeClaimRequest, settings: { minutes: number; maxClaims: number; followUpBaseUrl: string }): Promise<{ claim: BadgeClaimStatus }> {
  return runWrite(ctx, { route: 'openBadgeClaim', key: request.idempotencyKey, request }, async (tx, now) => {
    const row: ClaimRow = {
      id: newId('bcl'),
      // 192 random bits: the QR's only secret.
      token: randomBytes(24).toString('base64url'),
      achievement_id: request.achievementId,
      activity_id: request.activityId,
      session_start: request.sessionStart,
      opened_by: actorLabel(request.by),
      opened_at: now,
      expires_at: now + settings.minutes * 60_000,
      max_claims: settings.maxClaims,
      claims: 0,
      closed_at: null,
    };
    await tx.query(
      `INSERT INTO badge_claims (id, token, achievement_id, activity_id, session_start, opened_by, opened_at, expires_at, max_claims, claims)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0)`,
      [row.id, row.token, row.achievement_id, row.activity_id, row.session_start, row.opened_by, row.opened_at, row.expires_at, row.max_claims],
    );
    const claim = claimStatus(row, now, settings.followUpBaseUrl);
    const { token: _token, url: _url, ...detail } = claim;
    return {
      response: { claim },
      // The audit log reaches every screen: it names the claim, never its token.
      audit: [{ actor: request.by, entity: 'badgeClaim', entityId: row.id, action: 'opened', after: detail }],
    };
  });
}

export async function closeClaim(ctx: StoreContext, id: string, request: CloseBadgeClaimRequest, followUpBaseUrl: string): Promise<{ claim: BadgeClaimStatus }> {
  return runWrite(ctx, { route: 'closeBadgeClaim', key: request.idempotencyKey, request: { ...request, id } }, async (tx, now) => {
    const { rows } = await tx.query<ClaimRow>('SELECT * FROM badge_claims WHERE id = $1 FOR UPDATE', [id]);
    const row = rows[0];
    if (!row) throw new HubRequestError(404, 'not-found', `There is no claim "${id}".`);
    if (row.closed_at !== null) return { response: { claim: claimStatus(row, now, followUpBaseUrl) } };
    await tx.query('UPDATE badge_claims SET closed_at = $2 WHERE id = $1', [id, now]);
    // Nobody can claim any more: what told phones apart goes.
    await tx.query('DELETE FROM badge_claim_holders WHERE claim_id = $1', [id]);
    const closed = { ...row, closed_at: now };
    return { response: { claim: claimStatus(closed, now, followUpBaseUrl) }, audit: [{ actor: request.by, entity: 'badgeClaim', entityId: id, action: 'closed', detail: { claims: row.claims } }] };
  });
}

/** Forgets which phones claimed once a claim has ended (closed claims forget at once). */
export async function pruneClaimHolders(sql: Sql, now: number): Promise<void> {
  await sql.query('DELETE FROM badge_claim_holders h USING badge_claims c WHERE h.claim_id = c.id AND (c.closed_at IS NOT NULL OR c.expires_at <= $1)', [now]);
}

export async function claimInfo(sql: Sql, token: string, now: number): Promise<BadgeClaimInfo | undefined> {
  const { rows } = await sql.query<ClaimRow>('SELECT * FROM badge_claims WHERE token = $1', [token]);
  const row = rows[0];
  if (!row) return undefined;
  return { state: claimState(row, now), achievementId: row.achievement_id, activityId: row.activity_id, sessionStart: row.session_start, expiresAt: row.expires_at };
}

export interface IssueContext {
  /** The achievement as the config defines it now, or undefined when it was removed. */
  achievement(id: string): Achievement | undefined;
  issuer: { name: string; url?: string };
  /** The hub's public address as the phone reached it, e.g. "https://hub.example.org". */
  base: string;
  locale: Locale;
  defaultLocale: Locale;
}

const REFUSALS: Record<Exclude<BadgeClaimStatus['state'], 'open'>, string> = {
  closed: 'The host has closed this claim QR. Ask the host to open a new one.',
  expired: 'This claim QR has expired. Ask the host to open a new one.',
  full: 'Everyone this claim QR was for has claimed the badge already. Ask the host if you should have had one.',
};

/**
 * Issues a badge for `holderDid` (whose proof the caller has checked) with the claim `token`. A phone
 * that claimed with this token before gets its badge again (the same credential id and status entry),
 * so a lost answer costs no second place.
 */
export async function claimBadge(ctx: StoreContext, token: string, holderDid: string, issue: IssueContext): Promise<{ credential: string; badgeId: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await ctx.sql.transaction(async (tx) => {
        const now = ctx.now();
        const { rows } = await tx.query<ClaimRow>('SELECT * FROM badge_claims WHERE token = $1 FOR UPDATE', [token]);
        const claim = rows[0];
        if (!claim) throw new HubRequestError(404, 'not-found', 'This claim code is not known here. Scan the QR the host shows again.');
        const holderHash = createHash('sha256').update(`${claim.id}\n${holderDid}`).digest('base64url');
        const before = await tx.query<IssuedRow>('SELECT b.* FROM badge_claim_holders h JOIN badges_issued b ON b.id = h.badge_id WHERE h.claim_id = $1 AND h.holder_hash = $2', [claim.id, holderHash]);
        const earlier = before.rows[0];
        if (earlier) {
          const key = await keyFor(tx, earlier.key_did);
          return { credential: await sign(earlier, holderDid, key, issue), badgeId: earlier.id, appended: false };
        }
        const state = claimState(claim, now);
        if (state !== 'open') throw new BadgeRefused(409, state, REFUSALS[state]);
        if (!issue.achievement(claim.achievement_id)) throw new BadgeRefused(409, 'rules', 'This badge is no longer awarded at this site. Ask the host.');
        const counted = await tx.query('UPDATE badge_claims SET claims = claims + 1 WHERE id = $1 AND claims < max_claims RETURNING claims', [claim.id]);
        if (counted.rows.length === 0) throw new BadgeRefused(409, 'full', REFUSALS.full);
        const key = await currentKey(tx);
        const { list, index } = await drawStatusEntry(tx);
        const row: IssuedRow = {
          id: `urn:uuid:${randomUUID()}`,
          claim_id: claim.id,
          achievement_id: claim.achievement_id,
          activity_id: claim.activity_id,
          session_start: claim.session_start,
          issued_at: now,
          key_did: key.did,
          status_list: list,
          status_index: index,
          revoked_at: null,
          revoked_by: null,
        };
        await tx.query(
          `INSERT INTO badges_issued (id, claim_id, achievement_id, activity_id, session_start, issued_at, key_did, status_list, status_index)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [row.id, row.claim_id, row.achievement_id, row.activity_id, row.session_start, row.issued_at, row.key_did, row.status_list, row.status_index],
        );
        await tx.query('INSERT INTO badge_claim_holders (claim_id, holder_hash, badge_id) VALUES ($1, $2, $3)', [claim.id, holderHash, row.id]);
        // Signed before the commit: a credential that cannot be made takes no place.
        const credential = await sign(row, holderDid, key, issue);
        await appendChanges(
          tx,
          now,
          { audit: [{ actor: 'system', entity: 'badge', entityId: row.id, action: 'issued', detail: { claimId: claim.id, achievementId: row.achievement_id, activityId: row.activity_id } }], changes: [], idempotencyKey: undefined },
          () => undefined,
        );
        return { credential, badgeId: row.id, appended: true };
      });
      if (result.appended) ctx.committed();
      return { credential: result.credential, badgeId: result.badgeId };
    } catch (error) {
      // Two claims drew the same status entry at once: the later one draws again.
      if (sqlState(error) === UNIQUE_VIOLATION && attempt < CLAIM_ATTEMPTS) continue;
      throw error;
    }
  }
}

async function keyFor(tx: Sql, did: string): Promise<IssuerKeyPair> {
  const { rows } = await tx.query<{ did: string; public_jwk: JsonWebKey; private_jwk: JsonWebKey; state: string }>('SELECT did, public_jwk, private_jwk, state FROM issuer_keys WHERE did = $1', [did]);
  const row = rows[0];
  if (!row || row.state === 'withdrawn') throw new BadgeRefused(409, 'rules', 'The key this badge was signed with has been withdrawn; ask the host to award it again.');
  return { did: row.did, publicJwk: row.public_jwk, privateJwk: row.private_jwk };
}

async function sign(row: IssuedRow, holderDid: string, key: IssuerKeyPair, issue: IssueContext): Promise<string> {
  const achievement = issue.achievement(row.achievement_id);
  if (!achievement) throw new BadgeRefused(409, 'rules', 'This badge is no longer awarded at this site. Ask the host.');
  const validDays = achievement.validDays;
  const credential = buildCredential({
    id: row.id,
    issuer: { did: key.did, ...issue.issuer },
    achievement,
    achievementUrl: achievementUrl(issue.base, achievement.id),
    ...imageOf(achievement, issue.base),
    locale: issue.locale,
    defaultLocale: issue.defaultLocale,
    subjectDid: holderDid,
    validFrom: row.issued_at,
    ...(validDays === undefined ? {} : { validUntil: row.issued_at + validDays * 86_400_000 }),
    status: { listUrl: statusListUrl(issue.base, row.status_list), index: row.status_index },
  });
  return signCredential(credential, key);
}

export function achievementUrl(base: string, id: string): string {
  return `${base}/badges/achievements/${encodeURIComponent(id)}`;
}

/** The image's address beside the achievement's: `<achievement url>.svg` (stays put if the file is renamed but keeps its type). */
export function imageOf(achievement: Achievement, base: string): { imageUrl?: string } {
  const extension = achievement.image?.split('.').pop()?.toLowerCase();
  return extension === undefined ? {} : { imageUrl: `${achievementUrl(base, achievement.id)}.${extension}` };
}

export function statusListUrl(base: string, list: number): string {
  return `${base}/badges/status/${list}`;
}

/** A random unused entry of the newest list that is not half full yet (herd privacy: no order to read). */
async function drawStatusEntry(tx: Sql): Promise<{ list: number; index: number }> {
  const { rows } = await tx.query<{ list: number; used: number }>('SELECT status_list AS list, count(*) AS used FROM badges_issued GROUP BY status_list ORDER BY status_list DESC LIMIT 1');
  const newest = rows[0];
  const list = newest === undefined ? 1 : Number(newest.used) >= LIST_FILL ? newest.list + 1 : newest.list;
  for (;;) {
    const index = randomInt(STATUS_LIST_LENGTH);
    const taken = await tx.query('SELECT 1 FROM badges_issued WHERE status_list = $1 AND status_index = $2', [list, index]);
    if (taken.rows.length === 0) return { list, index };
  }
}

/** Issued badges, newest first, narrowed by claim or activity and to what `visible` lets through. */
export async function listIssued(sql: Sql, filter: { claimId?: string; activityId?: string }, visible: (activityId: string) => boolean): Promise<IssuedBadge[]> {
  const { rows } = await sql.query<IssuedRow>(
    'SELECT * FROM badges_issued WHERE ($1::text IS NULL OR claim_id = $1) AND ($2::text IS NULL OR activity_id = $2) ORDER BY issued_at DESC, id LIMIT $3',
    [filter.claimId ?? null, filter.activityId ?? null, MAX_LISTED],
  );
  return rows.filter((row) => visible(row.activity_id)).map(issuedBadge);
}

export async function issuedById(sql: Sql, id: string): Promise<{ activityId: string } | undefined> {
  const { rows } = await sql.query<{ activity_id: string }>('SELECT activity_id FROM badges_issued WHERE id = $1', [id]);
  return rows[0] && { activityId: rows[0].activity_id };
}

/** Revokes a badge: its status list entry is set from now on. Revoking twice changes nothing. */
export async function revokeBadge(ctx: StoreContext, id: string, request: RevokeBadgeRequest): Promise<{ badge: IssuedBadge }> {
  return runWrite(ctx, { route: 'revokeBadge', key: request.idempotencyKey, request: { ...request, id } }, async (tx, now) => {
    const { rows } = await tx.query<IssuedRow>('SELECT * FROM badges_issued WHERE id = $1 FOR UPDATE', [id]);
    const row = rows[0];
    if (!row) throw new HubRequestError(404, 'not-found', `The hub issued no badge "${id}".`);
    if (row.revoked_at !== null) return { response: { badge: issuedBadge(row) } };
    const revoked = { ...row, revoked_at: now, revoked_by: actorLabel(request.by) };
    await tx.query('UPDATE badges_issued SET revoked_at = $2, revoked_by = $3 WHERE id = $1', [id, revoked.revoked_at, revoked.revoked_by]);
    return {
      response: { badge: issuedBadge(revoked) },
      audit: [{ actor: request.by, entity: 'badge', entityId: id, action: 'revoked', detail: { achievementId: row.achievement_id, activityId: row.activity_id, ...(request.reason ? { reason: request.reason } : {}) } }],
    };
  });
}

/** The revoked entries of a status list, or undefined for a list that does not exist (list 1 always does). */
export async function revokedEntries(sql: Sql, list: number): Promise<number[] | undefined> {
  const { rows } = await sql.query<{ status_index: number | null }>(
    `SELECT b.status_index FROM (SELECT 1) AS one
       LEFT JOIN badges_issued b ON b.status_list = $1 AND b.revoked_at IS NOT NULL
      WHERE $1 = 1 OR EXISTS (SELECT 1 FROM badges_issued WHERE status_list = $1)
      ORDER BY b.status_index`,
    [list],
  );
  if (rows.length === 0) return undefined;
  return rows.flatMap((row) => (row.status_index === null ? [] : [Number(row.status_index)]));
}

/** Claims and issued badges as a backup holds them (the holder hashes are not kept). */
export interface BadgeRows {
  claims: ClaimRow[];
  issued: IssuedRow[];
}

export async function exportBadgeRows(tx: Sql): Promise<BadgeRows> {
  const claims = (await tx.query<ClaimRow>('SELECT * FROM badge_claims ORDER BY opened_at, id')).rows;
  const issued = (await tx.query<IssuedRow>('SELECT * FROM badges_issued ORDER BY issued_at, id')).rows;
  return { claims, issued };
}

/**
 * Adds a backup's claims and issued badges to the hub's, never removing one: a badge out on a phone
 * must keep its status entry (a restored older backup would otherwise hand that entry to a new
 * badge), and a revocation on either side stays.
 */
export async function mergeBadgeRows(tx: Sql, rows: BadgeRows): Promise<void> {
  if (rows.claims.length > 0) {
    await tx.query(
      `INSERT INTO badge_claims (id, token, achievement_id, activity_id, session_start, opened_by, opened_at, expires_at, max_claims, claims, closed_at)
       SELECT r->>'id', r->>'token', r->>'achievement_id', r->>'activity_id', (r->>'session_start')::bigint, r->>'opened_by', (r->>'opened_at')::bigint,
              (r->>'expires_at')::bigint, (r->>'max_claims')::integer, (r->>'claims')::integer, (r->>'closed_at')::bigint
         FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows.claims)],
    );
  }
  if (rows.issued.length > 0) {
    const clash = await tx.query<{ id: string }>(
      `SELECT b.id FROM badges_issued b JOIN jsonb_array_elements($1::jsonb) AS r
          ON b.status_list = (r->>'status_list')::integer AND b.status_index = (r->>'status_index')::integer AND b.id <> r->>'id' LIMIT 1`,
      [JSON.stringify(rows.issued)],
    );
    if (clash.rows.length > 0) {
      throw new HubRequestError(400, 'restore-refused', 'The backup was not restored: its issued badges use status entries this hub gave to other badges (is it another site\'s backup?). Nothing was changed.', [
        { path: 'badges.issued', message: `a status entry of badge ${clash.rows[0]?.id ?? ''} is taken by another badge here` },
      ]);
    }
    await tx.query(
      `INSERT INTO badges_issued (id, claim_id, achievement_id, activity_id, session_start, issued_at, key_did, status_list, status_index, revoked_at, revoked_by)
       SELECT r->>'id', r->>'claim_id', r->>'achievement_id', r->>'activity_id', (r->>'session_start')::bigint, (r->>'issued_at')::bigint, r->>'key_did',
              (r->>'status_list')::integer, (r->>'status_index')::integer, (r->>'revoked_at')::bigint, r->>'revoked_by'
         FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT (id) DO UPDATE SET revoked_at = coalesce(badges_issued.revoked_at, excluded.revoked_at), revoked_by = coalesce(badges_issued.revoked_by, excluded.revoked_by)`,
      [JSON.stringify(rows.issued)],
    );
  }
}
