// core/badges (isomorphic) names WebCrypto's key types, which TypeScript declares in its DOM library.
// The hub's Node project has no DOM library: here they are Node's own, the same objects
// (globalThis.crypto is node:crypto's webcrypto).
import type { webcrypto } from 'node:crypto';

declare global {
  type JsonWebKey = webcrypto.JsonWebKey;
  type CryptoKey = webcrypto.CryptoKey;
  type CryptoKeyPair = webcrypto.CryptoKeyPair;
}
