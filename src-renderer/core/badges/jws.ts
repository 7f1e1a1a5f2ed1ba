// Compact JWS (RFC 7515) with EdDSA/Ed25519, signed and verified with `jose`; the key of a signature
// comes from the did:key in the header's `kid`.
import { CompactSign, compactVerify, importJWK } from 'jose';
import { base64urlnopad } from '@scure/base';
import { BadgeFormatError } from './errors';
import { didFromKid, jwkFromDid, kidFor } from './didkey';
import { fromUtf8, utf8 } from './bytes';

export interface ParsedJws {
  header: Record<string, unknown>;
  payload: unknown;
  /** The did of the header's kid. */
  did: string;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function decodeSegment(segment: string, what: string): unknown {
  if (!B64URL.test(segment) || segment.length === 0) throw new BadgeFormatError(`The ${what} of the signed text is not base64url; the text is damaged or incomplete.`);
  let text: string;
  try {
    text = fromUtf8(base64urlnopad.decode(segment));
  } catch {
    throw new BadgeFormatError(`The ${what} of the signed text cannot be decoded; the text is damaged or incomplete.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadgeFormatError(`The ${what} of the signed text is not JSON; the text is damaged.`);
  }
}

/** Splits and decodes a compact JWS without checking its signature; checks alg EdDSA, typ and a did:key kid. */
export function parseJws(jws: string, typ: string, what: string): ParsedJws {
  if (typeof jws !== 'string') throw new BadgeFormatError(`The ${what} is not text.`);
  const parts = jws.trim().split('.');
  if (parts.length !== 3) throw new BadgeFormatError(`This is not a signed ${what}: a compact JWS has three parts separated by dots, this has ${parts.length}.`);
  const header = decodeSegment(parts[0] ?? '', 'header');
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new BadgeFormatError(`The header of the ${what} is not a JSON object.`);
  const h = header as Record<string, unknown>;
  if (h.alg !== 'EdDSA') throw new BadgeFormatError(`The ${what} is signed with "${String(h.alg)}"; only EdDSA (Ed25519) is accepted.`);
  if (h.typ !== typ) throw new BadgeFormatError(`The ${what} has type "${String(h.typ)}" where "${typ}" was expected; it is not this kind of document.`);
  if (typeof h.kid !== 'string') throw new BadgeFormatError(`The ${what} does not say which key signed it (no kid in its header).`);
  const did = didFromKid(h.kid);
  if (!B64URL.test(parts[2] ?? '') || (parts[2] ?? '').length !== 86) throw new BadgeFormatError(`The signature of the ${what} is not a 64-byte Ed25519 signature; the text is damaged or incomplete.`);
  const payload = decodeSegment(parts[1] ?? '', 'payload');
  return { header: h, payload, did };
}

export async function signJws(header: Record<string, unknown>, payload: unknown, key: CryptoKey | JsonWebKey, did: string): Promise<string> {
  const signingKey = 'kty' in key ? await importJWK(key, 'EdDSA') : key;
  return new CompactSign(utf8(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', ...header, kid: kidFor(did) })
    .sign(signingKey);
}

/** True when the JWS's signature checks with the public key of `did`; false on a wrong signature. */
export async function verifyJwsSignature(jws: string, did: string): Promise<boolean> {
  const key = await importJWK(jwkFromDid(did), 'EdDSA');
  try {
    await compactVerify(jws.trim(), key, { algorithms: ['EdDSA'] });
    return true;
  } catch {
    return false;
  }
}
