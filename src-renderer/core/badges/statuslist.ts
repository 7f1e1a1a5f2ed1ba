// Revocation with W3C Bitstring Status List v1.0: a BitstringStatusListCredential whose encodedList is
// multibase base64url (prefix "u") of the gzip of the bitstring; index 0 is the left-most (most
// significant) bit of the first byte; at least 131,072 bits (16 KB), as the specification asks.
import { base64urlnopad } from '@scure/base';
import type { IssuerKeyPair, OpenBadgeCredential, VerificationCheck, VerifyOptions } from './index';
import { VC2_CONTEXT } from './constants';
import { BadgeFormatError } from './errors';
import { compress, decompress } from './bytes';
import { parseJws, signJws, verifyJwsSignature } from './jws';
import { didFromJwk, short } from './didkey';

export const STATUS_LIST_MIN_BITS = 131_072;
/** A status list larger than this (decompressed) is refused: 16 million entries. */
const STATUS_LIST_MAX_BYTES = 2 * 1024 * 1024;

export function statusListBits(length: number): number {
  return Math.max(STATUS_LIST_MIN_BITS, Math.ceil(Math.max(0, length) / 8) * 8);
}

export async function encodeBitstring(revoked: readonly number[], length: number): Promise<string> {
  const bits = statusListBits(length);
  const bytes = new Uint8Array(bits / 8);
  for (const index of revoked) {
    if (!Number.isInteger(index) || index < 0 || index >= bits) throw new BadgeFormatError(`Status list index ${index} is outside the list (0 to ${bits - 1}).`);
    bytes[index >> 3]! |= 0x80 >> (index & 7);
  }
  return 'u' + base64urlnopad.encode(await compress(bytes, 'gzip'));
}

export async function decodeBitstring(encodedList: string): Promise<Uint8Array> {
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) throw new BadgeFormatError('The status list is not multibase base64url (it should start with "u").');
  let gz: Uint8Array;
  try {
    gz = base64urlnopad.decode(encodedList.slice(1));
  } catch {
    throw new BadgeFormatError('The status list is not valid base64url.');
  }
  try {
    return await decompress(gz, 'gzip', STATUS_LIST_MAX_BYTES);
  } catch {
    throw new BadgeFormatError('The status list is not valid gzip data, or is unreasonably large.');
  }
}

export const bitAt = (bytes: Uint8Array, index: number): boolean => ((bytes[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;

export async function signStatusList(
  input: { url: string; issuer: { did: string; name: string }; revoked: readonly number[]; length: number; now: number },
  key: IssuerKeyPair,
): Promise<string> {
  if (didFromJwk(key.publicJwk) !== key.did || input.issuer.did !== key.did) throw new BadgeFormatError('The status list names an issuer other than the signing key.');
  const credential = {
    '@context': [VC2_CONTEXT],
    id: input.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: { id: input.issuer.did, name: input.issuer.name },
    validFrom: new Date(input.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      id: `${input.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: await encodeBitstring(input.revoked, input.length),
    },
  };
  return signJws({ typ: 'vc+jwt', cty: 'vc' }, credential, { kty: 'OKP', crv: 'Ed25519', x: key.publicJwk.x, d: key.privateJwk.d }, key.did);
}

/** The revocation check of verifyCredential (never throws). */
export async function checkStatus(credential: OpenBadgeCredential, options: VerifyOptions): Promise<VerificationCheck> {
  const status = credential.credentialStatus;
  if (!status) return { id: 'revocation', ok: true, detail: 'The badge has no status list entry: it cannot be revoked.' };
  if (status.statusPurpose !== 'revocation') return { id: 'revocation', ok: null, detail: `Not checked: the status entry's purpose is "${String(status.statusPurpose)}", not revocation.` };
  if (!options.statusList) return { id: 'revocation', ok: null, detail: 'Not checked: no way to fetch the status list here (offline?); check again online.' };
  const url = status.statusListCredential;
  let listJws: string | null;
  try {
    listJws = await options.statusList(url);
  } catch (e) {
    return { id: 'revocation', ok: null, detail: `Not checked: the status list ${short(url)} could not be fetched (${e instanceof Error ? e.message : String(e)}); check again online.` };
  }
  if (listJws === null) return { id: 'revocation', ok: null, detail: `Not checked: the status list ${short(url)} is not available; check again online.` };
  try {
    const parsed = parseJws(listJws, 'vc+jwt', 'status list');
    const list = parsed.payload as { id?: unknown; type?: unknown; issuer?: { id?: unknown } | string; validUntil?: unknown; credentialSubject?: { statusPurpose?: unknown; encodedList?: unknown } };
    const issuerId = typeof list.issuer === 'string' ? list.issuer : list.issuer?.id;
    if (!Array.isArray(list.type) || !list.type.includes('BitstringStatusListCredential')) throw new BadgeFormatError('the document at the list URL is not a BitstringStatusListCredential');
    if (list.id !== url) throw new BadgeFormatError(`the list says it is ${short(String(list.id))}, not ${short(url)}`);
    if (issuerId !== parsed.did) throw new BadgeFormatError('the list names an issuer other than the key that signed it');
    if (!options.trusted.some((k) => k.did === parsed.did)) throw new BadgeFormatError(`the list is signed by ${short(parsed.did)}, a key this site does not trust`);
    if (!(await verifyJwsSignature(listJws, parsed.did))) throw new BadgeFormatError('the signature of the list does not match its content');
    if (typeof list.validUntil === 'string' && options.now >= Date.parse(list.validUntil)) throw new BadgeFormatError('the list has expired');
    if (list.credentialSubject?.statusPurpose !== 'revocation') throw new BadgeFormatError('the list is not a revocation list');
    const bits = await decodeBitstring(String(list.credentialSubject.encodedList));
    const index = Number(status.statusListIndex);
    if (index >= bits.length * 8) throw new BadgeFormatError(`the badge's index ${index} is past the end of the list (${bits.length * 8} entries)`);
    return bitAt(bits, index)
      ? { id: 'revocation', ok: false, detail: 'The site has revoked this badge.' }
      : { id: 'revocation', ok: true, detail: 'Not revoked (checked against the site\'s status list).' };
  } catch (e) {
    const why = e instanceof BadgeFormatError ? e.message.replace(/\.$/, '') : 'the list could not be read';
    return { id: 'revocation', ok: null, detail: `Not checked: the status list could not be trusted (${why}).` };
  }
}
