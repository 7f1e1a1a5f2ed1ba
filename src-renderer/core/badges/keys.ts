// Key generation with WebCrypto Ed25519 (Node 20 and Chromium 137+ both have it).
import { base64urlnopad } from '@scure/base';
import type { HolderKey, IssuerKeyPair } from './index';
import { didFromJwk, didFromPublicKey } from './didkey';

const ED25519 = { name: 'Ed25519' } as const;

/** Issuer keys are extractable: the hub stores them and includes them in backups. */
export async function generateIssuerKey(): Promise<IssuerKeyPair> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const priv = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const publicJwk: JsonWebKey = { kty: 'OKP', crv: 'Ed25519', x: priv.x };
  const privateJwk: JsonWebKey = { kty: 'OKP', crv: 'Ed25519', x: priv.x, d: priv.d };
  return { did: didFromJwk(publicJwk), publicJwk, privateJwk };
}

/** A phone's key: the private half cannot be exported (IndexedDB stores the CryptoKey itself). */
export async function generateHolderKey(): Promise<HolderKey> {
  const pair = (await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { did: didFromPublicKey(raw), privateKey: pair.privateKey, publicKey: pair.publicKey };
}

export async function importPublicKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new Uint8Array(raw), ED25519, true, ['verify']);
}

export const b64u = base64urlnopad;
