// The staff timeline shows SITE wall-clock time whatever zone the PC runs in. `npm run test:unit`
// runs these under several TZ values (e.g. TZ=America/New_York); nothing here may depend on it.
import { describe, expect, it } from 'vitest';
import { addDays, fromFloating, instantFromFields, localDaysRange, mondayOf, shiftInstant, toFloating } from '../../../src-renderer/staff/calendar-time';

const BRUSSELS = 'Europe/Brussels';
const at = (iso: string) => Date.parse(iso);
const delta = (days: number, seconds = 0) => ({ years: 0, months: 0, days, seconds });

describe('site time on the staff calendar', () => {
  it('shows an instant as Brussels wall-clock time and reads it back, in any PC zone', () => {
    const start = at('2026-12-09T17:00:00Z');
    expect(toFloating(start, BRUSSELS)).toBe('2026-12-09T18:00');
    expect(fromFloating('2026-12-09T18:00', BRUSSELS)).toBe(start);
    // The calendar's startStr carries seconds.
    expect(fromFloating('2026-12-09T18:00:00', BRUSSELS)).toBe(start);
  });

  it('keeps wall-clock times across Brussels DST changes', () => {
    expect(toFloating(at('2026-03-29T00:30:00Z'), BRUSSELS)).toBe('2026-03-29T01:30');
    expect(toFloating(at('2026-03-29T01:30:00Z'), BRUSSELS)).toBe('2026-03-29T03:30');
    // 02:30 does not exist that night: it moves forward; the autumn 02:30 takes the earlier instant.
    expect(fromFloating('2026-03-29T02:30', BRUSSELS)).toBe(at('2026-03-29T01:30:00Z'));
    expect(fromFloating('2026-10-25T02:30', BRUSSELS)).toBe(at('2026-10-25T00:30:00Z'));
  });

  it('does not shift on the PC zone’s own DST night (New York springs forward on 8 March)', () => {
    // 02:30 exists in Brussels on 8 March 2026 although it does not in New York.
    const instant = fromFloating('2026-03-08T02:30', BRUSSELS);
    expect(instant).toBe(at('2026-03-08T01:30:00Z'));
    expect(toFloating(instant, BRUSSELS)).toBe('2026-03-08T02:30');
  });

  it('moves a dragged booking by the calendar delta on the wall clock', () => {
    const start = at('2026-03-28T17:00:00Z'); // Saturday 18:00 CET
    // One day on, across the spring change: still 18:00, now CEST, 23 hours later.
    const moved = shiftInstant(start, delta(1), BRUSSELS);
    expect(toFloating(moved, BRUSSELS)).toBe('2026-03-29T18:00');
    expect(moved - start).toBe(23 * 3_600_000);
    // Half an hour later on the same day.
    expect(toFloating(shiftInstant(start, delta(0, 1800), BRUSSELS), BRUSSELS)).toBe('2026-03-28T18:30');
    expect(shiftInstant(start, delta(0), BRUSSELS)).toBe(start);
  });

  it('spans whole local days, 23 hours on the spring DST day', () => {
    const day = localDaysRange('2026-03-29', 1, BRUSSELS);
    expect(day.from).toBe(at('2026-03-28T23:00:00Z'));
    expect(day.to - day.from).toBe(23 * 3_600_000);
    const week = localDaysRange('2026-12-07', 7, BRUSSELS);
    expect(week.to - week.from).toBe(7 * 86_400_000);
  });

  it('walks days and finds the Monday of a week', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-12-09', -7)).toBe('2026-12-02');
    expect(mondayOf('2026-12-09')).toBe('2026-12-07');
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    expect(mondayOf('2026-12-13')).toBe('2026-12-07');
  });

  it('turns a date field and a time field into an instant, or nothing when malformed', () => {
    expect(instantFromFields('2026-12-09', '18:00', BRUSSELS)).toBe(at('2026-12-09T17:00:00Z'));
    expect(instantFromFields('2026-12-09', '', BRUSSELS)).toBeUndefined();
    expect(instantFromFields('', '18:00', BRUSSELS)).toBeUndefined();
    expect(instantFromFields('2026-02-30', '18:00', BRUSSELS)).toBeUndefined();
    expect(instantFromFields('2026-12-09', '24:00', BRUSSELS)).toBeUndefined();
  });
});
