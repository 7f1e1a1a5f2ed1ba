import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16Ccitt, fnv1a32 } from '../../../src-renderer/core/checksum';
import {
  BOOKING_CODE_ALPHABET,
  BOOKING_CODE_LENGTH,
  MAX_BOOKING_MINUTES,
  MAX_FOLLOW_UP_CODE_LENGTH,
  MAX_FOLLOW_UP_ITEMS,
  codeFromUrl,
  decodeFollowUpCode,
  encodeFollowUpCode,
  findRefCollisions,
  followUpActivityUrl,
  followUpUrl,
  idRef,
  isBookingCode,
  normalizeBookingCode,
  parseFollowUpHash,
  resolveFollowUpItems,
  resolveRefs,
  type DecodedItem,
  type FollowUpItem,
} from '../../../src-renderer/core/path-code';
import { PROPERTY_TIMEOUT_MS } from '../../support/property';

const RUNS = { numRuns: 1000 };
const BASE = 'https://wegwijzer.example.org/regina-mundi/';
const MINUTE = 60_000;
const LAST_MINUTE_BEFORE_2100 = Date.UTC(2100, 0, 1) / MINUTE - 1;
const utf8 = new TextEncoder();

const bookingCode = fc.array(fc.constantFrom(...BOOKING_CODE_ALPHABET), { minLength: BOOKING_CODE_LENGTH, maxLength: BOOKING_CODE_LENGTH }).map((symbols) => symbols.join(''));
const anyId = fc.oneof(fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }), fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/));
const activity: fc.Arbitrary<FollowUpItem> = anyId.map((id) => ({ kind: 'activity', id }));
const booking: fc.Arbitrary<FollowUpItem> = fc.record({
  kind: fc.constant('booking' as const),
  spaceId: anyId,
  start: fc.integer({ min: 0, max: LAST_MINUTE_BEFORE_2100 }).map((minutes) => minutes * MINUTE),
  minutes: fc.integer({ min: 1, max: 1440 }),
  code: bookingCode,
});
const place: fc.Arbitrary<FollowUpItem> = fc.record({
  kind: fc.constant('place' as const),
  activityId: anyId,
  start: fc.integer({ min: 0, max: LAST_MINUTE_BEFORE_2100 }).map((minutes) => minutes * MINUTE),
  minutes: fc.integer({ min: 1, max: 1440 }),
  code: bookingCode,
});
const path = fc.array(fc.oneof(activity, booking, place), { minLength: 1, maxLength: MAX_FOLLOW_UP_ITEMS });
const codeOfPath = path.map((items) => encodeFollowUpCode(items));

function expected(item: FollowUpItem): DecodedItem {
  if (item.kind === 'activity') return { kind: 'activity', ref: idRef(item.id) };
  if (item.kind === 'place') return { kind: 'place', activityRef: idRef(item.activityId), start: item.start, minutes: item.minutes, code: item.code };
  return { kind: 'booking', spaceRef: idRef(item.spaceId), start: item.start, minutes: item.minutes, code: item.code };
}

/** Version 2 only for a path with a place; version 1 as before otherwise. */
function versionOf(items: readonly FollowUpItem[]): number {
  return items.some((item) => item.kind === 'place') ? 2 : 1;
}

// An independent base64url, through atob/btoa, so the tests do not trust the codec's own.
function bytesOf(code: string): number[] {
  const base64 = code.replace(/-/g, '+').replace(/_/g, '/');
  return Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (char) => char.charCodeAt(0));
}

function codeOf(bytes: readonly number[]): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A payload with a correct CRC, built straight from the format spec. */
function sealed(body: readonly number[]): string {
  const crc = crc16Ccitt(Uint8Array.from(body));
  return codeOf([...body, crc >> 8, crc & 0xff]);
}

function u32(value: number): number[] {
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

/** 72 bits: start minutes (30), length (12), booking code (30). */
function bookingBits(startMinutes: number, minutes: number, codeValue: number): number[] {
  const bits = startMinutes.toString(2).padStart(30, '0') + minutes.toString(2).padStart(12, '0') + codeValue.toString(2).padStart(30, '0');
  return Array.from({ length: 9 }, (_, index) => parseInt(bits.slice(index * 8, index * 8 + 8), 2));
}

describe('checksum primitives', () => {
  it('match their published check values', () => {
    expect(crc16Ccitt(utf8.encode('123456789'))).toBe(0x29b1);
    expect(fnv1a32(utf8.encode(''))).toBe(0x811c9dc5);
    expect(fnv1a32(utf8.encode('a'))).toBe(0xe40c292c);
    expect(fnv1a32(utf8.encode('foobar'))).toBe(0xbf9cf968);
  });

  it('idRef hashes the UTF-8 bytes, so "é" differs from "e\\u0301"', () => {
    expect(idRef('foobar')).toBe(0xbf9cf968);
    expect(idRef('é')).not.toBe(idRef('e\u0301'));
  });
});

describe('the byte layout', () => {
  it('writes version, one last run of activities and the CRC', () => {
    const code = encodeFollowUpCode([
      { kind: 'activity', id: 'repair-cafe' },
      { kind: 'activity', id: 'open-choir' },
    ]);
    expect(code).toBe(sealed([1, 0b001_1_0001, ...u32(idRef('repair-cafe')), ...u32(idRef('open-choir'))]));
  });

  it('packs a booking into 13 bytes and keeps runs in path order', () => {
    const start = Date.UTC(2026, 2, 14, 13, 30);
    const items: FollowUpItem[] = [
      { kind: 'activity', id: 'garden-club' },
      { kind: 'booking', spaceId: 'practice-room-2', start, minutes: 90, code: 'K7M2QX' },
      { kind: 'activity', id: 'coding-dojo' },
    ];
    const codeValue = [...'K7M2QX'].reduce((value, symbol) => value * 32 + BOOKING_CODE_ALPHABET.indexOf(symbol), 0);
    const body = [
      1,
      0b001_0_0000,
      ...u32(idRef('garden-club')),
      0b010_0_0000,
      ...u32(idRef('practice-room-2')),
      ...bookingBits(start / MINUTE, 90, codeValue),
      0b001_1_0000,
      ...u32(idRef('coding-dojo')),
    ];
    expect(body).toHaveLength(1 + 5 + 14 + 5);
    expect(encodeFollowUpCode(items)).toBe(sealed(body));
    expect(decodeFollowUpCode(sealed(body))).toEqual({ ok: true, version: versionOf(items), items: items.map(expected) });
  });

  it('splits runs longer than 16 items', () => {
    const items = Array.from({ length: 17 }, (_, index): FollowUpItem => ({ kind: 'activity', id: `a${index}` }));
    const bytes = bytesOf(encodeFollowUpCode(items));
    expect(bytes[1]).toBe(0b001_0_1111);
    expect(bytes[1 + 1 + 16 * 4]).toBe(0b001_1_0000);
  });

  it('encodes the extremes of a booking', () => {
    const items: FollowUpItem[] = [
      { kind: 'booking', spaceId: 's', start: 0, minutes: 1, code: '000000' },
      { kind: 'booking', spaceId: 's', start: (2 ** 30 - 1) * MINUTE, minutes: MAX_BOOKING_MINUTES, code: 'ZZZZZZ' },
    ];
    expect(decodeFollowUpCode(encodeFollowUpCode(items))).toEqual({ ok: true, version: versionOf(items), items: items.map(expected) });
  });
});

describe('round trip', () => {
  it('decodes what it encoded, for any path', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(path, (items) => {
        const code = encodeFollowUpCode(items);
        expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(code.length).toBeLessThanOrEqual(MAX_FOLLOW_UP_CODE_LENGTH);
        expect(codeOf(bytesOf(code))).toBe(code);
        expect(decodeFollowUpCode(code)).toEqual({ ok: true, version: versionOf(items), items: items.map(expected) });
      }),
      RUNS,
    );
  });

  it('survives the URL and the fragment', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(path, (items) => {
        const url = followUpUrl(BASE, items);
        expect(url.startsWith(`${BASE}#`)).toBe(true);
        expect(decodeFollowUpCode(codeFromUrl(url))).toEqual({ ok: true, version: versionOf(items), items: items.map(expected) });
        expect(parseFollowUpHash(new URL(url).hash)).toEqual({ kind: 'code', result: { ok: true, version: versionOf(items), items: items.map(expected) } });
      }),
      RUNS,
    );
  });
});

describe('corruption is rejected, never mis-decoded', () => {
  it('refuses every single-bit flip with "checksum"', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(codeOfPath, fc.nat(), (code, seed) => {
        const bytes = bytesOf(code);
        const bit = seed % (bytes.length * 8);
        bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) ^ (0x80 >> (bit & 7));
        expect(decodeFollowUpCode(codeOf(bytes))).toEqual({ ok: false, reason: 'checksum' });
      }),
      RUNS,
    );
  });

  it('refuses every single-bit flip of one code, exhaustively', () => {
    const code = encodeFollowUpCode([
      { kind: 'activity', id: 'repair-cafe' },
      { kind: 'booking', spaceId: 'maker-bench', start: Date.UTC(2026, 5, 1, 9), minutes: 120, code: 'AB12CD' },
    ]);
    const bytes = bytesOf(code);
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = [...bytes];
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (0x80 >> (bit & 7));
      expect(decodeFollowUpCode(codeOf(flipped)), `bit ${bit}`).toEqual({ ok: false, reason: 'checksum' });
    }
  });

  it('refuses any other character in any position', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(codeOfPath, fc.nat(), fc.constantFrom(...alphabet), (code, seed, replacement) => {
        const at = seed % code.length;
        fc.pre(code[at] !== replacement);
        const changed = code.slice(0, at) + replacement + code.slice(at + 1);
        expect(decodeFollowUpCode(changed).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('refuses characters outside the base64url alphabet as "malformed"', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const outside = fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }).filter((char) => !/^[A-Za-z0-9_-]$/.test(char));
    fc.assert(
      fc.property(codeOfPath, fc.nat(), outside, (code, seed, replacement) => {
        const at = seed % code.length;
        expect(decodeFollowUpCode(code.slice(0, at) + replacement + code.slice(at + 1))).toEqual({ ok: false, reason: 'malformed' });
      }),
      RUNS,
    );
    for (const char of ['+', '/', '=', ' ', '.', '%', '\u00e9', '\u{1F600}']) {
      expect(decodeFollowUpCode(`${encodeFollowUpCode([{ kind: 'activity', id: 'x' }])}${char}`).ok, char).toBe(false);
    }
  });

  it('refuses standard base64 spellings and padding', () => {
    const code = encodeFollowUpCode([{ kind: 'activity', id: 'x' }]);
    expect(code).toHaveLength(11);
    expect(decodeFollowUpCode(`${code}=`)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses non-canonical trailing bits', () => {
    // 8 bytes → 11 characters; the last one carries 2 unused bits that must be zero.
    const code = encodeFollowUpCode([{ kind: 'activity', id: 'repair-cafe' }]);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(code.at(-1) ?? '');
    expect(last & 0b11).toBe(0);
    for (const stray of [1, 2, 3]) {
      expect(decodeFollowUpCode(code.slice(0, -1) + alphabet.charAt(last | stray))).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses any truncation', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(codeOfPath, fc.nat(), (code, seed) => {
        const keep = seed % code.length;
        expect(decodeFollowUpCode(code.slice(0, keep)).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('refuses anything appended', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(codeOfPath, fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), (code, tail) => {
        expect(decodeFollowUpCode(code + tail).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('refuses truncated and extended payloads on structure even when the CRC is right', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(codeOfPath, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 20 }), (code, seed, extra) => {
        const body = bytesOf(code).slice(0, -2);
        const shorter = body.slice(0, 1 + (seed % (body.length - 1)));
        expect(decodeFollowUpCode(sealed(shorter))).toEqual({ ok: false, reason: 'malformed' });
        expect(decodeFollowUpCode(sealed([...body, ...extra]))).toEqual({ ok: false, reason: 'malformed' });
      }),
      RUNS,
    );
  });

  it('says "unsupported-version" only for an intact code from a newer format', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(codeOfPath, fc.integer({ min: 3, max: 255 }), (code, version) => {
        const bytes = bytesOf(code);
        const body = [version, ...bytes.slice(1, -2)];
        expect(decodeFollowUpCode(sealed(body))).toEqual({ ok: false, reason: 'unsupported-version' });
        expect(decodeFollowUpCode(codeOf([version, ...bytes.slice(1)]))).toEqual({ ok: false, reason: 'checksum' });
      }),
      RUNS,
    );
    expect(decodeFollowUpCode(sealed([3]))).toEqual({ ok: false, reason: 'unsupported-version' });
    expect(decodeFollowUpCode(sealed([0, 0b001_1_0000, 1, 2, 3, 4]))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses unknown kinds, empty payloads, missing last runs, too many items and empty bookings', () => {
    const ref = u32(idRef('repair-cafe'));
    for (const kind of [0, 3, 4, 5, 6, 7]) {
      expect(decodeFollowUpCode(sealed([1, (kind << 5) | 0b1_0000, ...ref])), `kind ${kind}`).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(decodeFollowUpCode(sealed([1]))).toEqual({ ok: false, reason: 'malformed' });
    expect(decodeFollowUpCode(sealed([1, 0b001_0_0000, ...ref]))).toEqual({ ok: false, reason: 'malformed' });
    expect(decodeFollowUpCode(sealed([1, 0b001_1_0000, ...ref, 0]))).toEqual({ ok: false, reason: 'malformed' });
    const sixteen = Array.from({ length: 16 }, () => ref).flat();
    expect(decodeFollowUpCode(sealed([1, 0b001_0_1111, ...sixteen, 0b001_1_0111, ...sixteen.slice(0, 32)]))).toEqual({ ok: true, version: 1, items: expect.any(Array) });
    expect(decodeFollowUpCode(sealed([1, 0b001_0_1111, ...sixteen, 0b001_1_1000, ...sixteen.slice(0, 36)]))).toEqual({ ok: false, reason: 'malformed' });
    expect(decodeFollowUpCode(sealed([1, 0b010_1_0000, ...ref, ...bookingBits(100, 0, 5)]))).toEqual({ ok: false, reason: 'malformed' });
    expect(decodeFollowUpCode(sealed([1, 0b010_1_0000, ...ref, ...bookingBits(100, 1, 5)]))).toMatchObject({ ok: true });
  });

  it('calls nothing "empty", whitespace "empty", and refuses whitespace inside', () => {
    expect(decodeFollowUpCode('')).toEqual({ ok: false, reason: 'empty' });
    expect(decodeFollowUpCode('  \t\n ')).toEqual({ ok: false, reason: 'empty' });
    const code = encodeFollowUpCode([{ kind: 'activity', id: 'repair-cafe' }]);
    expect(decodeFollowUpCode(` ${code}`)).toEqual({ ok: false, reason: 'malformed' });
    expect(decodeFollowUpCode(`${code.slice(0, 4)} ${code.slice(4)}`)).toEqual({ ok: false, reason: 'malformed' });
    expect(decodeFollowUpCode('A')).toEqual({ ok: false, reason: 'malformed' });
    expect(decodeFollowUpCode('AA')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses 100 kB of anything as "too-long" before reading it', () => {
    const code = encodeFollowUpCode([{ kind: 'activity', id: 'repair-cafe' }]);
    for (const huge of ['A'.repeat(100_000), code.repeat(10_000), ' '.repeat(100_000), '\u{1F600}'.repeat(50_000), `${'x'.repeat(100_000)}#`]) {
      expect(decodeFollowUpCode(huge)).toEqual({ ok: false, reason: 'too-long' });
      expect(parseFollowUpHash(`#${huge}`)).toEqual({ kind: 'code', result: { ok: false, reason: 'too-long' } });
    }
    expect(decodeFollowUpCode('A'.repeat(MAX_FOLLOW_UP_CODE_LENGTH + 1))).toEqual({ ok: false, reason: 'too-long' });
    expect(decodeFollowUpCode('A'.repeat(MAX_FOLLOW_UP_CODE_LENGTH)).ok).toBe(false);
    expect(decodeFollowUpCode('A'.repeat(MAX_FOLLOW_UP_CODE_LENGTH))).not.toEqual({ ok: false, reason: 'too-long' });
  });

  it('keeps every valid code well under the length cap', () => {
    const bookings = Array.from({ length: MAX_FOLLOW_UP_ITEMS }, (_, index): FollowUpItem => ({ kind: 'booking', spaceId: `s${index}`, start: 0, minutes: 1, code: '000000' }));
    expect(encodeFollowUpCode(bookings).length).toBeLessThanOrEqual(MAX_FOLLOW_UP_CODE_LENGTH);
    // The worst layout the decoder accepts: 24 single-booking runs.
    const worst = [1, ...bookings.flatMap((_, index) => [0b010_0_0000 | (index === 23 ? 0b1_0000 : 0), ...u32(index), ...bookingBits(0, 1, 0)])];
    expect(sealed(worst).length).toBeLessThanOrEqual(MAX_FOLLOW_UP_CODE_LENGTH);
    expect(decodeFollowUpCode(sealed(worst))).toMatchObject({ ok: true });
  });

  it('never throws, whatever it is given', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 600, unit: 'binary' }), fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/), fc.stringMatching(/^#?a\/.{0,40}$/)), (text) => {
        const result = decodeFollowUpCode(text);
        expect(typeof result.ok).toBe('boolean');
        expect(['code', 'activity', 'empty']).toContain(parseFollowUpHash(text).kind);
        expect(typeof codeFromUrl(text)).toBe('string');
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(decodeFollowUpCode(value as string)).toMatchObject({ ok: false });
        expect(parseFollowUpHash(value as string)).toMatchObject({ kind: typeof value === 'string' ? expect.any(String) : 'code' });
        expect(codeFromUrl(value as string)).toBe(typeof value === 'string' ? codeFromUrl(value) : '');
      }),
      RUNS,
    );
  });
});

describe('the encoder refuses what it cannot carry', () => {
  const ok: FollowUpItem = { kind: 'booking', spaceId: 'maker-bench', start: Date.UTC(2026, 0, 5, 10), minutes: 60, code: 'K7M2QX' };

  it.each<[string, FollowUpItem[], RegExp]>([
    ['no items', [], /at least one/],
    ['25 items', Array.from({ length: 25 }, () => ({ kind: 'activity', id: 'x' })), /at most 24 items.*has 25/],
    ['an empty id', [{ kind: 'activity', id: '' }], /Item 1 .*no activity id/],
    ['an empty space id', [{ ...ok, spaceId: '' }], /without a space id/],
    ['a start between minutes', [{ ...ok, start: ok.start + 1 }], /whole minute/],
    ['a start before 1970', [{ ...ok, start: -MINUTE }], /whole minute/],
    ['a start after 4011', [{ ...ok, start: 2 ** 30 * MINUTE }], /whole minute/],
    ['a start that is not a number', [{ ...ok, start: Number.NaN }], /whole minute/],
    ['zero minutes', [{ ...ok, minutes: 0 }], /1–4095 whole minutes/],
    ['too many minutes', [{ ...ok, minutes: 4096 }], /1–4095 whole minutes/],
    ['fractional minutes', [{ ...ok, minutes: 1.5 }], /1–4095 whole minutes/],
    ['a lower-case booking code', [{ ...ok, code: 'k7m2qx' }], /booking code "k7m2qx"/],
    ['a booking code with a U', [{ ...ok, code: 'K7M2QU' }], /booking code/],
    ['a short booking code', [{ ...ok, code: 'K7M2Q' }], /booking code/],
  ])('refuses %s', (_name, items, message) => {
    expect(() => encodeFollowUpCode(items)).toThrow(message);
  });

  it('names the offending item', () => {
    expect(() => encodeFollowUpCode([{ kind: 'activity', id: 'a' }, { kind: 'activity', id: 'b' }, { ...ok, minutes: 0 }])).toThrow(/^Item 3 of the path/);
  });

  it('takes exactly 24 items', () => {
    const items = Array.from({ length: 24 }, (_, index): FollowUpItem => (index % 3 ? { kind: 'activity', id: `a-${index}` } : ok));
    expect(decodeFollowUpCode(encodeFollowUpCode(items))).toEqual({ ok: true, version: versionOf(items), items: items.map(expected) });
  });
});

describe('follow-up URLs', () => {
  const items: FollowUpItem[] = [{ kind: 'activity', id: 'repair-cafe' }];

  it.each([BASE, 'https://example.org', 'https://example.org/follow/?site=rm', 'http://localhost:5173/', 'http://127.0.0.1/follow/'])('accepts %s', (base) => {
    expect(followUpUrl(base, items)).toBe(`${base}#${encodeFollowUpCode(items)}`);
    expect(followUpActivityUrl(base, 'repair-cafe')).toBe(`${base}#a/repair-cafe`);
  });

  it.each(['http://wegwijzer.example.org/', 'http://192.168.1.10/', 'ftp://example.org/', 'javascript:alert(1)', 'wegwijzer.example.org/', '', ' https://example.org/', 'https://example.org/#old', 'https://exa mple.org/'])(
    'refuses %j with a clear error',
    (base) => {
      expect(() => followUpUrl(base, items)).toThrow(/follow-up base URL/);
      expect(() => followUpActivityUrl(base, 'repair-cafe')).toThrow(/follow-up base URL/);
    },
  );

  it('refuses a poster for something that is not an activity id', () => {
    expect(() => followUpActivityUrl(BASE, 'Repair Café')).toThrow(/not an activity id/);
  });

  it('finds the code in a URL, a fragment or on its own', () => {
    const code = encodeFollowUpCode(items);
    expect(codeFromUrl(`${BASE}#${code}`)).toBe(code);
    expect(codeFromUrl(`#${code}`)).toBe(code);
    expect(codeFromUrl(code)).toBe(code);
    expect(codeFromUrl(BASE)).toBe('');
    expect(codeFromUrl('#')).toBe('');
    expect(decodeFollowUpCode(codeFromUrl(BASE))).toEqual({ ok: false, reason: 'empty' });
  });

  it('reads the fragment: a code, a poster activity, or nothing', () => {
    const code = encodeFollowUpCode(items);
    expect(parseFollowUpHash('')).toEqual({ kind: 'empty' });
    expect(parseFollowUpHash('#')).toEqual({ kind: 'empty' });
    expect(parseFollowUpHash('#a/repair-cafe')).toEqual({ kind: 'activity', id: 'repair-cafe' });
    expect(parseFollowUpHash('a/repair-cafe')).toEqual({ kind: 'activity', id: 'repair-cafe' });
    expect(parseFollowUpHash(new URL(followUpActivityUrl(BASE, 'open-choir')).hash)).toEqual({ kind: 'activity', id: 'open-choir' });
    expect(parseFollowUpHash(`#${code}`)).toEqual({ kind: 'code', result: { ok: true, version: versionOf(items), items: items.map(expected) } });
    for (const bad of ['#a/', '#a/Repair-Cafe', '#a/repair%20cafe', '#a/-x', '#a/x/y', `#a/${'x'.repeat(201)}`]) {
      expect(parseFollowUpHash(bad), bad).toEqual({ kind: 'code', result: { ok: false, reason: 'malformed' } });
    }
    expect(parseFollowUpHash('#!!')).toEqual({ kind: 'code', result: { ok: false, reason: 'malformed' } });
  });
});

describe('booking codes', () => {
  it('use six symbols of a 32-letter alphabet without look-alikes', () => {
    expect(BOOKING_CODE_LENGTH).toBe(6);
    expect(new Set(BOOKING_CODE_ALPHABET).size).toBe(32);
    expect(BOOKING_CODE_ALPHABET).not.toMatch(/[ILOU]/);
    expect(isBookingCode('K7M2QX')).toBe(true);
    for (const bad of ['k7m2qx', 'K7M2Q', 'K7M2QXZ', 'K7M2QO', 'K7M2QI', 'K7M2QL', 'K7M2QU', 'K7M-2QX', ' K7M2QX', '']) {
      expect(isBookingCode(bad), bad).toBe(false);
    }
  });

  it('normalise what people type', () => {
    expect(normalizeBookingCode('k7m2qx')).toBe('K7M2QX');
    expect(normalizeBookingCode('o1iL0o')).toBe('011100');
    expect(normalizeBookingCode('K7M-2QX')).toBe('K7M2QX');
    expect(normalizeBookingCode(' k7m 2qx ')).toBe('K7M2QX');
    for (const bad of ['K7M2QU', 'K7M2Q', 'K7M2QXX', 'K7M2Q!', '', 'x'.repeat(10_000)]) {
      expect(normalizeBookingCode(bad), bad).toBeUndefined();
    }
  });

  it('normalise any case and look-alike spelling back to the code', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const lookAlikes: Record<string, string[]> = { '0': ['0', 'O', 'o'], '1': ['1', 'I', 'i', 'L', 'l'] };
    const spelling = bookingCode.chain((code) =>
      fc.tuple(fc.constant(code), fc.tuple(...[...code].map((symbol) => fc.constantFrom(...(lookAlikes[symbol] ?? [symbol, symbol.toLowerCase()])))).map((symbols) => symbols.join(''))),
    );
    fc.assert(
      fc.property(spelling, ([code, typed]) => {
        expect(normalizeBookingCode(typed)).toBe(code);
      }),
      RUNS,
    );
  });
});

describe('refs', () => {
  it('resolve against the catalogue; a removed activity is unknown, not an error', () => {
    const code = encodeFollowUpCode([
      { kind: 'activity', id: 'repair-cafe' },
      { kind: 'activity', id: 'retired-workshop' },
      { kind: 'booking', spaceId: 'maker-bench', start: Date.UTC(2026, 0, 5, 10), minutes: 60, code: 'K7M2QX' },
    ]);
    const decoded = decodeFollowUpCode(code);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(resolveFollowUpItems(decoded.items, { activityIds: ['open-choir', 'repair-cafe', 'maker-bench'], spaceIds: ['maker-bench'] })).toEqual([
      { kind: 'activity', activity: { ref: idRef('repair-cafe'), status: 'known', id: 'repair-cafe' } },
      { kind: 'activity', activity: { ref: idRef('retired-workshop'), status: 'unknown' } },
      { kind: 'booking', space: { ref: idRef('maker-bench'), status: 'known', id: 'maker-bench' }, start: Date.UTC(2026, 0, 5, 10), minutes: 60, code: 'K7M2QX' },
    ]);
    expect(resolveRefs([idRef('a'), 42], new Set(['b', 'a']))).toEqual([
      { ref: idRef('a'), status: 'known', id: 'a' },
      { ref: 42, status: 'unknown' },
    ]);
  });

  it('treat a ref two ids share as unknown rather than guess', () => {
    expect(idRef('costarring')).toBe(idRef('liquid'));
    expect(resolveRefs([idRef('liquid')], ['costarring', 'liquid'])).toEqual([{ ref: idRef('liquid'), status: 'unknown' }]);
    expect(resolveRefs([idRef('liquid')], ['liquid', 'liquid'])).toEqual([{ ref: idRef('liquid'), status: 'known', id: 'liquid' }]);
  });

  it('report every colliding pair, and repeats of one id as none', () => {
    expect(findRefCollisions(['repair-cafe', 'costarring', 'open-choir', 'liquid', 'declinate', 'macallums', 'repair-cafe'])).toEqual([
      ['costarring', 'liquid'],
      ['declinate', 'macallums'],
    ]);
    expect(findRefCollisions(['altarage', 'zinke', 'altarages', 'zinkes'])).toEqual([
      ['altarage', 'zinke'],
      ['altarages', 'zinkes'],
    ]);
    expect(findRefCollisions(['a', 'a', 'b'])).toEqual([]);
    expect(findRefCollisions([])).toEqual([]);
  });

  it('find exactly the pairs that share a ref', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.array(anyId, { maxLength: 30 }), (ids) => {
        const distinct = [...new Set(ids)];
        const pairs = distinct.flatMap((first, index) => distinct.slice(index + 1).filter((second) => idRef(first) === idRef(second)).map((second) => [first, second]));
        // Lone surrogates all become U+FFFD in UTF-8, so groups of three or more do occur here.
        const sorted = (list: string[][]): string[] => list.map((pair) => JSON.stringify(pair)).sort();
        expect(sorted(findRefCollisions(ids))).toEqual(sorted(pairs));
      }),
      RUNS,
    );
  });
});

describe('places on an activity\'s session (version 2)', () => {
  const drawing = { kind: 'place' as const, activityId: 'academy-drawing', start: Date.UTC(2026, 11, 9, 12, 30), minutes: 180, code: 'K7M2QX' };

  it('writes version 1 for a path without places, so codes made before places stay the same', () => {
    const items: FollowUpItem[] = [{ kind: 'activity', id: 'repair-cafe' }, { kind: 'booking', spaceId: 'music-1', start: drawing.start, minutes: 60, code: 'K7M2QX' }];
    expect(bytesOf(encodeFollowUpCode(items))[0]).toBe(1);
    expect(decodeFollowUpCode(encodeFollowUpCode(items))).toMatchObject({ ok: true, version: 1 });
  });

  it('writes version 2 with a place, which reads back as the activity, session and code', () => {
    const code = encodeFollowUpCode([{ kind: 'activity', id: 'repair-cafe' }, drawing]);
    expect(bytesOf(code)[0]).toBe(2);
    const result = decodeFollowUpCode(code);
    expect(result).toEqual({ ok: true, version: 2, items: [{ kind: 'activity', ref: idRef('repair-cafe') }, expected(drawing)] });
    if (!result.ok) return;
    expect(resolveFollowUpItems(result.items, { activityIds: ['repair-cafe', 'academy-drawing'], spaceIds: [] })[1]).toEqual({
      kind: 'place',
      activity: { ref: idRef('academy-drawing'), status: 'known', id: 'academy-drawing' },
      start: drawing.start,
      minutes: 180,
      code: 'K7M2QX',
    });
  });

  it('refuses the place kind under version 1, and a place without an activity id', () => {
    const ref = u32(idRef('academy-drawing'));
    expect(decodeFollowUpCode(sealed([1, (3 << 5) | 0b1_0000, ...ref, ...bookingBits(100, 60, 5)]))).toEqual({ ok: false, reason: 'malformed' });
    expect(decodeFollowUpCode(sealed([2, (3 << 5) | 0b1_0000, ...ref, ...bookingBits(100, 60, 5)]))).toMatchObject({ ok: true, items: [{ kind: 'place', activityRef: idRef('academy-drawing'), start: 100 * MINUTE, minutes: 60 }] });
    expect(() => encodeFollowUpCode([{ ...drawing, activityId: '' }])).toThrow(/place without an activity id/);
  });
});
