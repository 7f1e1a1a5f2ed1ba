// The phone as a wallet (issue 12): claims a badge with a host's QR, keeps it, verifies it and shows it.
// Only the badge pages import this module, and they are loaded on demand (App.svelte), so neither the
// credential code (core/badges) nor Dexie is in the first download of a path page.
//
// The hub is the site that serves this page (at <hub>/follow/); its public badge routes
// (core/hub/routes.ts) sit one folder up. Nothing here sends a name, an e-mail or any device
// identifier: the claim carries the token and a proof by the phone's own key, nothing else.
import { encodePresentation, generateHolderKey, readCredential, signClaimProof, verifyCredential, type HolderKey, type IssuerDocument, type TrustedKey, type Verification } from '../core/badges';
import type { BadgeClaimInfo, ClaimBadgeResponse } from '../core/hub/contract';
import { routePath } from '../core/hub/routes';
import { isClaimToken } from './route';
import { problemOfResponse, problemOfState, type ClaimProblem } from './badge-view';
import * as db from './wallet-db';
import type { StoredBadge } from './wallet-db';

export type { StoredBadge } from './wallet-db';

const NETWORK_TIMEOUT_MS = 8_000;

/** An address of the hub that serves this page: `/badges/…` resolves beside `/follow/`. */
export function hubUrl(path: string, page: string = location.href): string {
  return new URL(`..${path}`, page).href;
}

function hubOrigin(): string {
  return new URL(hubUrl('/')).origin;
}

async function hubFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NETWORK_TIMEOUT_MS);
  try {
    return await fetch(hubUrl(path), { ...init, credentials: 'omit', cache: 'no-store', signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

export type ClaimInfoResult = { ok: true; info: BadgeClaimInfo } | { ok: false; problem: ClaimProblem };

/** What the claim QR is for, or why it cannot be claimed. */
export async function claimInfo(token: string): Promise<ClaimInfoResult> {
  if (!isClaimToken(token)) return { ok: false, problem: 'unknown' };
  let response: Response;
  try {
    response = await hubFetch(routePath('badgeClaimInfo', { token }));
  } catch {
    return { ok: false, problem: 'offline' };
  }
  const body = await jsonOf(response);
  if (!response.ok) return { ok: false, problem: problemOfResponse(response.status, body) };
  const info = body as BadgeClaimInfo | undefined;
  if (!info || typeof info.achievementId !== 'string') return { ok: false, problem: 'hub' };
  const problem = problemOfState(info.state);
  return problem ? { ok: false, problem } : { ok: true, info };
}

/** The phone's key, made on the first claim and kept (never sent; only its did travels, in the proof). */
export async function holderKey(): Promise<HolderKey> {
  const stored = await db.keepHolderKey(async () => {
    const made = await generateHolderKey();
    return { did: made.did, privateKey: made.privateKey, publicKey: made.publicKey, createdAt: Date.now() };
  });
  return { did: stored.did, privateKey: stored.privateKey, publicKey: stored.publicKey };
}

export type ClaimResult = { ok: true; badge: StoredBadge } | { ok: false; problem: ClaimProblem };

/** Claims the badge: a proof of the phone's key over the token, the hub's credential back, kept on the phone. */
export async function claim(token: string): Promise<ClaimResult> {
  if (!isClaimToken(token)) return { ok: false, problem: 'unknown' };
  const key = await holderKey();
  const proof = await signClaimProof(token, key, Date.now());
  let response: Response;
  try {
    response = await hubFetch(routePath('claimBadge'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token, proof }) });
  } catch {
    return { ok: false, problem: 'offline' };
  }
  const body = await jsonOf(response);
  if (!response.ok) return { ok: false, problem: problemOfResponse(response.status, body) };
  const jws = (body as ClaimBadgeResponse | undefined)?.credential;
  if (typeof jws !== 'string') return { ok: false, problem: 'hub' };
  let badge: StoredBadge;
  try {
    badge = storedBadgeOf(jws, Date.now());
  } catch {
    return { ok: false, problem: 'hub' };
  }
  // A credential for another key would be useless here (it could never be shown): refuse to keep it.
  if (readCredential(jws).credential.credentialSubject.id !== key.did) return { ok: false, problem: 'hub' };
  await db.keepBadge(badge);
  return { ok: true, badge };
}

/** The row the wallet keeps for a credential (throws BadgeFormatError for a JWS that is not one). */
export function storedBadgeOf(jws: string, receivedAt: number): StoredBadge {
  const { credential } = readCredential(jws);
  const validFrom = Date.parse(credential.validFrom);
  const validUntil = credential.validUntil ? Date.parse(credential.validUntil) : NaN;
  return {
    id: credential.id,
    jws,
    receivedAt,
    achievementId: achievementIdOf(credential.credentialSubject.achievement.id),
    achievementName: credential.credentialSubject.achievement.name,
    issuerName: credential.issuer.name,
    validFrom: Number.isFinite(validFrom) ? validFrom : receivedAt,
    ...(Number.isFinite(validUntil) ? { validUntil } : {}),
  };
}

/** ".../badges/achievements/<id>" → "<id>": how a credential names the site's achievement. */
export function achievementIdOf(url: string): string {
  const last = url.split(/[/#:]/).filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export const listBadges = db.listBadges;
export const getBadge = db.getBadge;
export const removeBadge = db.removeBadge;

export interface TrustResult {
  keys: TrustedKey[];
  /** When the keys were fetched from the hub; undefined: never (this phone has not been online with it). */
  fetchedAt: number | undefined;
  /** Whether this look-up reached the hub. */
  online: boolean;
  issuerName?: string;
}

/** The hub's trusted issuer keys: fresh when reachable (and then kept), else the copy from the last time. */
export async function trustedKeys(): Promise<TrustResult> {
  const origin = hubOrigin();
  try {
    const response = await hubFetch(routePath('badgeIssuer'));
    if (response.ok) {
      const document = (await response.json()) as IssuerDocument;
      const keys = readKeys(document);
      if (keys) {
        const fetchedAt = Date.now();
        await db.keepIssuer({ origin, document, fetchedAt }).catch(() => undefined);
        return { keys, fetchedAt, online: true, issuerName: typeof document.name === 'string' ? document.name : undefined };
      }
    }
  } catch {
    // Offline (or a hub that does not answer): the kept copy below.
  }
  const stored = await db.loadIssuer(origin).catch(() => undefined);
  const keys = stored ? readKeys(stored.document) : undefined;
  const name = stored && typeof (stored.document as IssuerDocument).name === 'string' ? (stored.document as IssuerDocument).name : undefined;
  return { keys: keys ?? [], fetchedAt: keys ? stored?.fetchedAt : undefined, online: false, ...(name ? { issuerName: name } : {}) };
}

function readKeys(document: unknown): TrustedKey[] | undefined {
  if (typeof document !== 'object' || document === null || !Array.isArray((document as IssuerDocument).keys)) return undefined;
  return (document as IssuerDocument).keys.filter((key): key is TrustedKey => typeof key?.did === 'string' && (key.state === 'current' || key.state === 'retired'));
}

export interface CheckedCredential {
  verification: Verification;
  trust: TrustResult;
  /** Whether the status list could be fetched (revocation checked). */
  statusReached: boolean;
}

/** Verifies a credential with what the phone knows: the kept or fresh keys, and the status list when reachable. */
export async function check(jws: string, now = Date.now()): Promise<CheckedCredential> {
  const trust = await trustedKeys();
  let statusReached = false;
  const verification = await verifyCredential(jws, {
    trusted: trust.keys,
    now,
    statusList: async (url) => {
      try {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), NETWORK_TIMEOUT_MS);
        const response = await fetch(url, { credentials: 'omit', cache: 'no-store', signal: controller.signal }).finally(() => clearTimeout(timer));
        if (!response.ok) return null;
        statusReached = true;
        return await response.text();
      } catch {
        return null;
      }
    },
  });
  return { verification, trust, statusReached };
}

/** The presentation QR's text for a held badge: the credential with a fresh signature by this phone's key. */
export async function presentation(jws: string, now = Date.now()): Promise<string> {
  // Never a new key here: a fresh key is not the badge's subject, and the kiosk would rightly refuse it.
  const stored = await db.loadHolderKey();
  if (!stored) throw new Error('This phone no longer has the key the badge was issued to.');
  return encodePresentation(jws, { did: stored.did, privateKey: stored.privateKey, publicKey: stored.publicKey }, now);
}

/** The decoded credential JSON of a held badge, for display and the download. */
export function credentialOf(jws: string): ReturnType<typeof readCredential> {
  return readCredential(jws);
}
