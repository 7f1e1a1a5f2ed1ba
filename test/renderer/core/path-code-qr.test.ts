// The follow-up QR must stay small enough to scan from arm's length: version 7 or lower at error
// correction M, with a realistic base URL. The code's length depends only on the kinds of items and
// their order, never on the ids, so these checks hold for every path of the same shape.
import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { BOOKING_CODE_ALPHABET, followUpUrl, type FollowUpItem } from '../../../src-renderer/core/path-code';
import { PROPERTY_TIMEOUT_MS } from '../../support/property';

const BASE = 'https://wegwijzer.example.org/regina-mundi/';
const MAX_QR_VERSION = 7;
const ACTIVITY_IDS = ['repair-cafe', 'open-choir', 'maker-bench-intro', 'homework-help', 'garden-club', 'chess-afternoon', 'coding-dojo', 'language-table-dutch'];

function qrVersion(url: string): number {
  return QRCode.create(url, { errorCorrectionLevel: 'M' }).version;
}

function activity(id: string): FollowUpItem {
  return { kind: 'activity', id };
}

function booking(spaceId: string, isoStart: string, minutes: number, code: string): FollowUpItem {
  return { kind: 'booking', spaceId, start: Date.parse(isoStart), minutes, code };
}

const report = (label: string, url: string): void => {
  console.info(`${label}: URL ${url.length} characters, QR version ${qrVersion(url)} at M — ${url}`);
};

describe('follow-up QR size', () => {
  it('fits 8 activities in QR version ≤ 7 at M', () => {
    const url = followUpUrl(BASE, ACTIVITY_IDS.map(activity));
    report('8 activities', url);
    expect(url.length).toBe(BASE.length + 1 + 48);
    expect(qrVersion(url)).toBeLessThanOrEqual(MAX_QR_VERSION);
  });

  it('fits 6 activities and 2 bookings in QR version ≤ 7 at M, in the worst order', () => {
    const practice = booking('practice-room-2', '2026-03-14T13:30:00Z', 90, 'K7M2QX');
    const bench = booking('maker-bench', '2026-03-21T09:00:00Z', 120, 'AB12CD');
    const [a = '', b = '', c = '', d = '', e = '', f = ''] = ACTIVITY_IDS;
    // Bookings between activities need the most run headers: five runs.
    const worst = followUpUrl(BASE, [activity(a), practice, activity(b), bench, activity(c), activity(d), activity(e), activity(f)]);
    const together = followUpUrl(BASE, [activity(a), activity(b), activity(c), practice, bench, activity(d), activity(e), activity(f)]);
    report('6 activities + 2 bookings, worst order', worst);
    report('6 activities + 2 bookings, bookings together', together);
    expect(qrVersion(worst)).toBeLessThanOrEqual(MAX_QR_VERSION);
    expect(qrVersion(together)).toBeLessThanOrEqual(MAX_QR_VERSION);
  });

  it('keeps any path of 8 items with at most 2 bookings at QR version ≤ 7', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const bookingCode = fc.array(fc.constantFrom(...BOOKING_CODE_ALPHABET), { minLength: 6, maxLength: 6 }).map((symbols) => symbols.join(''));
    const anActivity = fc.string({ minLength: 1, maxLength: 30 }).map(activity);
    const aBooking: fc.Arbitrary<FollowUpItem> = fc.record({
      kind: fc.constant('booking' as const),
      spaceId: fc.string({ minLength: 1, maxLength: 30 }),
      start: fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) / 60_000 - 1 }).map((minutes) => minutes * 60_000),
      minutes: fc.integer({ min: 1, max: 1440 }),
      code: bookingCode,
    });
    // Eight activities, then up to two of them replaced by bookings at any position.
    const path = fc.tuple(fc.array(anActivity, { minLength: 8, maxLength: 8 }), fc.array(fc.tuple(fc.nat(7), aBooking), { maxLength: 2 })).map(([items, bookings]) => {
      const mixed = [...items];
      for (const [at, entry] of bookings) mixed[at] = entry;
      return mixed;
    });
    fc.assert(
      fc.property(path, (items) => {
        expect(qrVersion(followUpUrl(BASE, items))).toBeLessThanOrEqual(MAX_QR_VERSION);
      }),
      { numRuns: 1000 },
    );
  });
});
