// The one date and time formatter every screen uses (kiosk, booking, staff and the follow-up page).
// Intl only, no Temporal, so the follow-up page can share it without growing its first download.
// Always keyed to a full locale and always 24-hour: a bare "en" gives "02:00 PM" and "December 2"
// beside 24-hour slots.
import type { Locale } from './model';

/** BCP 47 tags for Intl: the site is in Belgium, so Belgian conventions where the language has them. */
export const INTL_LOCALES: Record<Locale, string> = { nl: 'nl-BE', en: 'en-GB', fr: 'fr-BE', tr: 'tr-TR' };

/** The full locale for a language code ("en" → "en-GB"); a full tag passes through unchanged. */
export function intlLocale(locale: string): string {
  return (INTL_LOCALES as Record<string, string>)[locale] ?? locale;
}

const FORMAT_OPTIONS = {
  time: { hour: '2-digit', minute: '2-digit' },
  day: { weekday: 'long', day: 'numeric', month: 'long' },
  shortDay: { weekday: 'short', day: 'numeric', month: 'short' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  fullDate: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  weekday: { weekday: 'long' },
  shortWeekday: { weekday: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof FORMAT_OPTIONS;

// Building an Intl.DateTimeFormat is costly and a list formats hundreds of times per render.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The cached formatter for a style; `hourCycle: 'h23'` keeps every locale on the 24-hour clock. */
export function dateFormatter(locale: string, timeZone: string, style: DateStyle): Intl.DateTimeFormat {
  const tag = intlLocale(locale);
  const key = `${tag}|${timeZone}|${style}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(tag, { ...FORMAT_OPTIONS[style], hourCycle: 'h23', timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

/** "14:00" in every language. */
export function formatTime(ms: number, timeZone: string, locale: string): string {
  return dateFormatter(locale, timeZone, 'time').format(ms);
}

/** "zaterdag 28 maart", "Saturday 28 March". */
export function formatDay(ms: number, timeZone: string, locale: string): string {
  return dateFormatter(locale, timeZone, 'day').format(ms);
}

/** "28 maart 2026", for dates that may lie in another year. */
export function formatDate(ms: number, timeZone: string, locale: string): string {
  return dateFormatter(locale, timeZone, 'date').format(ms);
}

/** "donderdag 2 april 2026": a booking's day, stated in full. */
export function formatFullDate(ms: number, timeZone: string, locale: string): string {
  return dateFormatter(locale, timeZone, 'fullDate').format(ms);
}

/** Numbers the way the language writes them: "2,5" in Dutch, "2.5" in English. */
export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLocale(locale), options).format(value);
}
