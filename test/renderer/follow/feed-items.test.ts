import { describe, expect, it } from 'vitest';
import { buildCatalogue, parseCatalogue } from '../../../src-renderer/core/catalogue';
import { loadSiteConfig } from '../../../src-renderer/core/config';
import type { Activity, Occurrence } from '../../../src-renderer/core/model';
import { activityEvents, type CalendarContext } from '../../../src-renderer/follow/calendar';
import { CatalogueView } from '../../../src-renderer/follow/catalogue-view';
import { fixtureBundle, NOW } from '../core/site-fixture';

// A feed item on the follow-up page: its sessions as the hub stored them, marks included.
const loaded = loadSiteConfig(fixtureBundle(), { now: NOW });
if (!loaded.ok) throw new Error('fixture site does not validate');
const config = loaded.config;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const item: Activity = {
  ...config.activities[0]!,
  id: 'uit-genk-1a2b',
  space: undefined,
  title: { nl: 'Mijnwandeling', en: 'Mine walk' },
  place: { name: 'C-Mine', address: 'C-Mine 10, 3600 Genk', geo: { lat: 50.9911, lon: 5.4983 } },
  schedule: [],
  nextSteps: [],
  origin: { feed: 'uit-genk', kind: 'uitdatabank', name: 'UiT in Genk', sourceId: 'https://io.uitdatabank.be/event/1a2b' },
};
const sessions: Occurrence[] = [
  { activityId: item.id, start: NOW + DAY, end: NOW + DAY + 2 * HOUR, status: 'cancelled' },
  { activityId: item.id, start: NOW + 2 * DAY, end: NOW + 2 * DAY + 2 * HOUR, full: true },
  { activityId: item.id, start: NOW + 3 * DAY, end: NOW + 3 * DAY + 2 * HOUR },
];
const parsed = parseCatalogue(JSON.stringify(buildCatalogue(config, { now: NOW, days: 30, extraActivities: [item], sessions: new Map([[item.id, sessions]]) })));
if (!parsed.ok) throw new Error('catalogue does not read back');
const view = new CatalogueView(parsed.catalogue);

describe('feed items on the follow-up page', () => {
  it('lists every session with its mark, and only those that go ahead for a calendar or a "next date"', () => {
    expect(view.upcoming(item.id, NOW, 5).map((span) => span.mark)).toEqual(['cancelled', 'full', undefined]);
    expect(view.upcoming(item.id, NOW, 5, true).map((span) => span.start)).toEqual([NOW + 2 * DAY, NOW + 3 * DAY]);
  });

  it('never puts a cancelled session in the calendar file', () => {
    const context: CalendarContext = {
      view,
      now: NOW,
      text: (text) => text?.nl ?? '',
      bookingSummary: (space) => space,
      bookingDescription: '',
      placeSummary: (activity) => activity,
      placeDescription: '',
      moreInfo: (url) => url,
      linkTo: (fragment) => fragment,
    };
    expect(activityEvents(view.activity(item.id)!, context).map((event) => event.start)).toEqual([NOW + 2 * DAY, NOW + 3 * DAY]);
  });

  it('keeps where the item comes from', () => {
    expect(view.activity(item.id)?.origin).toEqual(item.origin);
  });
});
