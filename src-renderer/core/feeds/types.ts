// What every feed reader (UiTdatabank, OpenActive, iCal) hands the hub: the activities it read, in the
// same shape an .ics import makes (core/ical-import.ts), plus the items it left out and why. Readers are
// pure: they never fetch and never write. The hub fetches (src-hub/feeds/), keeps the last good copy,
// and stores what a reader returns as rows with source 'feed'.
import type { ImportedActivity } from '../ical-import';
import type { FeedConfig, GeoPoint, Level, LevelId, Locale, Organisation, Theme } from '../model';

export interface FeedReadContext {
  feed: FeedConfig;
  /** The partner the feed's activities are filed under (`feed.organisation`). */
  organisation: Organisation;
  timeZone: string;
  defaultLocale: Locale;
  levels: Record<LevelId, Level>;
  themes: readonly Theme[];
  /** Occurrences are kept from here (epoch ms)… */
  from: number;
  /** …for this many days. */
  days: number;
  /** Where the site is, for distances (the city map's centre). */
  siteGeo?: GeoPoint;
}

/** One item a reader left out, in words staff can pass on to the feed's owner. */
export interface FeedProblem {
  /** The item's id at the source, when it has one. */
  id?: string;
  title?: string;
  message: string;
}

export interface FeedRead {
  /** Activity ids are `<feed id>-<stable hash of the source id>`; `origin` is always set. */
  activities: ImportedActivity[];
  problems: FeedProblem[];
  /** Items the source holds (read or not). */
  items: number;
  /** Items fine but without an occurrence in the period. */
  outside: number;
}
