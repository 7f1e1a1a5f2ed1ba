// The phone's side: proof of key possession with a claim, and the presentation QR.
import { base64urlnopad } from '@scure/base';
import type { HolderKey } from './index';
import { BadgeFormatError } from './errors';
import { compress, concat, decompress, sha256, utf8 } from './bytes';
import { decodeBase45, encodeBase45 } from './base45';
import { publicKeyFromDid, short } from './didkey';
import { parseJws, signJws, verifyJwsSignature } from './jws';
import { importPublicKey } from './keys';
import { readCredential } from './credential';

export const CLAIM_TYP = 'wegwijzer-claim+jwt';
const CLAIM_SKEW_MS = 10 * 60_000;

export function signClaimProof(token: string, holder: HolderKey, now: number): Promise<string> {
  return signJws({ typ: CLAIM_TYP }, { token, iat: Math.floor(now / 1000) }, holder.privateKey, holder.did);
}

export async function verifyClaimProof(proof: string, token: string, now: number): Promise<string> {
  const { payload, did } = parseJws(proof, CLAIM_TYP, 'claim proof');
  if (!(await verifyJwsSignature(proof, did))) throw new BadgeFormatError('The claim proof\'s signature does not match its key; claim again from the phone.');
  const p = payload as { token?: unknown; iat?: unknown };
  if (p.token !== token) throw new BadgeFormatError('The claim proof was made for another claim code; scan the QR again and claim once more.');
  if (typeof p.iat !== 'number' || !Number.isFinite(p.iat)) throw new BadgeFormatError('The claim proof has no time (iat); claim again from the phone.');
  if (Math.abs(p.iat * 1000 - now) > CLAIM_SKEW_MS) throw new BadgeFormatError('The claim proof was made more than 10 minutes from now; check the phone\'s clock and claim again.');
  return did;
}

// Presentation QR text: "WB1." + base45(seconds as 8 bytes big-endian ‖ holder signature (64) ‖ credential
// signature (64) ‖ deflate-raw(header length as 2 bytes big-endian ‖ header JSON ‖ payload JSON)). The
// credential JWS is rebuilt byte for byte from its decoded parts (base64url of them, unpadded, is
// canonical); compressing the decoded JSON rather than the base64url text, and base45 in the QR code's
// alphanumeric mode, make the code about 1.7 times smaller than base64url of the deflated JWS (see the
// tests). The holder signs sha256(credential JWS) ‖ seconds as 8 bytes big-endian (Ed25519).
export const PRESENTATION_PREFIX = 'WB1.';
const PRESENTATION_MAX_AGE_MS = 10 * 60_000;
const PRESENTATION_MAX_FUTURE_MS = 2 * 60_000;
const MAX_CREDENTIAL_BYTES = 64 * 1024;

const secondsBytes = (seconds: number): Uint8Array => {
  const time = new Uint8Array(8);
  new DataView(time.buffer).setBigUint64(0, BigInt(seconds));
  return time;
};

async function presentationMessage(jws: string, seconds: number): Promise<Uint8Array<ArrayBuffer>> {
  return concat(await sha256(utf8(jws)), secondsBytes(seconds));
}

export async function encodePresentation(jws: string, holder: HolderKey, now: number): Promise<string> {
  const trimmed = jws.trim();
  const { credential } = readCredential(trimmed);
  if (credential.credentialSubject.id !== holder.did) throw new BadgeFormatError('This badge belongs to another key than this phone\'s; it cannot be shown from here.');
  const [h = '', p = '', s = ''] = trimmed.split('.');
  const header = base64urlnopad.decode(h);
  const payload = base64urlnopad.decode(p);
  const credentialSignature = base64urlnopad.decode(s);
  if (`${base64urlnopad.encode(header)}.${base64urlnopad.encode(payload)}.${base64urlnopad.encode(credentialSignature)}` !== trimmed || header.length > 0xffff) {
    throw new BadgeFormatError('This badge is not in the canonical form a presentation QR needs; ask the site to issue it again.');
  }
  const seconds = Math.floor(now / 1000);
  const holderSignature = new Uint8Array(await crypto.subtle.sign('Ed25519', holder.privateKey, await presentationMessage(trimmed, seconds)));
  const headerLength = new Uint8Array([header.length >> 8, header.length & 0xff]);
  const packed = await compress(concat(headerLength, header, payload), 'deflate-raw');
  return PRESENTATION_PREFIX + encodeBase45(concat(secondsBytes(seconds), holderSignature, credentialSignature, packed));
}

export async function decodePresentation(text: string, now: number): Promise<{ jws: string; holderDid: string; at: number }> {
  // Spaces belong to base45: strip only line ends and tabs a scanner may add.
  const cleaned = typeof text === 'string' ? text.replace(/^[\r\n\t]+|[\r\n\t]+$/g, '') : '';
  if (!cleaned.startsWith(PRESENTATION_PREFIX)) throw new BadgeFormatError('This QR code is not a Wegwijzer badge; show the badge from the follow-up page.');
  let jws: string;
  let seconds: number;
  let holderSignature: Uint8Array;
  try {
    const bytes = decodeBase45(cleaned.slice(PRESENTATION_PREFIX.length));
    if (bytes.length < 8 + 64 + 64 + 2) throw new RangeError('too short');
    seconds = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0));
    holderSignature = bytes.slice(8, 72);
    const credentialSignature = bytes.slice(72, 136);
    const inner = await decompress(bytes.slice(136), 'deflate-raw', MAX_CREDENTIAL_BYTES);
    const headerLength = ((inner[0] ?? 0) << 8) | (inner[1] ?? 0);
    if (inner.length < 2 + headerLength) throw new RangeError('header past the end');
    jws = `${base64urlnopad.encode(inner.slice(2, 2 + headerLength))}.${base64urlnopad.encode(inner.slice(2 + headerLength))}.${base64urlnopad.encode(credentialSignature)}`;
  } catch {
    throw new BadgeFormatError('The badge QR code is damaged or incomplete; show it again and hold the phone still.');
  }
  const { credential } = readCredential(jws);
  const holderDid = credential.credentialSubject.id;
  let holderKey: CryptoKey;
  try {
    holderKey = await importPublicKey(publicKeyFromDid(holderDid));
  } catch {
    throw new BadgeFormatError(`The badge's holder ${short(holderDid)} is not an Ed25519 did:key; it cannot be shown as a QR.`);
  }
  const ok = await crypto.subtle.verify('Ed25519', holderKey, new Uint8Array(holderSignature), await presentationMessage(jws, seconds));
  if (!ok) throw new BadgeFormatError('The badge is not shown by its holder: the phone\'s signature does not match the badge. Ask the holder to show it from their own phone.');
  const at = seconds * 1000;
  if (now - at > PRESENTATION_MAX_AGE_MS) throw new BadgeFormatError('This badge QR is older than 10 minutes (a screenshot?); ask the holder to open the badge again on their phone.');
  if (at - now > PRESENTATION_MAX_FUTURE_MS) throw new BadgeFormatError('This badge QR is dated in the future; check the clock of the phone or of this kiosk.');
  return { jws, holderDid, at };
}
