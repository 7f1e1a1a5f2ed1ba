// Open Badges 3.0 credentials without accounts (issue 12): the one module that builds, signs, reads and
// verifies them, shared by the hub (issues), the follow-up page (the phone's wallet) and the kiosk
// (checks a shown badge). Isomorphic: Node 20 and Chromium, no Node built-ins.
//
// Securing mechanism: VC-JOSE (W3C "Securing Verifiable Credentials using JOSE and COSE"): the credential
// JSON (VC Data Model 2.0, type OpenBadgeCredential) is the payload of a compact JWS with the protected
// header { alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: '<did:key>#<multibase>' }. Signatures are Ed25519;
// keys are did:key (multicodec ed25519-pub, base58btc). Revocation: W3C Bitstring Status List v1.0.
//
// THIS FILE IS THE AGREED CONTRACT (types and names); the implementations live beside it:
// didkey.ts (did:key <-> JWK), jws.ts (compact JWS with jose), credential.ts (build, sign, read, verify),
// statuslist.ts (revocation lists), keys.ts (WebCrypto key generation), holder.ts (claim proofs and the
// presentation QR).
import type { Achievement, Locale } from '../model';

export { VC2_CONTEXT, OB3_CONTEXT } from './constants';

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
  /** Format, signature, issuer and expiry passed, and revocation did not fail (null, not checked, still counts as valid). */
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

/** A fresh Ed25519 issuer key pair (hub, on first start and on rotation); extractable, for storage and backup. */
export { generateIssuerKey, generateHolderKey } from './keys';
/**
 * buildCredential: the credential JSON for an achievement, unsigned, pure (texts in `locale`, else the default).
 * signCredential: compact JWS (header alg EdDSA, kid "<did>#<fragment>", typ "vc+jwt", cty "vc").
 * readCredential: reads without verifying (for display); throws BadgeFormatError with words on nonsense.
 * verifyCredential: format, signature, issuer trust, validity period and revocation, in that order. Never throws.
 */
export { buildCredential, signCredential, readCredential, verifyCredential } from './credential';
/** A signed BitstringStatusListCredential (revocation) as a compact JWS; at least 131,072 entries. */
export { signStatusList } from './statuslist';
/**
 * signClaimProof / verifyClaimProof: proof that the phone holds its key, sent with a claim (a compact JWS
 * over { token, iat }); verify answers the holder's did or throws BadgeFormatError with words.
 * encodePresentation / decodePresentation: the short text of the phone's presentation QR (the credential and
 * a fresh holder signature); decode answers the credential (to verify with verifyCredential) once the
 * holder's signature checks, is by the credential's subject and is fresh (10 minutes; 2 minutes ahead).
 */
export { signClaimProof, verifyClaimProof, encodePresentation, decodePresentation } from './holder';
/** did:key helpers (additions to the contract): did <-> JWK and raw public key. */
export { didFromJwk, jwkFromDid, didFromPublicKey, publicKeyFromDid } from './didkey';
/** A problem with a credential, claim proof or presentation, in words a person can act on. */
export { BadgeFormatError } from './errors';
