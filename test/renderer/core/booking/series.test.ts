import { describe, expect, it } from 'vitest';
import { planSeries, planSeriesEdit, seriesDates, validateSeries, type SeriesDefinition } from '../../../../src-renderer/core/booking/series';
import { bookingCodeFromBytes, idFromBytes } from '../../../../src-renderer/core/booking/code';
import { isBookingCode } from '../../../../src-renderer/core/path-code';
import type { Organisation } from '../../../../src-renderer/core/model';
import { ALWAYS_OPEN, MINUTE, NOW, at, booking, local, practiceRoom, session, site } from './fixtures';

function definition(overrides: Partial<SeriesDefinition> = {}): SeriesDefinition {
  return {
    spaceId: 'practice-1',
    organisationId: 'choir-club',
    startTime: '19:00',
    minutes: 120,
    pattern: { kind: 'weekly', interval: 1 },
    from: '2026-03-24',
    until: '2026-04-28',
    exceptions: [],
    ...overrides,
  };
}

const resident: Organisation = { id: 'choir-club', name: 'Choir club', kind: 'resident', description: {} };
const room = practiceRoom();

describe('seriesDates', () => {
  it('repeats weekly and biweekly on the weekday of the first date', () => {
    expect(seriesDates(definition())).toEqual(['2026-03-24', '2026-03-31', '2026-04-07', '2026-04-14', '2026-04-21', '2026-04-28']);
    expect(seriesDates(definition({ pattern: { kind: 'weekly', interval: 2 } }))).toEqual(['2026-03-24', '2026-04-07', '2026-04-21']);
  });

  it('repeats on several weekdays, from the first date on', () => {
    const dates = seriesDates(definition({ from: '2026-03-25', until: '2026-04-05', pattern: { kind: 'weekly', interval: 1, weekdays: ['tue', 'thu'] } }));
    expect(dates).toEqual(['2026-03-26', '2026-03-31', '2026-04-02']);
  });

  it('repeats monthly by weekday position and by month day, leaving out months without that day', () => {
    const second = seriesDates(definition({ from: '2026-01-01', until: '2026-06-30', pattern: { kind: 'monthly-weekday', position: 2, weekday: 'tue' } }));
    expect(second).toEqual(['2026-01-13', '2026-02-10', '2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09']);
    const last = seriesDates(definition({ from: '2026-01-01', until: '2026-03-31', pattern: { kind: 'monthly-weekday', position: -1, weekday: 'fri' } }));
    expect(last).toEqual(['2026-01-30', '2026-02-27', '2026-03-27']);
    const fifth = seriesDates(definition({ from: '2026-01-01', until: '2026-06-30', pattern: { kind: 'monthly-weekday', position: 5, weekday: 'fri' } }));
    expect(fifth).toEqual(['2026-01-30', '2026-05-29']);
    const thirtyFirst = seriesDates(definition({ from: '2026-01-15', until: '2026-07-31', pattern: { kind: 'monthly-day', day: 31 } }));
    expect(thirtyFirst).toEqual(['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31']);
  });

  it('stops at a count (exceptions included) or the end date, whichever comes first', () => {
    const { until: _until, ...open } = definition();
    expect(seriesDates({ ...open, count: 3, exceptions: ['2026-03-31'] })).toEqual(['2026-03-24', '2026-03-31', '2026-04-07']);
    expect(seriesDates(definition({ count: 10, until: '2026-04-07' }))).toHaveLength(3);
  });

  it('explains a definition that cannot work', () => {
    const { until: _until, ...endless } = definition();
    expect(validateSeries({ ...endless })).toEqual(['Give a last date or a number of sessions.']);
    expect(validateSeries(definition({ startTime: '7pm', until: '2026-03-01' }))).toEqual([
      'The start time must be written HH:mm, e.g. 19:00.',
      'The last date comes before the first.',
    ]);
    expect(() => planSeries(definition({ minutes: 0 }), { site: site(), now: NOW, space: room, existing: [] })).toThrow(/length/);
  });
});

describe('planSeries', () => {
  it('plans every occurrence in local wall-clock time, across the DST change', () => {
    const plan = planSeries(definition(), { site: site(), now: NOW, space: room, organisation: resident, existing: [] });
    expect(plan.conflicts).toEqual([]);
    expect(plan.skipped).toEqual([]);
    expect(plan.create.map((o) => local(o.start))).toEqual([
      '2026-03-24T19:00', '2026-03-31T19:00', '2026-04-07T19:00', '2026-04-14T19:00', '2026-04-21T19:00', '2026-04-28T19:00',
    ]);
    // 19:00 stays 19:00 after the clocks change: the UTC hour moves instead.
    expect(new Date(plan.create[0]!.start).getUTCHours()).toBe(18);
    expect(new Date(plan.create[1]!.start).getUTCHours()).toBe(17);
    for (const o of plan.create) expect(o.end - o.start).toBe(120 * MINUTE);
  });

  it('reports each collision with what it collides with, and skips exceptions', () => {
    const existing = [
      booking('2026-03-31T20:00', '2026-03-31T21:00', { code: 'VIS1TR', id: 'visitor-1' }),
      session('2026-04-14T18:00', '2026-04-14T19:00', 'repair-cafe'),
    ];
    const plan = planSeries(definition({ exceptions: ['2026-04-21'] }), { site: site(), now: NOW, space: room, organisation: resident, existing });
    expect(plan.create.map((o) => o.date)).toEqual(['2026-03-24', '2026-04-07', '2026-04-28']);
    expect(plan.conflicts.map((c) => [c.date, c.from, c.to, c.violations.map((v) => v.rule), c.collidesWith.map((i) => i.code ?? i.activityId)])).toEqual([
      ['2026-03-31', '19:00', '21:00', ['fully-booked'], ['VIS1TR']],
      ['2026-04-14', '19:00', '21:00', ['in-buffer'], ['repair-cafe']],
    ]);
    expect(plan.skipped).toEqual([{ date: '2026-04-21', reason: 'exception', message: '2026-04-21 is left out of the series.' }]);
  });

  it("leaves out a guest's dates outside their period, and past dates", () => {
    const guest: Organisation = { ...resident, kind: 'guest', period: { from: '2026-04-01', until: '2026-04-20' } };
    const plan = planSeries(definition({ from: '2026-03-17' }), { site: site(), now: NOW, space: room, organisation: guest, existing: [] });
    expect(plan.create.map((o) => o.date)).toEqual(['2026-04-07', '2026-04-14']);
    expect(plan.skipped.map((s) => [s.date, s.reason])).toEqual([
      ['2026-03-17', 'outside-guest-period'],
      ['2026-03-24', 'outside-guest-period'],
      ['2026-03-31', 'outside-guest-period'],
      ['2026-04-21', 'outside-guest-period'],
      ['2026-04-28', 'outside-guest-period'],
    ]);
    const past = planSeries(definition({ from: '2026-03-16' }), { site: site(), now: NOW, space: room, organisation: resident, existing: [] });
    expect(past.skipped.map((s) => [s.date, s.reason])).toEqual([['2026-03-16', 'in-past']]);
  });

  it('checks each occurrence against the rules: hours and closures become conflicts', () => {
    const closed = practiceRoom({ closures: [{ from: '2026-04-06', until: '2026-04-10', reason: { en: 'Easter' } }] });
    const plan = planSeries(definition({ startTime: '21:00' }), { site: site(), now: NOW, space: closed, organisation: resident, existing: [] });
    expect(plan.create).toEqual([]);
    expect(plan.conflicts.find((c) => c.date === '2026-04-07')?.violations.map((v) => v.rule)).toEqual(['outside-hours', 'closed']);
    expect(plan.conflicts.find((c) => c.date === '2026-03-24')?.violations.map((v) => v.rule)).toEqual(['outside-hours']);
  });

  it('skips a start in the spring gap and takes the earlier 02:30 in the autumn fold', () => {
    const night = practiceRoom({ openingHours: ALWAYS_OPEN, bufferMinutes: 0 });
    const sundays = definition({ startTime: '02:30', minutes: 60, from: '2026-03-22', until: '2026-04-05' });
    const spring = planSeries(sundays, { site: site(), now: at('2026-03-01T12:00'), space: night, organisation: resident, existing: [] });
    expect(spring.skipped.map((s) => [s.date, s.reason])).toEqual([['2026-03-29', 'nonexistent-time']]);
    expect(spring.create.map((o) => o.date)).toEqual(['2026-03-22', '2026-04-05']);
    const autumn = planSeries({ ...sundays, from: '2026-10-25', until: '2026-10-25' }, { site: site(), now: at('2026-10-01T12:00'), space: night, organisation: resident, existing: [] });
    expect(autumn.create[0]?.start).toBe(at('2026-10-25T02:30', 'earlier'));
    expect(autumn.create[0]?.to).toBe('02:30');
  });
});

describe('planSeriesEdit', () => {
  it('moves occurrences to a new time, reporting those that would collide', () => {
    const occurrences = [
      { bookingId: 'a', date: '2026-03-24', start: at('2026-03-24T19:00'), end: at('2026-03-24T21:00') },
      { bookingId: 'b', date: '2026-03-31', start: at('2026-03-31T19:00'), end: at('2026-03-31T21:00') },
    ];
    const existing = [booking('2026-03-31T18:00', '2026-03-31T18:30', { code: 'EARLY1' })];
    const plan = planSeriesEdit(occurrences, { startTime: '18:30', minutes: 90, space: room }, { site: site(), now: NOW, existing });
    expect(plan.update.map((u) => [u.bookingId, local(u.start), local(u.end)])).toEqual([['a', '2026-03-24T18:30', '2026-03-24T20:00']]);
    expect(plan.conflicts.map((c) => [c.bookingId, c.violations.map((v) => v.rule), c.collidesWith.map((i) => i.code)])).toEqual([['b', ['in-buffer'], ['EARLY1']]]);
  });
});

describe('booking codes and ids', () => {
  it('maps random bytes onto the code alphabet', () => {
    expect(bookingCodeFromBytes(new Uint8Array([0, 1, 31, 32, 255, 10]))).toBe('01Z0ZA');
    for (let i = 0; i < 50; i++) expect(isBookingCode(bookingCodeFromBytes(crypto.getRandomValues(new Uint8Array(6))))).toBe(true);
    expect(() => bookingCodeFromBytes(new Uint8Array(3))).toThrow(RangeError);
    expect(idFromBytes('bk', new Uint8Array([1, 171]))).toBe('bk-01ab');
  });
});
