// Open Badges 3.0 credentials without accounts (issue 12): the one module that builds, signs, reads and
// verifies them, shared by the hub (issues), the follow-up page (the phone's wallet) and the kiosk
// (checks a shown badge). Isomorphic: Node 20 and Chromium, no Node built-ins.
//
// Securing mechanism: VC-JOSE (W3C "Securing Verifiable Credentials using JOSE and COSE"): the credential
// JSON (VC Data Model 2.0, type OpenBadgeCredential) is the payload of a compact JWS, `typ: vc+ld+jwt`…
// see the implementation notes below each function. Signatures are Ed25519 (`alg: EdDSA`); keys are
// did:key (multicodec ed25519-pub, base58btc).
//
// THIS FILE IS THE AGREED CONTRACT. The bodies marked NOT BUILT are written by the badge-core helper.
import type { Achievement, Locale } from '../model';

export const VC2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** An Ed25519 key pair as JWKs (OKP, crv Ed25519), with its did:key. The private half only on the hub. */
export interface IssuerKeyPair {
  /** "did:key:z6Mk…" */
  did: string;
  publicJwk: JsonWebKey;
  privateJwk: JsonWebKey;
}

/** A key the site trusts for its badges: the current one and retired ones that still verify what they signed. */
export interface TrustedKey {
  did: string;
  state: 'current' | 'retired';
}

/** What the hub publishes at /badges/issuer.json and a verifier needs to trust a badge of this site. */
export interface IssuerDocument {
  name: string;
  url?: string;
  /** Keys rotated out are absent: a badge they signed no longer verifies. */
  keys: TrustedKey[];
}

/** The JSON of an OpenBadgeCredential as issued (VC Data Model 2.0). Loosely typed: it is read from outside. */
export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: { id: string; type: string[]; name: string; url?: string };
  validFrom: string;
  validUntil?: string;
  name: string;
  credentialSubject: {
    id: string;
    type: string[];
    achievement: {
      id: string;
      type: string[];
      name: string;
      description: string;
      criteria: { narrative: string };
      image?: { id: string; type: 'Image' };
      alignment?: { type: string[]; targetName: string; targetUrl: string; targetFramework?: string; targetCode?: string; targetDescription?: string }[];
      [key: string]: unknown;
    };
  };
  credentialStatus?: { id: string; type: 'BitstringStatusListEntry'; statusPurpose: 'revocation'; statusListIndex: string; statusListCredential: string };
  [key: string]: unknown;
}

export interface CredentialInput {
  /** "urn:uuid:…" */
  id: string;
  issuer: { did: string; name: string; url?: string };
  achievement: Achievement;
  /** Where the achievement's public description lives, e.g. "https://hub.example.org/badges/achievements/coder". */
  achievementUrl: string;
  /** Absolute URL of the achievement image, when it has one. */
  imageUrl?: string;
  /** The language the texts are taken from (falls back to the site's default locale). */
  locale: Locale;
  defaultLocale: Locale;
  /** The holder's did:key (the phone's key). */
  subjectDid: string;
  validFrom: number;
  validUntil?: number;
  status?: { listUrl: string; index: number };
}

/** Why a check passed or failed, for people: code for the UI's words, detail in English for logs. */
export interface VerificationCheck {
  id: 'format' | 'signature' | 'issuer' | 'expiry' | 'revocation';
  /** null: not checked (e.g. revocation while offline, or after an earlier failure). */
  ok: boolean | null;
  detail: string;
}

export interface Verification {
  valid: boolean;
  credential?: OpenBadgeCredential;
  /** The did of the key that signed it (from the JWS header `kid`). */
  signedBy?: string;
  checks: VerificationCheck[];
}

export interface VerifyOptions {
  /** The site's issuer document (or its keys): who is trusted. */
  trusted: readonly TrustedKey[];
  now: number;
  /** Fetches a status list credential (compact JWS) by URL; absent or null result: revocation not checked. */
  statusList?: (url: string) => Promise<string | null>;
}

/** A phone's key: WebCrypto Ed25519, non-extractable where the browser allows. */
export interface HolderKey {
  did: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

const notBuilt = (name: string): never => {
  throw new Error(`core/badges: ${name} is not built yet`);
};

/** A fresh Ed25519 issuer key pair (hub, on first start and on rotation). NOT BUILT */
export function generateIssuerKey(): Promise<IssuerKeyPair> {
  return notBuilt('generateIssuerKey');
}

/** The credential JSON for an achievement, unsigned. Pure. NOT BUILT */
export function buildCredential(input: CredentialInput): OpenBadgeCredential {
  return notBuilt(`buildCredential(${input.id})`);
}

/** Signs a credential: compact JWS (header alg EdDSA, kid "<did>#<fragment>", typ "vc+jwt", cty "vc"). NOT BUILT */
export function signCredential(credential: OpenBadgeCredential, key: IssuerKeyPair): Promise<string> {
  return notBuilt(`signCredential(${credential.id}, ${key.did})`);
}

/** Reads a credential without verifying it (for display); throws BadgeFormatError with words on nonsense. NOT BUILT */
export function readCredential(jws: string): { credential: OpenBadgeCredential; signedBy: string } {
  return notBuilt(`readCredential(${jws.length})`);
}

/** Verifies format, signature, issuer trust, validity period and revocation. Never throws. NOT BUILT */
export function verifyCredential(jws: string, options: VerifyOptions): Promise<Verification> {
  return notBuilt(`verifyCredential(${jws.length}, ${options.now})`);
}

/** A signed BitstringStatusListCredential (revocation) as a compact JWS. NOT BUILT */
export function signStatusList(input: { url: string; issuer: { did: string; name: string }; revoked: readonly number[]; length: number; now: number }, key: IssuerKeyPair): Promise<string> {
  return notBuilt(`signStatusList(${input.url}, ${key.did})`);
}

/** A new phone key (WebCrypto Ed25519, non-extractable). NOT BUILT */
export function generateHolderKey(): Promise<HolderKey> {
  return notBuilt('generateHolderKey');
}

/** Proof that the phone holds its key, sent with a claim: a compact JWS over the claim token. NOT BUILT */
export function signClaimProof(token: string, holder: HolderKey, now: number): Promise<string> {
  return notBuilt(`signClaimProof(${token}, ${holder.did}, ${now})`);
}

/** Checks a claim proof; answers the holder's did, or throws BadgeFormatError with words. NOT BUILT */
export function verifyClaimProof(proof: string, token: string, now: number): Promise<string> {
  return notBuilt(`verifyClaimProof(${proof.length}, ${token}, ${now})`);
}

/** The short text of the phone's presentation QR: the credential and a fresh holder signature. NOT BUILT */
export function encodePresentation(jws: string, holder: HolderKey, now: number): Promise<string> {
  return notBuilt(`encodePresentation(${jws.length}, ${holder.did}, ${now})`);
}

/**
 * Reads a presentation QR: the credential (to verify with verifyCredential) once the holder's signature
 * checks, is by the credential's subject and is fresh. Throws BadgeFormatError with words. NOT BUILT
 */
export function decodePresentation(text: string, now: number): Promise<{ jws: string; holderDid: string; at: number }> {
  return notBuilt(`decodePresentation(${text.length}, ${now})`);
}

/** A problem with a credential, claim proof or presentation, in words a person can act on. */
export class BadgeFormatError extends Error {
  override name = 'BadgeFormatError';
}

