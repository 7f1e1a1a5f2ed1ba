import { describe, expect, it } from 'vitest';
import { formatDate, formatDay, formatFullDate, formatNumber, formatTime, intlLocale } from '../../../src-renderer/core/datetime';
import * as followFormat from '../../../src-renderer/follow/format';
import * as timing from '../../../src-renderer/core/timing';
import { LOCALES } from '../../../src-renderer/core/model';

const BRUSSELS = 'Europe/Brussels';
// Wednesday 2 December 2026, 14:05 in Brussels (UTC+1).
const AFTERNOON = Date.UTC(2026, 11, 2, 13, 5);
// Thursday 3 December 2026, 00:30 in Brussels: midnight reads 00, never 24 or 12.
const AFTER_MIDNIGHT = Date.UTC(2026, 11, 2, 23, 30);

describe('the shared date and time formatter', () => {
  it('keys every language to a full locale', () => {
    expect(LOCALES.map(intlLocale)).toEqual(['nl-BE', 'en-GB', 'fr-BE', 'tr-TR']);
    expect(intlLocale('en-US')).toBe('en-US');
  });

  it.each(LOCALES)('writes 24-hour times in %s', (locale) => {
    expect(formatTime(AFTERNOON, BRUSSELS, locale)).toMatch(/^14[:.]05$/);
    expect(formatTime(AFTER_MIDNIGHT, BRUSSELS, locale)).toMatch(/^00[:.]30$/);
    expect(formatTime(AFTERNOON, BRUSSELS, locale)).not.toMatch(/AM|PM/i);
  });

  it('stays on 24 hours even for a locale that prefers 12', () => {
    expect(formatTime(AFTERNOON, BRUSSELS, 'en-US')).toBe('14:05');
  });

  it('names days and months in each language, day before month', () => {
    expect(formatDay(AFTERNOON, BRUSSELS, 'nl')).toBe('woensdag 2 december');
    expect(formatDay(AFTERNOON, BRUSSELS, 'en')).toBe('Wednesday 2 December');
    expect(formatDay(AFTERNOON, BRUSSELS, 'fr')).toBe('mercredi 2 décembre');
    expect(formatDay(AFTERNOON, BRUSSELS, 'tr')).toBe('2 Aralık Çarşamba');
    expect(formatDate(AFTERNOON, BRUSSELS, 'en')).toBe('2 December 2026');
    expect(formatFullDate(AFTER_MIDNIGHT, BRUSSELS, 'nl')).toBe('donderdag 3 december 2026');
  });

  it('is the same function for the kiosk and the follow-up page', () => {
    expect(timing.formatTime).toBe(formatTime);
    expect(timing.formatDay).toBe(formatDay);
    expect(followFormat.formatTime).toBe(formatTime);
    expect(followFormat.formatDay).toBe(formatDay);
    expect(followFormat.formatDate).toBe(formatDate);
    expect(followFormat.formatFullDate).toBe(formatFullDate);
  });

  it('writes numbers the way the language does', () => {
    expect(formatNumber(2.5, 'nl')).toBe('2,5');
    expect(formatNumber(2.5, 'en')).toBe('2.5');
    expect(followFormat.formatAmount(7.5, 'nl')).toBe('7,50');
  });
});
