// The follow-up code: how a visitor's path leaves the kiosk. The QR holds `<followUpBaseUrl>#<code>`;
// the static follow-up page reads the code from the fragment (which browsers never send to a
// server) and resolves it against the published catalogue. The code carries references only —
// hashes of ids, instants, a booking code — never a name or anything else about the visitor.
//
// The code is base64url without padding of this payload (bits are written most significant first):
//
//   byte 0       format version, 1 or 2
//   runs         one or more runs of same-kind items, in path order
//   last 2 bytes CRC-16/IBM-3740 of every byte before it
//
//   run header (1 byte)  kkk l nnnn — kind (1 activity, 2 booking, 3 place from version 2 on;
//                        others are refused), l = 1 on the last run only, nnnn = items in the run − 1
//   activity (4 bytes)   idRef(activity id)
//   booking (13 bytes)   idRef(space id), then 72 bits: start in minutes since 1970-01-01T00:00Z
//                        (30 bits, good until the year 4011), length in minutes (12 bits, 1–4095),
//                        booking code (30 bits, six base32 symbols)
//   place (13 bytes)     a place reserved on an activity's session (issue 11): idRef(activity id),
//                        then the session's start, length and the reservation's code as for a booking
//
// Version 2 only adds the place kind: a path without places is still written as version 1, so every
// code made before (and every code without places) reads exactly as it did, and a follow-up page
// from before places says "made by a newer kiosk" for a code with one instead of "damaged".
//
// The envelope — version first, CRC last — is promised to every future version, so the checksum is
// verified before the version is believed: a damaged code reads as "checksum", and only an intact
// code from a newer kiosk reads as "unsupported-version". The last-run flag makes truncation and
// appended bytes fail on structure, not just on the 1-in-65,536 luck of the checksum.
import { crc16Ccitt, fnv1a32 } from './checksum';
import { ID_PATTERN, isSecureUrl } from './config/formats';
import { MAX_FOLLOW_UP_ITEMS } from './path-room';

/** The newest version this codec writes (only when a path holds a place) and reads. */
export const FOLLOW_UP_CODE_VERSION = 2;
/** The version of a path without places: the format every code had before places. */
const PLAIN_CODE_VERSION = 1;
export { MAX_FOLLOW_UP_ITEMS } from './path-room';
/**
 * The decoder refuses longer input before looking at it. The longest version 1 code (24 bookings,
 * one run each) is 452 characters.
 */
export const MAX_FOLLOW_UP_CODE_LENGTH = 512;

/** Crockford's base32: digits and capitals without I, L, O and U, so nothing reads as something else. */
export const BOOKING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BOOKING_CODE_LENGTH = 6;
/** The longest booking the code can carry (12 bits), well beyond any opening day. */
export const MAX_BOOKING_MINUTES = 4095;

/** One step of a path. A booking's `start` is epoch milliseconds on a whole minute; `code` is canonical. */
export type FollowUpItem =
  | { kind: 'activity'; id: string }
  | { kind: 'booking'; spaceId: string; start: number; minutes: number; code: string }
  | { kind: 'place'; activityId: string; start: number; minutes: number; code: string };

/** What a code says: refs (see `idRef`) stand where the ids stood. */
export type DecodedItem =
  | { kind: 'activity'; ref: number }
  | { kind: 'booking'; spaceRef: number; start: number; minutes: number; code: string }
  | { kind: 'place'; activityRef: number; start: number; minutes: number; code: string };

export type DecodeFailure = 'empty' | 'malformed' | 'checksum' | 'unsupported-version' | 'too-long';

export type DecodeResult = { ok: true; version: number; items: DecodedItem[] } | { ok: false; reason: DecodeFailure };

/** What a follow-up URL's fragment asks for: a path code, one activity (posters), or nothing. */
export type FollowUpHash = { kind: 'code'; result: DecodeResult } | { kind: 'activity'; id: string } | { kind: 'empty' };

/** A ref matched against the catalogue; `unknown` is an item no longer listed (or never was). */
export type ResolvedRef = { ref: number; status: 'known'; id: string } | { ref: number; status: 'unknown' };

export type ResolvedItem =
  | { kind: 'activity'; activity: ResolvedRef }
  | { kind: 'booking'; space: ResolvedRef; start: number; minutes: number; code: string }
  | { kind: 'place'; activity: ResolvedRef; start: number; minutes: number; code: string };

const KIND_ACTIVITY = 1;
const KIND_BOOKING = 2;
const KIND_PLACE = 3;
const MAX_RUN_LENGTH = 16;
const MS_PER_MINUTE = 60_000;
const START_MINUTES_LIMIT = 2 ** 30;
const BOOKING_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{6}$/;
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL_VALUES = sextetTable();
const utf8 = new TextEncoder();

/** The 32-bit reference a code carries for an id: FNV-1a of its UTF-8 bytes. */
export function idRef(id: string): number {
  return fnv1a32(utf8.encode(id));
}

/**
 * Maps refs back to ids. A ref no id produces is `unknown`; so is a ref two ids share, because
 * naming either could show the visitor the wrong thing (config validation refuses such pairs).
 */
export function resolveRefs(refs: readonly number[], knownIds: Iterable<string>): ResolvedRef[] {
  const index = refIndex(knownIds);
  return refs.map((ref) => resolveRef(ref, index));
}

/** Resolves decoded items against the catalogue: activity refs to activity ids, space refs to space ids. */
export function resolveFollowUpItems(items: readonly DecodedItem[], catalogue: { activityIds: Iterable<string>; spaceIds: Iterable<string> }): ResolvedItem[] {
  const activities = refIndex(catalogue.activityIds);
  const spaces = refIndex(catalogue.spaceIds);
  return items.map((item): ResolvedItem => {
    if (item.kind === 'activity') return { kind: 'activity', activity: resolveRef(item.ref, activities) };
    if (item.kind === 'place') return { kind: 'place', activity: resolveRef(item.activityRef, activities), start: item.start, minutes: item.minutes, code: item.code };
    return { kind: 'booking', space: resolveRef(item.spaceRef, spaces), start: item.start, minutes: item.minutes, code: item.code };
  });
}

/** Every pair of distinct ids with the same ref; config validation refuses them. */
export function findRefCollisions(ids: readonly string[]): [string, string][] {
  const byRef = new Map<number, string[]>();
  for (const id of new Set(ids)) {
    const ref = idRef(id);
    byRef.set(ref, [...(byRef.get(ref) ?? []), id]);
  }
  const pairs: [string, string][] = [];
  for (const group of byRef.values()) {
    group.forEach((first, index) => group.slice(index + 1).forEach((second) => pairs.push([first, second])));
  }
  return pairs;
}

/** ref → id, or null when several ids share the ref. */
function refIndex(ids: Iterable<string>): Map<number, string | null> {
  const index = new Map<number, string | null>();
  for (const id of ids) {
    const ref = idRef(id);
    const seen = index.get(ref);
    index.set(ref, seen === undefined || seen === id ? id : null);
  }
  return index;
}

function resolveRef(ref: number, index: Map<number, string | null>): ResolvedRef {
  const id = index.get(ref);
  return typeof id === 'string' ? { ref, status: 'known', id } : { ref, status: 'unknown' };
}

/** A canonical booking code: six symbols of BOOKING_CODE_ALPHABET. */
export function isBookingCode(text: string): boolean {
  return typeof text === 'string' && BOOKING_CODE_PATTERN.test(text);
}

/**
 * The canonical form of a booking code someone typed: case is ignored, O reads as 0, I and L as 1,
 * spaces and hyphens ("K7M-2QX") are dropped. `undefined` when it is still not a booking code.
 */
export function normalizeBookingCode(text: string): string | undefined {
  if (typeof text !== 'string' || text.length > 4 * BOOKING_CODE_LENGTH) return undefined;
  const code = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return isBookingCode(code) ? code : undefined;
}

function bookingCodeToNumber(code: string): number {
  let value = 0;
  for (const symbol of code) value = value * 32 + BOOKING_CODE_ALPHABET.indexOf(symbol);
  return value;
}

function numberToBookingCode(value: number): string {
  let code = '';
  for (let index = 0; index < BOOKING_CODE_LENGTH; index++) {
    code = BOOKING_CODE_ALPHABET.charAt(value % 32) + code;
    value = Math.floor(value / 32);
  }
  return code;
}

/** The code for a path of 1–24 items. Throws an Error that names the offending item. */
export function encodeFollowUpCode(items: readonly FollowUpItem[]): string {
  if (items.length === 0) throw new Error('A follow-up code needs at least one activity or booking.');
  if (items.length > MAX_FOLLOW_UP_ITEMS) {
    throw new Error(`A follow-up code carries at most ${MAX_FOLLOW_UP_ITEMS} items (activities and bookings together); this path has ${items.length}.`);
  }
  items.forEach(assertEncodable);

  const writer = new BitWriter();
  writer.write(items.some((item) => item.kind === 'place') ? FOLLOW_UP_CODE_VERSION : PLAIN_CODE_VERSION, 8);
  const runs = splitIntoRuns(items);
  runs.forEach((run, index) => {
    const kind = run[0]?.kind;
    writer.write(kind === 'booking' ? KIND_BOOKING : kind === 'place' ? KIND_PLACE : KIND_ACTIVITY, 3);
    writer.write(index === runs.length - 1 ? 1 : 0, 1);
    writer.write(run.length - 1, 4);
    for (const item of run) writeItem(writer, item);
  });
  const body = writer.bytes();
  const crc = crc16Ccitt(body);
  return toBase64Url(Uint8Array.from([...body, crc >> 8, crc & 0xff]));
}

/** `<baseUrl>#<code>`. Throws when the base is not https (http only for localhost) or the path cannot be encoded. */
export function followUpUrl(baseUrl: string, items: readonly FollowUpItem[]): string {
  assertFollowUpBase(baseUrl);
  return `${baseUrl}#${encodeFollowUpCode(items)}`;
}

/** `<baseUrl>#a/<activity id>`: the plain form printed on an activity's poster. */
export function followUpActivityUrl(baseUrl: string, activityId: string): string {
  assertFollowUpBase(baseUrl);
  if (!isPosterId(activityId)) throw new Error(`"${clip(activityId)}" is not an activity id (a–z, 0–9 and "-").`);
  return `${baseUrl}#a/${activityId}`;
}

function assertEncodable(item: FollowUpItem, index: number): void {
  const where = `Item ${index + 1} of the path`;
  if (item.kind === 'activity') {
    if (typeof item.id !== 'string' || item.id === '') throw new Error(`${where} has no activity id.`);
    return;
  }
  if (item.kind !== 'booking' && item.kind !== 'place') throw new Error(`${where} is neither an activity, a booking nor a place.`);
  if (item.kind === 'booking' && (typeof item.spaceId !== 'string' || item.spaceId === '')) throw new Error(`${where} is a booking without a space id.`);
  if (item.kind === 'place' && (typeof item.activityId !== 'string' || item.activityId === '')) throw new Error(`${where} is a place without an activity id.`);
  if (!Number.isSafeInteger(item.start) || item.start < 0 || item.start % MS_PER_MINUTE !== 0 || item.start / MS_PER_MINUTE >= START_MINUTES_LIMIT) {
    throw new Error(`${where} is a booking whose start (${item.start}) is not a whole minute between 1970 and 4011, in epoch milliseconds.`);
  }
  if (!Number.isInteger(item.minutes) || item.minutes < 1 || item.minutes > MAX_BOOKING_MINUTES) {
    throw new Error(`${where} is a booking of ${item.minutes} minutes; a code carries 1–${MAX_BOOKING_MINUTES} whole minutes.`);
  }
  if (!isBookingCode(item.code)) {
    throw new Error(`${where} has booking code "${clip(String(item.code))}"; expected ${BOOKING_CODE_LENGTH} symbols of ${BOOKING_CODE_ALPHABET} (see normalizeBookingCode).`);
  }
}

function assertFollowUpBase(baseUrl: string): void {
  if (typeof baseUrl !== 'string' || /\s/.test(baseUrl) || !isSecureUrl(baseUrl)) {
    throw new Error(`The follow-up base URL must be an https:// URL (http:// only for localhost or 127.0.0.1); got "${clip(String(baseUrl))}".`);
  }
  if (baseUrl.includes('#')) throw new Error(`The follow-up base URL must not contain "#": the code goes after it; got "${clip(baseUrl)}".`);
}

/** Consecutive items of one kind, at most MAX_RUN_LENGTH to a run. */
function splitIntoRuns(items: readonly FollowUpItem[]): FollowUpItem[][] {
  const runs: FollowUpItem[][] = [];
  for (const item of items) {
    const run = runs.at(-1);
    if (run && run[0]?.kind === item.kind && run.length < MAX_RUN_LENGTH) run.push(item);
    else runs.push([item]);
  }
  return runs;
}

function writeItem(writer: BitWriter, item: FollowUpItem): void {
  if (item.kind === 'activity') {
    writer.write(idRef(item.id), 32);
    return;
  }
  writer.write(idRef(item.kind === 'place' ? item.activityId : item.spaceId), 32);
  writer.write(item.start / MS_PER_MINUTE, 30);
  writer.write(item.minutes, 12);
  writer.write(bookingCodeToNumber(item.code), 30);
}

/** Reads a code. Never throws, whatever it is given; a removed activity is still `ok` (see resolveRefs). */
export function decodeFollowUpCode(code: string): DecodeResult {
  if (typeof code !== 'string') return failure('malformed');
  if (code.length > MAX_FOLLOW_UP_CODE_LENGTH) return failure('too-long');
  if (code.trim() === '') return failure('empty');
  const bytes = fromBase64Url(code);
  if (!bytes || bytes.length < 3) return failure('malformed');

  const bodyLength = bytes.length - 2;
  const storedCrc = ((bytes[bodyLength] ?? 0) << 8) | (bytes[bodyLength + 1] ?? 0);
  if (crc16Ccitt(bytes.subarray(0, bodyLength)) !== storedCrc) return failure('checksum');

  const version = bytes[0] ?? 0;
  if (version === 0) return failure('malformed');
  if (version > FOLLOW_UP_CODE_VERSION) return failure('unsupported-version');
  const items = readItems(new BitReader(bytes, 1, bodyLength), version);
  return items ? { ok: true, version, items } : failure('malformed');
}

/** The code in a follow-up URL or fragment ("…#code", "#code"); a bare code is returned as is. Never throws. */
export function codeFromUrl(urlOrHash: string): string {
  if (typeof urlOrHash !== 'string') return '';
  const hashAt = urlOrHash.indexOf('#');
  if (hashAt >= 0) return urlOrHash.slice(hashAt + 1);
  return /^[a-z][a-z0-9+.-]*:/i.test(urlOrHash) ? '' : urlOrHash;
}

/**
 * What the follow-up page should show for a fragment (with or without its "#"): a path code, a
 * poster's `a/<activity id>`, or nothing. Never throws; a bad poster id reads as a malformed code.
 */
export function parseFollowUpHash(hash: string): FollowUpHash {
  if (typeof hash !== 'string') return { kind: 'code', result: failure('malformed') };
  if (hash.length > MAX_FOLLOW_UP_CODE_LENGTH + 1) return { kind: 'code', result: failure('too-long') };
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.trim() === '') return { kind: 'empty' };
  if (body.startsWith('a/')) {
    const id = body.slice(2);
    return isPosterId(id) ? { kind: 'activity', id } : { kind: 'code', result: failure('malformed') };
  }
  return { kind: 'code', result: decodeFollowUpCode(body) };
}

/** Version 1 knows activities and bookings; version 2 adds places. */
function readItems(reader: BitReader, version: number): DecodedItem[] | undefined {
  const items: DecodedItem[] = [];
  for (;;) {
    if (reader.remaining < 8) return undefined;
    const kind = reader.read(3);
    const last = reader.read(1) === 1;
    const count = reader.read(4) + 1;
    const width = kind === KIND_ACTIVITY ? 32 : kind === KIND_BOOKING || (kind === KIND_PLACE && version >= 2) ? 104 : 0;
    if (width === 0 || items.length + count > MAX_FOLLOW_UP_ITEMS || reader.remaining < count * width) return undefined;
    for (let index = 0; index < count; index++) {
      if (kind === KIND_ACTIVITY) {
        items.push({ kind: 'activity', ref: reader.read(32) });
        continue;
      }
      const ref = reader.read(32);
      const start = reader.read(30) * MS_PER_MINUTE;
      const minutes = reader.read(12);
      const code = numberToBookingCode(reader.read(30));
      if (minutes === 0) return undefined;
      items.push(kind === KIND_PLACE ? { kind: 'place', activityRef: ref, start, minutes, code } : { kind: 'booking', spaceRef: ref, start, minutes, code });
    }
    if (last) return reader.remaining === 0 ? items : undefined;
  }
}

function failure(reason: DecodeFailure): DecodeResult {
  return { ok: false, reason };
}

function isPosterId(id: string): boolean {
  return typeof id === 'string' && id.length <= 200 && ID_PATTERN.test(id);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

class BitWriter {
  readonly #bytes: number[] = [];
  #current = 0;
  #filled = 0;

  /** Appends the low `width` bits of a non-negative integer below 2^32. */
  write(value: number, width: number): void {
    for (let bit = width - 1; bit >= 0; bit--) {
      this.#current = (this.#current << 1) | (Math.floor(value / 2 ** bit) & 1);
      if (++this.#filled === 8) {
        this.#bytes.push(this.#current);
        this.#current = 0;
        this.#filled = 0;
      }
    }
  }

  bytes(): Uint8Array {
    if (this.#filled !== 0) throw new Error('Follow-up payload is not a whole number of bytes.');
    return Uint8Array.from(this.#bytes);
  }
}

class BitReader {
  readonly #source: Uint8Array;
  #position: number;
  readonly #end: number;

  /** Reads bytes[fromByte, toByte). */
  constructor(source: Uint8Array, fromByte: number, toByte: number) {
    this.#source = source;
    this.#position = fromByte * 8;
    this.#end = toByte * 8;
  }

  get remaining(): number {
    return this.#end - this.#position;
  }

  /** The next `width` bits (at most 32) as a non-negative integer; callers check `remaining` first. */
  read(width: number): number {
    let value = 0;
    for (let bit = 0; bit < width; bit++, this.#position++) {
      const byte = this.#source[this.#position >> 3] ?? 0;
      value = value * 2 + ((byte >> (7 - (this.#position & 7))) & 1);
    }
    return value;
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0x3fff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text += BASE64URL_ALPHABET.charAt((buffer >> bits) & 63);
    }
  }
  if (bits > 0) text += BASE64URL_ALPHABET.charAt((buffer << (6 - bits)) & 63);
  return text;
}

/** Strict base64url without padding: any other character, an impossible length or stray trailing bits → undefined. */
function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const value = BASE64URL_VALUES[text.charCodeAt(index)] ?? -1;
    if (value < 0) return undefined;
    buffer = ((buffer << 6) | value) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  // Only all-zero leftover bits are canonical; anything else is a second spelling of the same bytes.
  return (buffer & ((1 << bits) - 1)) === 0 ? bytes : undefined;
}

function sextetTable(): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let index = 0; index < BASE64URL_ALPHABET.length; index++) table[BASE64URL_ALPHABET.charCodeAt(index)] = index;
  return table;
}
