// "Add to calendar": the dates the page lists become an .ics file the phone hands to its calendar.
// What you see is what you get — an activity's listed next dates, a booking's one slot. The ics
// writer (and Temporal, which it needs for the VTIMEZONE) loads on the first tap, not with the page.
import type { CatalogueActivity, CatalogueSpace } from '../core/catalogue';
import type { IcsEvent } from '../core/ics';
import type { CatalogueView, PathEntry } from './catalogue-view';

/** What the calendar texts need from the page: translated words and the link back. */
export interface CalendarContext {
  view: CatalogueView;
  now: number;
  text: (value: CatalogueActivity['title'] | undefined) => string;
  bookingSummary: (space: string, code: string) => string;
  bookingDescription: string;
  /** A place on an activity's session (issue 11): its title and code, and how to cancel it. */
  placeSummary: (activity: string, code: string) => string;
  placeDescription: string;
  moreInfo: (url: string) => string;
  linkTo: (fragment: string) => string;
}

/** How many dates of one activity go into the file: the ones the page shows. */
export const DATES_PER_ACTIVITY = 3;

export function activityEvents(activity: CatalogueActivity, context: CalendarContext): IcsEvent[] {
  const { view } = context;
  const url = context.linkTo(`a/${activity.id}`);
  const summary = context.text(activity.summary);
  // A called-off session never goes into someone's calendar.
  return view.upcoming(activity.id, context.now, DATES_PER_ACTIVITY, true).map((span) => ({
    uid: `${activity.id}-${span.start / 60_000}@${view.site.id}.wegwijzer`,
    start: span.start,
    end: span.end,
    summary: context.text(activity.title),
    description: [summary, context.moreInfo(url)].filter(Boolean).join('\n\n'),
    location: activityLocation(activity, context),
    url,
  }));
}

export function bookingEvent(entry: Extract<PathEntry, { kind: 'booking' }>, context: CalendarContext): IcsEvent {
  const space = entry.space ? context.text(entry.space.name) : '';
  const activity = entry.place?.activity;
  if (entry.place) {
    return {
      uid: `place-${entry.code}-${entry.start / 60_000}@${context.view.site.id}.wegwijzer`,
      start: entry.start,
      end: entry.start + entry.minutes * 60_000,
      summary: context.placeSummary(activity ? context.text(activity.title) : '', entry.code),
      description: context.placeDescription,
      location: activity ? activityLocation(activity, context) : '',
    };
  }
  return {
    uid: `booking-${entry.code}-${entry.start / 60_000}@${context.view.site.id}.wegwijzer`,
    start: entry.start,
    end: entry.start + entry.minutes * 60_000,
    summary: context.bookingSummary(space, entry.code),
    description: context.bookingDescription,
    location: spaceLocation(entry.space, context),
  };
}

export function pathEvents(entries: readonly PathEntry[], context: CalendarContext): IcsEvent[] {
  return entries.flatMap((entry) => {
    if (entry.kind === 'activity') return activityEvents(entry.activity, context);
    if (entry.kind === 'booking') return [bookingEvent(entry, context)];
    return [];
  });
}

function activityLocation(activity: CatalogueActivity, context: CalendarContext): string {
  if (activity.place) return `${activity.place.name}, ${activity.place.address}`;
  return spaceLocation(context.view.space(activity.space), context);
}

function spaceLocation(space: CatalogueSpace | undefined, context: CalendarContext): string {
  const site = context.view.site;
  return [space ? context.text(space.name) : '', context.text(site.name), site.address ?? ''].filter(Boolean).join(', ');
}

/** Writes the file and hands it to the browser as a download (the phone offers its calendar). */
export async function downloadCalendar(fileName: string, name: string, timeZone: string, events: readonly IcsEvent[]): Promise<void> {
  const { icsCalendar, ICS_MIME_TYPE } = await import('../core/ics');
  const blob = new Blob([icsCalendar({ name, timeZone, events })], { type: ICS_MIME_TYPE });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "repair-cafe.ics": ids are already safe file names. */
export function calendarFileName(base: string): string {
  return `${base.replace(/[^a-z0-9-]/gi, '-').slice(0, 60) || 'wegwijzer'}.ics`;
}
