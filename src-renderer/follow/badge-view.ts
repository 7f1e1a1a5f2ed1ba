// The pure part of the badge pages (issue 12): what a hub's answer to a claim means for the visitor,
// what a pasted or uploaded credential is, the file a badge downloads as, and the words for each
// verification check. No crypto here (core/badges does that, loaded lazily), no DOM, no storage.
import type { VerificationCheck } from '../core/badges';
import type { LearningKey } from './learning-i18n';

/** Why a claim could not be made, as the visitor is told. */
export type ClaimProblem = 'expired' | 'closed' | 'full' | 'unknown' | 'refused' | 'offline' | 'busy' | 'hub';

/** A claim QR's state as the hub answers it (BadgeClaimInfo.state); only "open" can be claimed. */
export function problemOfState(state: unknown): ClaimProblem | undefined {
  if (state === 'open') return undefined;
  if (state === 'expired' || state === 'closed' || state === 'full') return state;
  return 'hub';
}

/**
 * What a refusal from the hub means. The hub answers `{ error, message }` (HubErrorBody), and a badge
 * rule `{ error: 'badge-refused', reason }`: the reason (or else the code) is read first, loosely, then
 * the HTTP status. Anything unforeseen is "refused": the visitor can always ask the host for a new QR.
 */
export function problemOfResponse(status: number, body: unknown): ClaimProblem {
  const field = (name: string) => (typeof body === 'object' && body !== null && name in body && typeof (body as Record<string, unknown>)[name] === 'string' ? String((body as Record<string, unknown>)[name]).toLowerCase() : '');
  // The hub refuses a badge rule as { error: 'badge-refused', reason: expired | closed | full | proof | rules }.
  const reason = field('error') === 'badge-refused' ? field('reason') : '';
  const code = reason || field('error');
  if (code === 'rate-limited' || status === 429) return 'busy';
  if (code.includes('expired')) return 'expired';
  if (code.includes('closed')) return 'closed';
  if (code.includes('full') || code.includes('limit') || code.includes('used-up')) return 'full';
  if (code === 'not-found' || code.includes('unknown') || status === 404) return 'unknown';
  if (code === 'unavailable' || code === 'internal' || status >= 500) return 'hub';
  // 501 is covered above: a hub that does not issue badges yet is "the hub cannot now".
  if (status === 410) return 'expired';
  return 'refused';
}

export const CLAIM_PROBLEM_KEYS: Record<ClaimProblem, { title: LearningKey; body: LearningKey }> = {
  expired: { title: 'claim.expired.title', body: 'claim.expired.body' },
  closed: { title: 'claim.closed.title', body: 'claim.closed.body' },
  full: { title: 'claim.full.title', body: 'claim.full.body' },
  unknown: { title: 'claim.unknown.title', body: 'claim.unknown.body' },
  refused: { title: 'claim.refused.title', body: 'claim.refused.body' },
  offline: { title: 'claim.offline.title', body: 'claim.offline.body' },
  busy: { title: 'claim.busy.title', body: 'claim.busy.body' },
  hub: { title: 'claim.hub.title', body: 'claim.hub.body' },
};

/** Whether trying again can help (a button), or only a new QR from the host can. */
export function canRetry(problem: ClaimProblem): boolean {
  return problem === 'offline' || problem === 'busy' || problem === 'hub';
}

/** A compact JWS: three base64url parts, the last one (the signature) not empty. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_CREDENTIAL_CHARS = 100_000;

export type PastedCredential = { ok: true; jws: string } | { ok: false; reason: 'empty' | 'too-long' | 'not-a-credential' };

/**
 * What someone pasted or uploaded: the compact JWS itself (spaces and line breaks from copying are
 * ignored), the file a badge downloads as (`{ credential, jws }`), or the hub's claim answer
 * (`{ credential: "<jws>" }`). A credential JSON without its JWS proves nothing and is refused.
 */
export function readPastedCredential(text: string): PastedCredential {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_CREDENTIAL_CHARS) return { ok: false, reason: 'too-long' };
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return { ok: false, reason: 'not-a-credential' };
    }
    if (typeof json !== 'object' || json === null) return { ok: false, reason: 'not-a-credential' };
    const record = json as Record<string, unknown>;
    for (const candidate of [record.jws, record.credential, record.proof]) {
      if (typeof candidate === 'string') {
        const compact = candidate.replace(/\s+/g, '');
        if (COMPACT_JWS.test(compact)) return { ok: true, jws: compact };
      }
    }
    return { ok: false, reason: 'not-a-credential' };
  }
  const compact = trimmed.replace(/^"|"$/g, '').replace(/\s+/g, '');
  return COMPACT_JWS.test(compact) ? { ok: true, jws: compact } : { ok: false, reason: 'not-a-credential' };
}

/**
 * The downloaded file: the compact JWS (what a verifier checks; `application/vc+jwt` in VC-JOSE)
 * beside the credential JSON it carries, decoded, so a person or another wallet can read it without
 * a JOSE library. The verify page (and readPastedCredential) accepts the file as it is.
 */
export function credentialFile(credential: unknown, jws: string): string {
  return `${JSON.stringify({ credential, jws, mediaType: 'application/vc+jwt' }, null, 2)}\n`;
}

/** "badge-ensemble-beginner.json": the achievement's name or id, reduced to safe letters. */
export function credentialFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `badge-${slug || 'credential'}.json`;
}

export type CheckOutcome = 'ok' | 'failed' | 'unchecked' | 'offline';

/** A check as the page words it: what was checked and how it went. */
export function checkOutcome(check: VerificationCheck, online: boolean): CheckOutcome {
  if (check.ok === true) return 'ok';
  if (check.ok === false) return 'failed';
  return check.id === 'revocation' && !online ? 'offline' : 'unchecked';
}

export const CHECK_KEYS: Record<VerificationCheck['id'], LearningKey> = {
  format: 'check.format',
  signature: 'check.signature',
  issuer: 'check.issuer',
  expiry: 'check.expiry',
  revocation: 'check.revocation',
};

/** The words after the check's name, per check and outcome. */
export function checkResultKey(id: VerificationCheck['id'], outcome: CheckOutcome): LearningKey {
  if (outcome === 'unchecked') return 'check.unchecked';
  if (outcome === 'offline') return 'check.offline';
  const ok = outcome === 'ok';
  switch (id) {
    case 'format':
      return ok ? 'check.format.ok' : 'check.format.failed';
    case 'signature':
      return ok ? 'check.signature.ok' : 'check.signature.failed';
    case 'issuer':
      return ok ? 'check.issuer.ok' : 'check.issuer.failed';
    case 'expiry':
      return ok ? 'check.expiry.ok' : 'check.expiry.failed';
    case 'revocation':
      return ok ? 'check.revocation.ok' : 'check.revocation.failed';
  }
}

/** An achievement image of the catalogue (a file of the site folder), as the hub serves it at /site/<file>. */
export function achievementImageUrl(file: string | undefined, page: string): string | undefined {
  if (!file || !/^[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png)$/i.test(file)) return undefined;
  return new URL(`../site/${encodeURIComponent(file)}`, page).href;
}

/** A credential's own image, only when it is a web address (never a script or data URL from a stranger's file). */
export function credentialImageUrl(image: unknown): string | undefined {
  const id = typeof image === 'object' && image !== null && 'id' in image ? image.id : image;
  if (typeof id !== 'string') return undefined;
  try {
    const url = new URL(id);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
