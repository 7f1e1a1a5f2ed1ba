// did:key for Ed25519: known vectors from another implementation's test data (ACA-Py), JWK conversions,
// and the words for keys that are not Ed25519 did:keys.
import { base58 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { BadgeFormatError, didFromJwk, didFromPublicKey, generateHolderKey, generateIssuerKey, jwkFromDid, publicKeyFromDid } from '../../../src-renderer/core/badges';

// did:key ↔ publicKeyBase58 pairs from ACA-Py's test DID documents (Ed25519VerificationKey2018).
const VECTORS = [
  ['did:key:z6Mkgg342Ycpuk263R9d8Aq6MUaxPn1DDeHyGo38EefXmgDL', '3Dn1SJNPaCXcvvJvSbsFWP2xaCjMom3can8CQNhWrTRx'],
  ['did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th', '8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K'],
] as const;

describe('did:key', () => {
  it.each(VECTORS)('%s is the did of the key %s', (did, key) => {
    expect(didFromPublicKey(base58.decode(key))).toBe(did);
    expect(publicKeyFromDid(did)).toEqual(base58.decode(key));
    expect(didFromJwk(jwkFromDid(did))).toBe(did);
    expect(publicKeyFromDid(`${did}#${did.slice(8)}`)).toEqual(base58.decode(key));
  });

  it('gives issuer and holder keys a did:key of their public key; the holder\'s private key cannot be exported', async () => {
    const issuer = await generateIssuerKey();
    expect(issuer.did).toMatch(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(jwkFromDid(issuer.did)).toEqual(issuer.publicJwk);
    expect(issuer.privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: issuer.publicJwk.x, d: expect.any(String) });
    const holder = await generateHolderKey();
    expect(holder.did).toMatch(/^did:key:z6Mk/);
    expect(holder.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', holder.privateKey)).rejects.toThrow();
    expect(new Uint8Array(await crypto.subtle.exportKey('raw', holder.publicKey))).toEqual(publicKeyFromDid(holder.did));
  });

  it.each([
    ['did:web:example.org', /not a did:key with a base58btc key/],
    ['did:key:z0OIl', /not valid base58btc/],
    // A P-256 did:key (multicodec 0x1200, "zDn…").
    ['did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169', /only Ed25519 keys/],
  ])('refuses %s with words', (did, words) => {
    expect(() => publicKeyFromDid(did)).toThrow(BadgeFormatError);
    expect(() => publicKeyFromDid(did)).toThrow(words);
  });

  it('refuses a JWK that is not Ed25519', () => {
    expect(() => didFromJwk({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' })).toThrow(/not an Ed25519 key/);
  });
});
