import { describe, expect, it } from 'vitest';
import {
  checkIcsStructure,
  compareWithExisting,
  importedActivityId,
  readIcsOffer,
  type ImportContext,
  type ImportDefaults,
  type OfferPlan,
} from '../../../src-renderer/core/ical-import';
import type { Level, LevelId, Organisation } from '../../../src-renderer/core/model';

// Runs under whatever TZ the caller sets; checked under UTC, Europe/Brussels and America/New_York.
const partner: Organisation = {
  id: 'bib-genk',
  name: 'Bibliotheek Genk',
  kind: 'partner',
  description: {},
  place: { name: 'Bib Genk', address: 'Stadsplein 1, Genk', geo: { lat: 50.965, lon: 5.5 } },
};
const level = (id: LevelId, name: string): Level => ({ id, name: { nl: name, en: id.replace('-', ' ') }, description: {}, color: '#000000', shape: 'circle' });
const context = (extra: Partial<ImportContext> = {}): ImportContext => ({
  timeZone: 'Europe/Brussels',
  defaultLocale: 'nl',
  levels: { 'see-do': level('see-do', 'Kijken'), 'do-together': level('do-together', 'Samen doen'), 'do-yourself': level('do-yourself', 'Zelf doen') },
  themes: [
    { id: 'reading', name: { nl: 'Lezen', en: 'Reading' }, icon: '📚', color: '#111111' },
    { id: 'music', name: { nl: 'Muziek', en: 'Music' }, icon: '🎵', color: '#222222' },
  ],
  from: Date.parse('2026-03-01T00:00:00Z'),
  days: 90,
  ...extra,
});
const defaults: ImportDefaults = { organisation: partner, level: 'see-do', themes: ['reading'], price: 'free', contentLocale: 'nl' };

const BRUSSELS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Brussels',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function ics(...body: (string | string[])[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Partner//EN', ...body.flat(), 'END:VCALENDAR', ''].join('\r\n');
}

function vevent(uid: string, lines: string[]): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'];
}

async function plan(text: string, extra: Partial<ImportContext> = {}, chosen: Partial<ImportDefaults> = {}): Promise<OfferPlan> {
  const result = await readIcsOffer(text, { ...defaults, ...chosen }, context(extra));
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result.plan;
}

const utc = (iso: string) => Date.parse(iso);

describe('readIcsOffer: recurrence', () => {
  it('expands a weekly series across the spring change with EXDATE, an override and a cancelled date (file VTIMEZONE)', async () => {
    const text = ics(
      BRUSSELS_VTIMEZONE,
      vevent('story-hour@bib', [
        'SUMMARY:Voorleesuur',
        'DESCRIPTION:Verhalen voor kinderen\\nvan 4 tot 8 jaar.',
        'DTSTART;TZID=Europe/Brussels:20260314T140000',
        'DTEND;TZID=Europe/Brussels:20260314T150000',
        'RRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=6',
        'EXDATE;TZID=Europe/Brussels:20260404T140000',
      ]),
      // The 21 March session moves to 16:00 and becomes longer; the 11 April one is cancelled.
      vevent('story-hour@bib', ['RECURRENCE-ID;TZID=Europe/Brussels:20260321T140000', 'SUMMARY:Voorleesuur (later)', 'DTSTART;TZID=Europe/Brussels:20260321T160000', 'DTEND;TZID=Europe/Brussels:20260321T173000']),
      vevent('story-hour@bib', ['RECURRENCE-ID;TZID=Europe/Brussels:20260411T140000', 'SUMMARY:Voorleesuur', 'STATUS:CANCELLED', 'DTSTART;TZID=Europe/Brussels:20260411T140000', 'DTEND;TZID=Europe/Brussels:20260411T150000']),
    );
    const result = await plan(text);
    expect(result.problems).toEqual([]);
    expect(result.activities).toHaveLength(1);
    const [entry] = result.activities;
    expect(entry!.occurrences.map((o) => [o.start, o.end])).toEqual([
      [utc('2026-03-14T13:00:00Z'), utc('2026-03-14T14:00:00Z')], // CET
      [utc('2026-03-21T15:00:00Z'), utc('2026-03-21T16:30:00Z')], // the override
      [utc('2026-03-28T13:00:00Z'), utc('2026-03-28T14:00:00Z')], // the day before the change
      [utc('2026-04-18T12:00:00Z'), utc('2026-04-18T13:00:00Z')], // CEST: still 14:00 local
    ]);
    const activity = entry!.activity;
    expect(activity.id).toBe(importedActivityId('bib-genk', 'story-hour@bib'));
    expect(activity.id).toMatch(/^import-bib-genk-[0-9a-f]{16}$/);
    expect(activity.title).toEqual({ nl: 'Voorleesuur' });
    expect(activity.description.nl).toBe('Verhalen voor kinderen\nvan 4 tot 8 jaar.');
    expect(activity).toMatchObject({ organiser: 'bib-genk', place: partner.place, level: 'see-do', themes: ['reading'], price: { kind: 'free' }, languages: ['nl'] });
    expect(activity.space).toBeUndefined();
    // The schedule holds the same dates as one-offs in site wall-clock time.
    expect(activity.schedule.map((entry) => entry.start)).toEqual(['2026-03-14T14:00', '2026-03-21T16:00', '2026-03-28T14:00', '2026-04-18T14:00']);
  });

  it('keeps a Sunday session at 14:00 local on 29 March and 25 October 2026', async () => {
    const text = ics(BRUSSELS_VTIMEZONE, vevent('sunday@bib', ['SUMMARY:Zondag', 'DTSTART;TZID=Europe/Brussels:20260322T140000', 'DTEND;TZID=Europe/Brussels:20260322T160000', 'RRULE:FREQ=WEEKLY;UNTIL=20261101T000000Z']));
    const starts = (await plan(text, { days: 250 })).activities[0]!.occurrences.map((o) => o.start);
    expect(starts).toContain(utc('2026-03-22T13:00:00Z'));
    expect(starts).toContain(utc('2026-03-29T12:00:00Z'));
    expect(starts).toContain(utc('2026-10-18T12:00:00Z'));
    expect(starts).toContain(utc('2026-10-25T13:00:00Z'));
    expect(starts).toHaveLength(32);
  });

  it('adds RDATE dates and an override that moves a date from after the period into it', async () => {
    const text = ics(
      BRUSSELS_VTIMEZONE,
      vevent('monthly@bib', ['SUMMARY:Boekenclub', 'DTSTART;TZID=Europe/Brussels:20260305T190000', 'DURATION:PT2H', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=5;COUNT=12', 'RDATE;TZID=Europe/Brussels:20260320T190000']),
      vevent('monthly@bib', ['RECURRENCE-ID;TZID=Europe/Brussels:20261205T190000', 'SUMMARY:Boekenclub (vervroegd)', 'DTSTART;TZID=Europe/Brussels:20260410T190000', 'DURATION:PT1H']),
    );
    const starts = (await plan(text, { days: 60 })).activities[0]!.occurrences.map((o) => [o.start, o.end - o.start]);
    expect(starts).toEqual([
      [utc('2026-03-05T18:00:00Z'), 2 * 3_600_000],
      [utc('2026-03-20T18:00:00Z'), 2 * 3_600_000],
      [utc('2026-04-05T17:00:00Z'), 2 * 3_600_000],
      [utc('2026-04-10T17:00:00Z'), 3_600_000],
    ]);
  });

  it('stops a series at the end of the period and leaves an event before it out', async () => {
    const text = ics(
      vevent('daily@bib', ['SUMMARY:Dagelijks', 'DTSTART:20200101T090000Z', 'DTEND:20200101T100000Z', 'RRULE:FREQ=DAILY']),
      vevent('past@bib', ['SUMMARY:Voorbij', 'DTSTART:20250101T090000Z', 'DTEND:20250101T100000Z']),
    );
    const result = await plan(text, { days: 10 });
    expect(result.activities.map((entry) => entry.occurrences.length)).toEqual([10]);
    expect(result.outside).toBe(1);
    expect(result.knownIds).toHaveLength(2);
  });
});

describe('readIcsOffer: time zones', () => {
  it('uses the file VTIMEZONE for its TZID, even one that is not an IANA name', async () => {
    const text = ics(
      ['BEGIN:VTIMEZONE', 'TZID:Partner Standard Time', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0300', 'TZOFFSETTO:+0300', 'END:STANDARD', 'END:VTIMEZONE'],
      vevent('plus3@bib', ['SUMMARY:Plus drie', 'DTSTART;TZID=Partner Standard Time:20260310T120000', 'DTEND;TZID=Partner Standard Time:20260310T130000']),
    );
    expect((await plan(text)).activities[0]!.occurrences[0]).toMatchObject({ start: utc('2026-03-10T09:00:00Z'), end: utc('2026-03-10T10:00:00Z') });
  });

  it('falls back to the IANA zone of a TZID the file does not define, and to UTC for "Z" times', async () => {
    const text = ics(
      vevent('ny@bib', ['SUMMARY:New York', 'DTSTART;TZID=America/New_York:20260310T120000', 'DTEND;TZID=America/New_York:20260310T130000']),
      vevent('utc@bib', ['SUMMARY:UTC', 'DTSTART:20260310T120000Z', 'DTEND:20260310T130000Z']),
    );
    const starts = Object.fromEntries((await plan(text)).activities.map((entry) => [entry.uid, entry.occurrences[0]!.start]));
    expect(starts).toEqual({ 'ny@bib': utc('2026-03-10T16:00:00Z'), 'utc@bib': utc('2026-03-10T12:00:00Z') });
  });

  it('reads floating times and all-day events in the site zone', async () => {
    const text = ics(
      vevent('floating@bib', ['SUMMARY:Zwevend', 'DTSTART:20260329T140000', 'DTEND:20260329T150000']),
      vevent('allday@bib', ['SUMMARY:Boekenmarkt', 'DTSTART;VALUE=DATE:20260328', 'DTEND;VALUE=DATE:20260330']),
      vevent('noend@bib', ['SUMMARY:Zonder einde', 'DTSTART:20260310T100000Z']),
    );
    const spans = Object.fromEntries((await plan(text)).activities.map((entry) => [entry.uid, [entry.occurrences[0]!.start, entry.occurrences[0]!.end]]));
    expect(spans).toEqual({
      'floating@bib': [utc('2026-03-29T12:00:00Z'), utc('2026-03-29T13:00:00Z')],
      // Two local days, one of them 23 hours long.
      'allday@bib': [utc('2026-03-27T23:00:00Z'), utc('2026-03-29T22:00:00Z')],
      'noend@bib': [utc('2026-03-10T10:00:00Z'), utc('2026-03-10T11:00:00Z')],
    });
  });

  it('reports a TZID that is neither defined nor known, and keeps the other events', async () => {
    const text = ics(
      vevent('mars@bib', ['SUMMARY:Mars', 'DTSTART;TZID=Mars/Olympus:20260310T120000', 'DTEND;TZID=Mars/Olympus:20260310T130000']),
      vevent('ok@bib', ['SUMMARY:Goed', 'DTSTART:20260310T120000Z', 'DTEND:20260310T130000Z']),
    );
    const result = await plan(text);
    expect(result.activities.map((entry) => entry.uid)).toEqual(['ok@bib']);
    expect(result.problems).toEqual([{ index: 1, line: 4, uid: 'mars@bib', summary: 'Mars', message: expect.stringContaining('Mars/Olympus') }]);
  });
});

describe('readIcsOffer: mapping', () => {
  it('takes level and themes from CATEGORIES when they name them, the language from SUMMARY;LANGUAGE', async () => {
    const text = ics(
      vevent('music@bib', ['SUMMARY;LANGUAGE=en:Jam session', 'CATEGORIES:Samen doen,Music,Unrelated', 'DTSTART:20260310T120000Z', 'DTEND:20260310T130000Z', 'URL:https://bib.example/jam']),
    );
    const activity = (await plan(text)).activities[0]!.activity;
    expect(activity.level).toBe('do-together');
    expect(activity.themes).toEqual(['music']);
    expect(activity.title).toEqual({ nl: 'Jam session', en: 'Jam session' });
    expect(activity.languages).toEqual(['en']);
    expect(activity.description.en).toBe('https://bib.example/jam');
  });

  it('lists events without SUMMARY or DTSTART, and a repeated UID, as problems with their line; one without UID stands in with its title and start', async () => {
    const text = ics(
      ['BEGIN:VEVENT', 'SUMMARY:Geen UID', 'DTSTART:20260310T120000Z', 'END:VEVENT'],
      vevent('no-summary@bib', ['DTSTART:20260310T120000Z']),
      vevent('no-start@bib', ['SUMMARY:Geen start']),
      vevent('twice@bib', ['SUMMARY:Eerste', 'DTSTART:20260310T120000Z']),
      vevent('twice@bib', ['SUMMARY:Tweede', 'DTSTART:20260311T120000Z']),
    );
    const result = await plan(text);
    expect(result.events).toBe(5);
    expect(result.activities.map((entry) => entry.activity.title.nl)).toEqual(['Geen UID', 'Eerste']);
    expect(result.problems.map((problem) => [problem.index, problem.line, problem.message])).toEqual([
      [2, 8, expect.stringContaining('no SUMMARY')],
      [3, 13, expect.stringContaining('no DTSTART')],
      [5, 24, expect.stringContaining('used by two events')],
    ]);
  });
});

describe('malformed files', () => {
  it.each([
    ['an empty file', '', /no BEGIN:VCALENDAR/, undefined],
    ['a JSON file', '{"version":1}', /line 1 is not "NAME:value"/, 1],
    ['a broken line', ics(vevent('a@b', ['SUMMARY:x', 'this line has no colon', 'DTSTART:20260310T120000Z'])).replace(/\r\n/g, '\n'), /line 8 is not "NAME:value"/, 8],
    ['a cut-off file', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n', /BEGIN:VEVENT at line 3 is never closed/, 3],
    ['mismatched END', ics(['BEGIN:VEVENT', 'UID:x', 'END:VTODO']), /END:VTODO at line 6 does not match BEGIN:VEVENT at line 4/, 6],
    ['another object', 'BEGIN:VCARD\r\nFN:Someone\r\nEND:VCARD\r\n', /starts with BEGIN:VCARD/, 1],
    ['two calendars', `${ics()}${ics()}`, /second VCALENDAR/, 5],
  ])('refuses %s with a reason and a line', async (_what, text, message, line) => {
    const result = await readIcsOffer(text, defaults, context());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(message);
    expect(result.error.line).toBe(line);
  });

  it('lists an event whose value ical.js cannot read as a problem and keeps the file', async () => {
    const result = await readIcsOffer(ics(vevent('a@b', ['SUMMARY:x', 'DTSTART:2026-03-10 noon'])), defaults, context());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.plan.problems).toHaveLength(1);
  });

  it('checks folded lines as one', () => {
    expect(checkIcsStructure(ics(vevent('a@b', ['SUMMARY:long', ' continued', 'DTSTART:20260310T120000Z'])))).toBeUndefined();
    expect(checkIcsStructure(' starts folded\r\n')).toMatchObject({ line: 1 });
  });
});

describe('compareWithExisting', () => {
  const offer = (summary: string, start = '20260310T120000Z') =>
    ics(
      vevent('one@bib', [`SUMMARY:${summary}`, `DTSTART:${start}`, 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=20']),
      vevent('two@bib', ['SUMMARY:Twee', 'DTSTART:20260312T120000Z', 'DURATION:PT1H']),
    );
  const from = context().from;
  const stored = (result: OfferPlan) => ({ activities: result.activities.map((entry) => entry.activity), occurrences: result.activities.flatMap((entry) => entry.occurrences) });

  it('labels a first import new, the same file again unchanged', async () => {
    const first = await plan(offer('Een'));
    expect(compareWithExisting(first, { activities: [], occurrences: [] }, 'bib-genk', from).counts).toEqual({ new: 2, updated: 0, unchanged: 0 });
    const again = compareWithExisting(await plan(offer('Een')), stored(first), 'bib-genk', from);
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 2 });
    expect(again.missing).toEqual([]);
  });

  it('does not call the period moving on a change, but a moved date or a new title is', async () => {
    const first = await plan(offer('Een'), { days: 30 });
    // A week later, with a longer period: more dates at the end only.
    const later = compareWithExisting(await plan(offer('Een'), { from: from + 7 * 86_400_000, days: 60 }), stored(first), 'bib-genk', from + 7 * 86_400_000);
    expect(later.counts).toEqual({ new: 0, updated: 0, unchanged: 2 });
    const renamed = compareWithExisting(await plan(offer('Een (nieuw)')), stored(first), 'bib-genk', from);
    expect(renamed.entries.map((entry) => [entry.uid, entry.status])).toEqual([
      ['one@bib', 'updated'],
      ['two@bib', 'unchanged'],
    ]);
    const moved = compareWithExisting(await plan(offer('Een', '20260310T130000Z')), stored(first), 'bib-genk', from);
    expect(moved.counts.updated).toBe(1);
  });

  it('lists earlier imports of the partner that the file no longer holds', async () => {
    const first = await plan(offer('Een'));
    const only = await plan(ics(vevent('one@bib', ['SUMMARY:Een', 'DTSTART:20260310T120000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=20'])));
    const preview = compareWithExisting(only, stored(first), 'bib-genk', from);
    expect(preview.missing.map((activity) => activity.id)).toEqual([importedActivityId('bib-genk', 'two@bib')]);
  });

  it('derives ids per partner and UID, stable and valid for follow-up codes', () => {
    expect(importedActivityId('bib-genk', 'x@y')).toBe(importedActivityId('bib-genk', 'x@y'));
    expect(importedActivityId('bib-genk', 'x@y')).not.toBe(importedActivityId('bib-genk', 'x@z'));
    expect(importedActivityId('other', 'x@y')).not.toBe(importedActivityId('bib-genk', 'x@y'));
    expect(importedActivityId('bib-genk', 'Ünïcode UID ✓')).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });
});

describe('large files', () => {
  it('reads 2,000 weekly events in chunks, reporting progress, in reasonable time', async () => {
    const events = Array.from({ length: 2000 }, (_, index) =>
      vevent(`event-${index}@partner`, [
        `SUMMARY:Activiteit ${index}`,
        `DTSTART;TZID=Europe/Brussels:202603${String((index % 28) + 1).padStart(2, '0')}T${String(9 + (index % 10)).padStart(2, '0')}0000`,
        'DURATION:PT1H30M',
        'RRULE:FREQ=WEEKLY;COUNT=12',
      ]),
    );
    const progress: number[] = [];
    const started = performance.now();
    const result = await readIcsOffer(ics(BRUSSELS_VTIMEZONE, events.flat()), defaults, context(), { onProgress: (done) => progress.push(done) });
    const elapsed = performance.now() - started;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.activities).toHaveLength(2000);
    expect(result.plan.problems).toEqual([]);
    expect(progress.length).toBeGreaterThanOrEqual(10);
    expect(progress.at(-1)).toBe(2000);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    // A sanity bound for a loaded CI machine; the measured figure is in the tools report.
    expect(elapsed).toBeLessThan(30_000);
  }, 60_000);

  it('stops when aborted', async () => {
    const events = Array.from({ length: 500 }, (_, index) => vevent(`e${index}`, ['SUMMARY:x', 'DTSTART:20260310T120000Z']));
    const controller = new AbortController();
    const reading = readIcsOffer(ics(events.flat()), defaults, context(), { signal: controller.signal, chunkSize: 50, onProgress: () => controller.abort() });
    await expect(reading).rejects.toThrow();
  });
});

describe('readIcsOffer: what real files get wrong', () => {
  it('reads one event that ical.js cannot parse as a problem with its line, and imports the rest', async () => {
    const text = ics(
      vevent('broken@bib', ['SUMMARY:Kapot', 'DTSTART:20260310T120000Z', 'RRULE:FREQ=WEEKLY;COUNT=abc']),
      vevent('ok@bib', ['SUMMARY:Goed', 'DTSTART:20260310T120000Z', 'DTEND:20260310T130000Z']),
    );
    const result = await plan(text);
    expect(result.activities.map((entry) => entry.uid)).toEqual(['ok@bib']);
    expect(result.problems).toEqual([{ index: 1, line: 4, message: expect.stringContaining('could not be read') }]);
  });

  it('trims spaces inside an RRULE value (BYDAY=MO, WE)', async () => {
    const text = ics(vevent('spaces@bib', ['SUMMARY:Ruimte', 'DTSTART:20260302T120000Z', 'DTEND:20260302T130000Z', 'RRULE:FREQ=WEEKLY;BYDAY=MO, WE;COUNT=4']));
    const starts = (await plan(text)).activities[0]!.occurrences.map((o) => new Date(o.start).toISOString());
    expect(starts).toEqual(['2026-03-02T12:00:00.000Z', '2026-03-04T12:00:00.000Z', '2026-03-09T12:00:00.000Z', '2026-03-11T12:00:00.000Z']);
  });

  it('keeps each moved instance that comes without its series', async () => {
    const text = ics(
      vevent('orphan@bib', ['RECURRENCE-ID:20260303T120000Z', 'SUMMARY:Los', 'DTSTART:20260304T120000Z', 'DTEND:20260304T130000Z']),
      vevent('orphan@bib', ['RECURRENCE-ID:20260310T120000Z', 'SUMMARY:Los', 'DTSTART:20260311T120000Z', 'DTEND:20260311T130000Z']),
    );
    const result = await plan(text);
    expect(result.activities).toHaveLength(1);
    expect(result.activities[0]!.occurrences.map((o) => new Date(o.start).toISOString())).toEqual(['2026-03-04T12:00:00.000Z', '2026-03-11T12:00:00.000Z']);
  });

  it('matches a UTC EXDATE to a start in an IANA zone the file does not define', async () => {
    const text = ics(vevent('utc-ex@bib', ['SUMMARY:Dag', 'DTSTART;TZID=Europe/Brussels:20260309T140000', 'DTEND;TZID=Europe/Brussels:20260309T150000', 'RRULE:FREQ=DAILY;COUNT=3', 'EXDATE:20260310T130000Z']));
    const starts = (await plan(text)).activities[0]!.occurrences.map((o) => new Date(o.start).toISOString());
    expect(starts).toEqual(['2026-03-09T13:00:00.000Z', '2026-03-11T13:00:00.000Z']);
  });

  it('skips a start in the spring-forward gap and does not count it', async () => {
    const text = ics(vevent('gap@bib', ['SUMMARY:Nacht', 'DTSTART;TZID=Europe/Brussels:20260328T023000', 'DTEND;TZID=Europe/Brussels:20260328T030000', 'RRULE:FREQ=DAILY;COUNT=3']));
    const starts = (await plan(text)).activities[0]!.occurrences.map((o) => new Date(o.start).toISOString());
    expect(starts).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z']);
  });

  it('reports a cancelled event as left out', async () => {
    const result = await plan(ics(vevent('gone@bib', ['SUMMARY:Weg', 'STATUS:CANCELLED', 'DTSTART:20260310T120000Z'])));
    expect(result.problems).toEqual([{ index: 1, line: 4, uid: 'gone@bib', summary: 'Weg', message: 'the event is cancelled (STATUS:CANCELLED).' }]);
  });
});
