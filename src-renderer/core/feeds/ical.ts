// A partner's public iCal URL as a feed: the .ics importer (core/ical-import.ts) reads it, and each
// activity gets the feed's id space and its origin. What the calendar does not say (level, themes,
// price) comes from the feed's settings, as it does for an uploaded file.
import { readIcsOffer } from '../ical-import';
import { feedActivityId, FeedFormatError } from './ids';
import type { FeedRead, FeedReadContext } from './types';

export async function readIcalFeed(text: string, ctx: FeedReadContext): Promise<FeedRead> {
  const { feed } = ctx;
  const result = await readIcsOffer(
    text,
    { organisation: ctx.organisation, level: feed.level, themes: [...feed.themes], price: 'free', contentLocale: feed.contentLocale ?? ctx.defaultLocale },
    { timeZone: ctx.timeZone, defaultLocale: ctx.defaultLocale, levels: ctx.levels, themes: ctx.themes, from: ctx.from, days: ctx.days },
  );
  if (!result.ok) throw new FeedFormatError(`This is not a calendar the hub can read: ${result.error.message}`);
  const { plan } = result;
  return {
    activities: plan.activities.map(({ uid, activity, occurrences }) => {
      const id = feedActivityId(feed.id, uid);
      return {
        uid,
        activity: { ...activity, id, origin: { feed: feed.id, kind: 'ical', name: feed.name, sourceId: uid } },
        occurrences: occurrences.map((occurrence) => ({ ...occurrence, activityId: id })),
      };
    }),
    problems: plan.problems.map((problem) => ({ ...(problem.uid === undefined ? {} : { id: problem.uid }), ...(problem.summary === undefined ? {} : { title: problem.summary }), message: problem.message })),
    items: plan.events,
    outside: plan.outside,
  };
}
