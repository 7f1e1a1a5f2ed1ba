// What the attract screen shows under "On now and next": what runs now or starts within the hour,
// then what comes later today. In the morning, before anything has started, that is the day's first
// items; on a day with nothing left, the next day that has something (within the week window).
import type { ActivityMatch, ExploreClock } from './filters';
import { queryFilterIndex, type FilterIndex } from './filter-index';
import { startOfLocalDay, type TimeWindow } from './timing';

export interface AttractProgramme {
  /** Running now or starting within the hour, by start. */
  now: ActivityMatch[];
  /** What comes after: later today, or (when today has nothing left) on `nextDay`. By start. */
  next: ActivityMatch[];
  /** The start of the local day `next` falls on, when that is not today. */
  nextDay?: number;
}

export interface ProgrammeLimits {
  /** At most this many items in all. */
  total: number;
  /** At most this many of them "now", so that something "next" shows too. */
  now: number;
}

export const ATTRACT_LIMITS: ProgrammeLimits = { total: 5, now: 3 };

export function attractProgramme(index: FilterIndex, clock: ExploreClock, limits: ProgrammeLimits = ATTRACT_LIMITS): AttractProgramme {
  const query = (window: TimeWindow) => queryFilterIndex(index, { levels: [], themes: [], ageGroups: [], freeOnly: false, window }, clock);
  const allNow = query('now');
  const now = allNow.slice(0, limits.now);
  // What is on now never shows again as "next", also when the limit left it out.
  const onNow = new Set(allNow.map((match) => match.activity.id));
  const room = Math.max(0, limits.total - now.length);
  const laterToday = query('today').filter((match) => !onNow.has(match.activity.id));
  if (now.length > 0 || laterToday.length > 0) return { now, next: laterToday.slice(0, room) };

  // Nothing left today: the first day of the week window with something on, and what starts then.
  const week = query('week');
  const first = week[0];
  if (!first) return { now, next: [] };
  const nextDay = startOfLocalDay(first.next.start, clock.timeZone);
  const dayEnd = startOfLocalDay(first.next.start, clock.timeZone, 1);
  const next = week.filter((match) => match.next.start >= nextDay && match.next.start < dayEnd).slice(0, room);
  return { now, next, nextDay };
}
