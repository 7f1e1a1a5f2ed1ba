// Dates and times in the site's time zone, in the visitor's language. Intl only: the phone needs no
// Temporal for reading, which keeps the first download small (Temporal loads with "add to calendar").
import type { Locale } from '../core/model';
import { formatNumber } from '../core/datetime';

const keyFormatters = new Map<string, Intl.DateTimeFormat>();

// "en-CA" writes dates as YYYY-MM-DD: a stable key for "is this today?".
function keyFormatter(timeZone: string): Intl.DateTimeFormat {
  let cached = keyFormatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
    keyFormatters.set(timeZone, cached);
  }
  return cached;
}

// The kiosk and this page read dates alike: one shared formatter in core.
export { formatDate, formatDay, formatFullDate, formatTime } from '../core/datetime';

/** The local calendar day "YYYY-MM-DD" of an instant in the zone. */
export function dayKey(ms: number, timeZone: string): string {
  return keyFormatter(timeZone).format(ms);
}

/** 0 for today, 1 for tomorrow, in the zone's calendar; anything else is simply "later". */
export function daysFromToday(ms: number, now: number, timeZone: string): number | undefined {
  const day = dayKey(ms, timeZone);
  const today = dayKey(now, timeZone);
  if (day === today) return 0;
  // Calendar arithmetic on the date alone: adding 24 hours of instants would be wrong near midnight
  // on the days the clocks change.
  const [year = 0, month = 1, date = 1] = today.split('-').map(Number);
  const tomorrow = new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
  return day === tomorrow ? 1 : undefined;
}

/** Whether the phone's own zone shows different wall-clock times than the site's. */
export function phoneZoneDiffers(siteTimeZone: string, now: number): boolean {
  try {
    const phone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (phone === siteTimeZone) return false;
    const time = (timeZone: string): string => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', day: '2-digit' }).format(now);
    return time(phone) !== time(siteTimeZone);
  } catch {
    return false;
  }
}

/** Euro amounts the way the language writes them: "7,50" in Dutch, "7.50" in English. */
export function formatAmount(amount: number, locale: Locale): string {
  return formatNumber(amount, locale, { minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 });
}
