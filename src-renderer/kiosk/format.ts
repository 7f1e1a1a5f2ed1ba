// Small pure helpers that turn domain values into the words a screen shows.
import type { MessageKey } from '../core/i18n';
import { Temporal } from 'temporal-polyfill';
import type { Activity, Closure, Locale, Occurrence } from '../core/model';
import { formatDay, formatTime, liveState, localDayKey } from '../core/timing';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "On now · 20 min left", "Starts in 5 min", or "Sat 6 Dec · 14:00" (today: "Today · 14:00"). */
export function whenLabel(occurrence: Occurrence, nowMs: number, timeZone: string, locale: Locale, t: Translate): string {
  const state = liveState(occurrence, nowMs);
  switch (state.kind) {
    case 'running':
      return t('live.running', { minutes: state.endsInMinutes });
    case 'starts-soon':
      return t('live.soon', { minutes: state.inMinutes });
    default:
      return startLabel(occurrence, nowMs, timeZone, locale, t);
  }
}

/** "Today · 14:00" or "Sat 6 Dec · 14:00": when it starts, however the clock stands (for called-off sessions). */
export function startLabel(occurrence: Occurrence, nowMs: number, timeZone: string, locale: Locale, t: Translate): string {
  const today = localDayKey(nowMs, timeZone) === localDayKey(occurrence.start, timeZone);
  const day = today ? t('time.today') : formatDay(occurrence.start, timeZone, locale);
  return t('live.later', { day, time: formatTime(occurrence.start, timeZone, locale) });
}

/** "14:00–16:00" in the site's zone. */
export function timeRange(occurrence: Occurrence, timeZone: string, locale: Locale): string {
  return `${formatTime(occurrence.start, timeZone, locale)}–${formatTime(occurrence.end, timeZone, locale)}`;
}

/** Price words: "Free", "€5", "Pay what you can". */
export function priceLabel(activity: Activity, t: Translate): string {
  const { price } = activity;
  if (price.kind === 'paid') return t('price.paid', { amount: price.amount ?? '' });
  return t(price.kind === 'free' ? 'price.free' : 'price.pay-what-you-can');
}

/** Ages in words: "6 to 12 years", "From 16 years", "For everyone". */
export function agesLabel(activity: Activity, t: Translate): string {
  const { min, max } = activity.ages;
  if (max !== undefined) return t('sheet.agesRange', { min, max });
  return min > 0 ? t('sheet.agesFrom', { min }) : t('sheet.agesAll');
}

/** "Closed Mon 6 Apr to Fri 10 Apr: Easter holidays", or without a reason "Closed Mon 6 Apr." */
export function closureLabel(closure: Closure, reason: string | undefined, timeZone: string, locale: Locale, t: Translate): string {
  // Noon of each day, so no zone ever shows the day before.
  const day = (date: string) => formatDay(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone, plainTime: '12:00' }).epochMilliseconds, timeZone, locale);
  const days = closure.from === closure.until ? day(closure.from) : t('closure.range', { from: day(closure.from), until: day(closure.until) });
  return reason ? t('closure.on', { days, reason }) : t('closure.onPlain', { days });
}
