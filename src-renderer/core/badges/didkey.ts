// did:key for Ed25519 (https://w3c-ccg.github.io/did-key-spec/): 'did:key:z' + base58btc(0xed 0x01 ‖ 32-byte
// public key). The key id (JWS `kid`) is "<did>#<the multibase part>", as the did:key method resolves it.
import { base58, base64urlnopad } from '@scure/base';
import { BadgeFormatError } from './errors';

const ED25519_PUB = [0xed, 0x01];
const DID_KEY_PREFIX = 'did:key:z';

export function didFromPublicKey(raw: Uint8Array): string {
  if (raw.length !== 32) throw new BadgeFormatError(`An Ed25519 public key is 32 bytes, this one is ${raw.length}.`);
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_PUB, 0);
  bytes.set(raw, 2);
  return DID_KEY_PREFIX + base58.encode(bytes);
}

/** The 32-byte Ed25519 public key of a did:key (with or without a "#fragment"); throws BadgeFormatError. */
export function publicKeyFromDid(did: string): Uint8Array {
  const bare = did.split('#')[0] ?? '';
  if (!bare.startsWith(DID_KEY_PREFIX)) throw new BadgeFormatError(`"${short(did)}" is not a did:key with a base58btc key ("did:key:z…"); ask the site for a new badge.`);
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(bare.slice(DID_KEY_PREFIX.length));
  } catch {
    throw new BadgeFormatError(`"${short(did)}" is not valid base58btc; the key is damaged.`);
  }
  if (bytes.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) {
    throw new BadgeFormatError(`"${short(did)}" is not an Ed25519 did:key (only Ed25519 keys are accepted).`);
  }
  return bytes.slice(2);
}

/** The key id of a did:key for a JWS header: "<did>#<multibase>". */
export function kidFor(did: string): string {
  publicKeyFromDid(did);
  return `${did}#${did.slice('did:key:'.length)}`;
}

/** The did of a key id: the part before "#"; throws when the fragment is not the did's own key. */
export function didFromKid(kid: string): string {
  const [did, fragment, ...rest] = kid.split('#');
  if (!did || rest.length > 0 || (fragment !== undefined && fragment !== did.slice('did:key:'.length))) {
    throw new BadgeFormatError(`The key id "${short(kid)}" is not of the form "did:key:z…#z…".`);
  }
  publicKeyFromDid(did);
  return did;
}

export function didFromJwk(jwk: JsonWebKey): string {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new BadgeFormatError('The key is not an Ed25519 key (a JWK with kty "OKP", crv "Ed25519" and x).');
  }
  return didFromPublicKey(base64urlnopad.decode(jwk.x));
}

export function jwkFromDid(did: string): JsonWebKey {
  return { kty: 'OKP', crv: 'Ed25519', x: base64urlnopad.encode(publicKeyFromDid(did)) };
}

export function short(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
