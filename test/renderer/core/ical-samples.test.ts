// Real calendar files from other projects (see ../shared/ics-samples/SOURCES.md), read from the
// shared folder and never copied here. Every file must import without a crash, and every event must
// be accounted for: imported, outside the period, or reported with its line and a reason. The
// exact dates below are worked out by hand from each file and RFC 5545; the counts in SAMPLES are
// what the importer gives today, kept so that a change in any of them is looked at.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIcsOffer, type OfferPlan } from '../../../src-renderer/core/ical-import';
import type { Level, LevelId, Organisation } from '../../../src-renderer/core/model';
import { instantToLocal } from '../../../src-renderer/core/schedule';

const SAMPLES_DIR = resolve(import.meta.dirname, '../../../../shared/ics-samples');
const present = existsSync(SAMPLES_DIR);
if (!present) console.warn(`ical-samples.test.ts: skipped, no sample folder at ${SAMPLES_DIR} (the shared ics-samples sit beside the repository)`);

const SITE_ZONE = 'Europe/Brussels';
const partner = { id: 'partner', name: 'Partner', kind: 'partner', description: {}, place: { name: 'Elders', address: 'Straat 1', geo: { lat: 50.9, lon: 5.5 } } } as Organisation;
const level = (id: LevelId): Level => ({ id, name: { nl: id }, description: {}, color: '#000000', shape: 'circle' });

async function importSample(file: string, from: string, days = 730): Promise<OfferPlan> {
  const text = readFileSync(resolve(SAMPLES_DIR, file), 'utf8');
  const result = await readIcsOffer(
    text,
    { organisation: partner, level: 'see-do', themes: [], price: 'free', contentLocale: 'en' },
    { timeZone: SITE_ZONE, defaultLocale: 'nl', levels: { 'see-do': level('see-do'), 'do-together': level('do-together'), 'do-yourself': level('do-yourself') }, themes: [], from: Date.parse(`${from}T00:00:00Z`), days },
  );
  if (!result.ok) throw new Error(`${file} was refused: ${result.error.message}`);
  return result.plan;
}

/** Starts of one imported activity (found by its UID's beginning) as UTC "YYYY-MM-DDTHH:mmZ". */
function startsOf(plan: OfferPlan, uidPrefix: string): string[] {
  const entry = plan.activities.find((candidate) => candidate.uid.startsWith(uidPrefix));
  return (entry?.occurrences ?? []).map((occurrence) => `${new Date(occurrence.start).toISOString().slice(0, 16)}Z`);
}

interface Expected {
  events: number;
  activities: number;
  occurrences: number;
  outside: number;
  /** [event index, line, reason] of every event left out. */
  problems: [number, number, string][];
}

// Each file read over two years from the month of its first event.
const SAMPLES: [string, string, Expected][] = [
  ['icalendar--issue_112_missing_tzinfo_on_exdate.wrapped.ics', '2013-09-01', { events: 1, activities: 1, occurrences: 11, outside: 0, problems: [] }],
  ['icalendar--issue_165_missing_event.ics', '2015-07-01', { events: 1, activities: 1, occurrences: 14, outside: 0, problems: [] }],
  ['icalendar--issue_722_timezone_transition_ambiguity.ics', '2024-03-01', { events: 4, activities: 4, occurrences: 4, outside: 0, problems: [] }],
  ['icalendar--issue_836_do_not_quote_tzid.ics', '2024-10-01', { events: 1, activities: 1, occurrences: 1, outside: 0, problems: [] }],
  ['icalendar--timezone_same_start.ics', '2017-02-01', { events: 1, activities: 1, occurrences: 1, outside: 0, problems: [] }],
  ['icalendar--x_location.ics', '2016-10-01', { events: 1, activities: 1, occurrences: 501, outside: 0, problems: [] }],
  ['icaljs--day_long_recur_yearly.ics', '2012-08-01', { events: 1, activities: 1, occurrences: 521, outside: 0, problems: [] }],
  ['icaljs--google_birthday.ics', '2012-12-01', { events: 4, activities: 2, occurrences: 4, outside: 0, problems: [] }],
  ['icaljs--recur_instances.ics', '2012-10-01', { events: 3, activities: 1, occurrences: 24, outside: 0, problems: [] }],
  ['rie--Germany.ics', '2008-01-01', { events: 159, activities: 22, occurrences: 22, outside: 137, problems: [] }],
  ['rie--daylight_saving_time.ics', '2017-06-01', { events: 64, activities: 57, occurrences: 391, outside: 1, problems: [] }],
  ['rie--fablab_cottbus.ics', '2016-12-01', { events: 28, activities: 28, occurrences: 38, outside: 0, problems: [] }],
  ['rie--issue_107_omitting_last_event.ics', '2023-01-01', { events: 1, activities: 0, occurrences: 0, outside: 0, problems: [[1, 19, 'the event has no SUMMARY (title).']] }],
  ['rie--issue_173_only_modifications_error.ics', '2022-12-01', { events: 677, activities: 485, occurrences: 689, outside: 10, problems: [[672, 8755, 'the event has no SUMMARY (title).']] }],
  ['rie--issue_18_cancel_status.ics', '2020-01-01', { events: 2, activities: 1, occurrences: 2, outside: 0, problems: [] }],
  ['rie--issue_20_exdate_ignored.ics', '2019-10-01', { events: 1, activities: 1, occurrences: 7, outside: 0, problems: [] }],
  ['rie--issue_27_t1.ics', '2020-04-01', { events: 1, activities: 1, occurrences: 2, outside: 0, problems: [] }],
  ['rie--issue_28_rrule_with_UTC_endinginZ.ics', '2020-04-01', { events: 5, activities: 2, occurrences: 26, outside: 0, problems: [] }],
  ['rie--issue_48_dst.ics', '2020-09-01', { events: 13, activities: 13, occurrences: 1348, outside: 0, problems: [] }],
  ['rie--issue_62_moved_event_2.ics', '2023-08-01', { events: 4, activities: 2, occurrences: 6, outside: 0, problems: [] }],
  ['rie--issue_86_x_wr_timezone_without_time_zone_in_dt.ics', '2021-09-01', { events: 1, activities: 1, occurrences: 1, outside: 0, problems: [] }],
  ['rie--one_day_event_repeat_every_day.ics', '2019-03-01', { events: 1, activities: 1, occurrences: 728, outside: 0, problems: [] }],
  ['rie--recurring_events_moved.ics', '2019-03-01', { events: 5, activities: 2, occurrences: 7, outside: 0, problems: [] }],
  ['rie--x_wr_timezone_simple_events_issue_59.ics', '2021-12-01', { events: 2, activities: 2, occurrences: 2, outside: 0, problems: [] }],
];

describe.skipIf(!present)('shared .ics samples', () => {
  it('lists every sample in the folder', () => {
    expect(readdirSync(SAMPLES_DIR).filter((file) => file.endsWith('.ics')).sort()).toEqual(SAMPLES.map(([file]) => file).sort());
  });

  it.each(SAMPLES)('%s imports, every event accounted for', async (file, from, expected) => {
    const plan = await importSample(file, from);
    const text = readFileSync(resolve(SAMPLES_DIR, file), 'utf8').replace(/\r?\n[ \t]/g, '');
    const events = text.split(/\r?\n/).filter((line) => line === 'BEGIN:VEVENT').length;
    const uids = new Set(text.split('BEGIN:VEVENT').slice(1).map((block) => /^UID:(.*)$/m.exec(block.split('END:VEVENT')[0]!)?.[1]?.trim() ?? `none:${block.length}`));
    expect(plan.events).toBe(events);
    // One activity per UID; each is imported, outside the period, or reported.
    expect(plan.activities.length + plan.outside + plan.problems.length).toBe(uids.size);
    expect({
      events: plan.events,
      activities: plan.activities.length,
      occurrences: plan.activities.reduce((sum, entry) => sum + entry.occurrences.length, 0),
      outside: plan.outside,
      problems: plan.problems.map((problem) => [problem.index, problem.line, problem.message]),
    }).toEqual(expected);
  }, 60_000);

  it('Exchange: BYDAY with spaces after the commas is read, not the whole file refused (DAILY on weekdays, UNTIL in UTC included)', async () => {
    const plan = await importSample('icalendar--issue_165_missing_event.ics', '2015-07-01');
    // 10:00 CEST = 08:00Z, Friday 3 July to Wednesday 22 July 2015, weekends left out.
    expect(startsOf(plan, 'no-uid:')).toEqual(
      ['03', '06', '07', '08', '09', '10', '13', '14', '15', '16', '17', '20', '21', '22'].map((day) => `2015-07-${day}T08:00Z`),
    );
  });

  it('Google: moved instances without their series stand on their own (birthdays)', async () => {
    const plan = await importSample('icaljs--google_birthday.ics', '2012-12-01', 800);
    // All-day dates are midnight at the site (23:00Z the day before in Brussels winter time).
    expect(startsOf(plan, 'BIRTHDAY_')).toEqual(['2012-12-09T23:00Z', '2013-12-09T23:00Z', '2014-12-09T23:00Z']);
    expect(startsOf(plan, '2014_BIRTHDAY_')).toEqual(['2012-12-09T23:00Z', '2013-12-09T23:00Z', '2014-12-09T23:00Z']);
  });

  it('Exchange: an all-day series whose moved dates have a date-time RECURRENCE-ID shows only the moved dates', async () => {
    const plan = await importSample('rie--issue_28_rrule_with_UTC_endinginZ.ics', '2020-04-01');
    const entry = plan.activities.find((candidate) => candidate.uid.startsWith('040000008200E00074C5B7101A82E00800000000017E'));
    const days = (entry?.occurrences ?? []).map((occurrence) => instantToLocal(occurrence.start, SITE_ZONE));
    // Every other Thursday from 2 April 2020 through UNTIL 2020-09-16T23:00Z (17 September at the
    // site), with 16 April, 28 May and 3 September moved to the Friday after.
    expect(days).toEqual(
      ['04-02', '04-17', '04-30', '05-14', '05-29', '06-11', '06-25', '07-09', '07-23', '08-06', '08-20', '09-04', '09-17'].map((day) => `2020-${day}T00:00`),
    );
  });

  it('a UTC EXDATE removes its start from a series in an IANA zone the file does not define', async () => {
    const plan = await importSample('rie--issue_27_t1.ics', '2020-04-01');
    // Daily 14:00 Europe/Berlin (12:00Z) from 26 April until local 29 April 00:00; 27 April excluded.
    expect(startsOf(plan, '3bbe38c2')).toEqual(['2020-04-26T12:00Z', '2020-04-28T12:00Z']);
  });

  it('a list of UTC EXDATEs on a series with its own VTIMEZONE', async () => {
    const plan = await importSample('rie--issue_20_exdate_ignored.ics', '2019-10-01');
    // Tuesdays 16:15 Berlin; nine of the sixteen excluded; 4 February is after UNTIL 15:14:59Z.
    expect(startsOf(plan, 'f0f31ddb')).toEqual(['2019-10-29T15:15Z', '2019-11-12T15:15Z', '2019-12-10T15:15Z', '2020-01-07T15:15Z', '2020-01-14T15:15Z', '2020-01-21T15:15Z', '2020-01-28T15:15Z']);
  });

  it('EXDATEs in the series zone where no VTIMEZONE is given (Google)', async () => {
    const plan = await importSample('icalendar--issue_112_missing_tzinfo_on_exdate.wrapped.ics', '2013-09-01');
    // Fridays and Saturdays 12:00 New York (16:00Z) from 7 September until 24 October 2013; 11 and 12 October excluded.
    expect(startsOf(plan, 'ak30b02u')).toEqual(
      ['09-07', '09-13', '09-14', '09-20', '09-21', '09-27', '09-28', '10-04', '10-05', '10-18', '10-19'].map((day) => `2013-${day}T16:00Z`),
    );
  });
});
