import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCatalogue, CATALOGUE_VERSION, parseCatalogue, type Catalogue } from '../../../src-renderer/core/catalogue';
import { loadSiteConfig } from '../../../src-renderer/core/config';
import type { Activity, SiteConfig } from '../../../src-renderer/core/model';
import { expandAll } from '../../../src-renderer/core/schedule';
import site from '../../../kiosk-config/regina-mundi/site.json?raw';
import spaces from '../../../kiosk-config/regina-mundi/spaces.json?raw';
import organisations from '../../../kiosk-config/regina-mundi/organisations.json?raw';
import activities from '../../../kiosk-config/regina-mundi/activities.json?raw';

const NOW = Date.parse('2026-03-20T00:00:00Z');
const DAY = 86_400_000;

function sampleConfig(): SiteConfig {
  const result = loadSiteConfig(
    { source: 'regina-mundi', files: { 'site.json': site, 'spaces.json': spaces, 'organisations.json': organisations, 'activities.json': activities } },
    { now: NOW },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
  return result.config;
}

const config = sampleConfig();

describe('buildCatalogue', () => {
  const catalogue = buildCatalogue(config, { now: NOW });

  it('carries the site, every activity without its schedule, and no personal contact data', () => {
    expect(catalogue.version).toBe(CATALOGUE_VERSION);
    expect(catalogue.site).toMatchObject({ id: 'regina-mundi', timeZone: 'Europe/Brussels', followUpBaseUrl: 'https://wegwijzer.example.org/regina-mundi/', plan: { image: 'plan.svg' } });
    expect(catalogue.activities.map((activity) => activity.id)).toEqual(config.activities.map((activity) => activity.id));
    expect(catalogue.activities.some((activity) => 'schedule' in activity)).toBe(false);
    const json = JSON.stringify(catalogue);
    expect(json).not.toContain('pinHash');
    expect(json).not.toContain('@');
  });

  it('lists exactly the occurrences of the next 90 days, compact and sorted', () => {
    const expected = expandAll(config, NOW, NOW + 90 * DAY);
    expect(catalogue.occurrences).toHaveLength(expected.length);
    const expanded = catalogue.occurrences.map(([index, start, minutes]) => ({ activityId: catalogue.activities[index]?.id, start: start * 60_000, end: (start + minutes) * 60_000 }));
    const key = (occurrence: { activityId?: string; start: number; end: number }): string => `${occurrence.start}|${occurrence.activityId}|${occurrence.end}`;
    expect(expanded.map(key).sort()).toEqual(expected.map(key).sort());
    const starts = catalogue.occurrences.map((occurrence) => occurrence[1]);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('leaves out the sessions on the site\'s closed days, and keeps those of an activity that runs through them', () => {
    const closed: SiteConfig = { ...config, site: { ...config.site, closures: [{ from: '2026-03-20', until: '2026-06-30' }] } };
    const walkId = config.activities[0]!.id;
    const open: SiteConfig = { ...closed, activities: closed.activities.map((activity) => (activity.id === walkId ? { ...activity, runsThroughClosures: true } : activity)) };
    expect(buildCatalogue(closed, { now: NOW, days: 30 }).occurrences).toEqual([]);
    const kept = buildCatalogue(open, { now: NOW, days: 30 });
    expect(kept.occurrences.length).toBeGreaterThan(0);
    expect(new Set(kept.occurrences.map(([index]) => kept.activities[index]?.id))).toEqual(new Set([walkId]));
  });

  it('adds staff-scheduled activities, replacing a config activity with the same id', () => {
    const base = config.activities[0] as Activity;
    const extra: Activity = { ...base, id: 'staff-extra', title: { nl: 'Extra sessie' }, schedule: [{ start: '2026-03-25T10:00', end: '2026-03-25T11:00', except: [] }] };
    const replaced: Activity = { ...base, title: { nl: 'Nieuwe titel' } };
    const withExtra = buildCatalogue(config, { now: NOW, days: 30, extraActivities: [extra, replaced] });
    expect(withExtra.activities).toHaveLength(config.activities.length + 1);
    expect(withExtra.activities.find((activity) => activity.id === base.id)?.title).toEqual({ nl: 'Nieuwe titel' });
    const index = withExtra.activities.findIndex((activity) => activity.id === 'staff-extra');
    expect(withExtra.occurrences.filter(([activity]) => activity === index)).toEqual([[index, Date.parse('2026-03-25T09:00:00Z') / 60_000, 60]]);
  });

  it('lists a feed item\'s stored sessions as they are — cancelled, postponed and full marked — with where it comes from', () => {
    const base = config.activities[0] as Activity;
    const at = (local: string) => Date.parse(local);
    const feedItem: Activity = {
      ...base,
      id: 'uit-genk-1a2b',
      space: undefined,
      place: { name: 'C-Mine', address: 'C-Mine 10, 3600 Genk', geo: { lat: 50.9911, lon: 5.4983 } },
      // A schedule the reader may also fill in: the stored sessions win, as they carry the status.
      schedule: [{ start: '2026-03-24T10:00', end: '2026-03-24T11:00', except: [] }],
      origin: { feed: 'uit-genk', kind: 'uitdatabank', name: 'UiT in Genk', url: 'https://www.uitinvlaanderen.be/agenda/e/x/1a2b', organizer: 'C-Mine cultuurcentrum', sourceId: 'https://io.uitdatabank.be/event/1a2b' },
    };
    const sessions = new Map([
      [
        'uit-genk-1a2b',
        [
          { activityId: 'uit-genk-1a2b', start: at('2026-03-21T13:00:00Z'), end: at('2026-03-21T15:00:00Z'), status: 'cancelled' as const },
          { activityId: 'uit-genk-1a2b', start: at('2026-03-22T13:00:00Z'), end: at('2026-03-22T15:00:00Z'), status: 'postponed' as const },
          { activityId: 'uit-genk-1a2b', start: at('2026-03-23T13:00:00Z'), end: at('2026-03-23T15:00:00Z'), full: true },
          { activityId: 'uit-genk-1a2b', start: at('2026-03-28T13:00:00Z'), end: at('2026-03-28T15:00:00Z') },
          // Before the catalogue's start: not listed.
          { activityId: 'uit-genk-1a2b', start: at('2026-03-01T13:00:00Z'), end: at('2026-03-01T15:00:00Z') },
        ],
      ],
    ]);
    const built = buildCatalogue(config, { now: NOW, days: 30, extraActivities: [feedItem], sessions });
    const index = built.activities.findIndex((activity) => activity.id === 'uit-genk-1a2b');
    const minutes = (iso: string) => Date.parse(iso) / 60_000;
    expect(built.occurrences.filter(([activity]) => activity === index)).toEqual([
      [index, minutes('2026-03-21T13:00:00Z'), 120, 'cancelled'],
      [index, minutes('2026-03-22T13:00:00Z'), 120, 'postponed'],
      [index, minutes('2026-03-23T13:00:00Z'), 120, 'full'],
      [index, minutes('2026-03-28T13:00:00Z'), 120],
    ]);
    const parsed = parseCatalogue(JSON.stringify(built));
    expect(parsed.ok && parsed.dropped).toBe(0);
    const read = parsed.ok ? parsed.catalogue : undefined;
    expect(read?.activities[index]?.origin).toEqual(feedItem.origin);
    expect(read?.occurrences.filter(([activity]) => activity === index).map((occurrence) => occurrence[3])).toEqual(['cancelled', 'postponed', 'full', undefined]);
  });

  it('survives its own JSON round trip through parseCatalogue unchanged', () => {
    const parsed = parseCatalogue(JSON.stringify(catalogue));
    expect(parsed).toEqual({ ok: true, dropped: 0, catalogue: JSON.parse(JSON.stringify(catalogue)) as Catalogue });
  });
});

describe('parseCatalogue', () => {
  const good = JSON.parse(JSON.stringify(buildCatalogue(config, { now: NOW, days: 14 }))) as Catalogue;
  const copy = (): Record<string, unknown> => JSON.parse(JSON.stringify(good)) as Record<string, unknown>;

  it('refuses what is not a catalogue, a newer version and a site it cannot show', () => {
    expect(parseCatalogue('{not json')).toEqual({ ok: false, error: 'not-json' });
    expect(parseCatalogue(null)).toEqual({ ok: false, error: 'not-a-catalogue' });
    expect(parseCatalogue([1, 2])).toEqual({ ok: false, error: 'not-a-catalogue' });
    expect(parseCatalogue({ ...copy(), version: 2 })).toEqual({ ok: false, error: 'unsupported-version' });
    expect(parseCatalogue({ ...copy(), site: { ...good.site, timeZone: 'Mars/Olympus' } })).toEqual({ ok: false, error: 'invalid-site' });
    expect(parseCatalogue({ ...copy(), site: { ...good.site, plan: { image: '../../etc/passwd', width: 1, height: 1 } } })).toEqual({ ok: false, error: 'invalid-site' });
  });

  it('leaves out a broken activity and renumbers the occurrences around it', () => {
    const broken = copy();
    const list = broken.activities as unknown[];
    const second = good.activities[1];
    list[0] = { id: 'Not An Id', level: 'see-do' };
    const parsed = parseCatalogue(broken);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.catalogue.activities[0]?.id).toBe(second?.id);
    const firstDropped = good.occurrences.filter(([index]) => index === 0).length;
    expect(parsed.catalogue.occurrences).toHaveLength(good.occurrences.length - firstDropped);
    expect(parsed.dropped).toBe(1 + firstDropped);
    for (const [index] of parsed.catalogue.occurrences) expect(index).toBeLessThan(parsed.catalogue.activities.length);
  });

  it('keeps hostile text as text, and refuses unsafe links, colours and image names', () => {
    const hostile = copy();
    const activity = (hostile.activities as Record<string, unknown>[])[0] as Record<string, unknown>;
    activity.title = { nl: '<img src=x onerror=alert(1)>', en: '<script>alert(1)</script>' };
    (hostile.organisations as Record<string, unknown>[])[0] = { id: 'evil', name: 'Evil', kind: 'resident', url: 'javascript:alert(1)' };
    (hostile.themes as Record<string, unknown>[])[0] = { id: 'x', name: { nl: 'x' }, icon: 'x', color: 'red;background:url(https://evil.example/)' };
    const parsed = parseCatalogue(hostile);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.catalogue.activities[0]?.title).toEqual({ nl: '<img src=x onerror=alert(1)>', en: '<script>alert(1)</script>' });
    expect(parsed.catalogue.organisations[0]).toEqual({ id: 'evil', name: 'Evil', kind: 'resident' });
    expect(parsed.catalogue.themes[0]?.color).toBe('#4a5360');
  });

  // A thousand parses of a real catalogue take a few seconds; more when the machine is busy.
  it('drops a session with a mark it does not know rather than show it as going ahead, and refuses unsafe origin links', () => {
    const json = copy();
    const occurrences = json.occurrences as unknown[][];
    const [index, start] = occurrences[0] as [number, number];
    json.occurrences = [[index, start, 60, 'cancelled'], [index, start + 60, 60, 'exploded'], [index, start + 120, 60, 42]];
    const activities = json.activities as Record<string, unknown>[];
    activities[index]!.origin = { feed: 'uit-genk', kind: 'uitdatabank', name: '<b>UiT</b>', sourceId: 'x', url: 'javascript:alert(1)', bookingUrl: 'https://example.org/book' };
    const parsed = parseCatalogue(json);
    if (!parsed.ok) throw new Error('expected a catalogue');
    expect(parsed.catalogue.occurrences).toEqual([[index, start, 60, 'cancelled']]);
    expect(parsed.dropped).toBe(2);
    expect(parsed.catalogue.activities[index]?.origin).toEqual({ feed: 'uit-genk', kind: 'uitdatabank', name: '<b>UiT</b>', sourceId: 'x', bookingUrl: 'https://example.org/book' });
  });

  it('never throws, and always returns the promised shapes, whatever JSON it is given', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseCatalogue(value);
        if (parsed.ok) expect(Array.isArray(parsed.catalogue.activities)).toBe(true);
      }),
      { numRuns: 500 },
    );
    // Mutations of a real catalogue: any field replaced by any JSON value.
    const paths = ['site', 'levels', 'themes', 'spaces', 'organisations', 'activities', 'occurrences', 'generatedAt'];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), fc.nat(20), fc.jsonValue(), (key, value, index, inner) => {
        const mutated = copy();
        mutated[key] = value;
        const activities = copy().activities as unknown[];
        activities[index] = inner;
        const parsed = parseCatalogue({ ...mutated, activities: key === 'activities' ? value : activities });
        if (!parsed.ok) return;
        for (const [activity, start, minutes] of parsed.catalogue.occurrences) {
          expect(parsed.catalogue.activities[activity]).toBeDefined();
          expect(Number.isSafeInteger(start) && Number.isInteger(minutes)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
