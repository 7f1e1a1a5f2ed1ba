import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSiteConfig } from '../../../src-renderer/core/config';
import type { ConfigError, ConfigResult, SiteBundle, SiteConfig } from '../../../src-renderer/core/model';
import { SITE_FILES } from '../../../src-renderer/core/model';
import type { FixtureFiles } from './site-fixture';
import { fixtureBundle, NOW } from './site-fixture';
import { PROPERTY_TIMEOUT_MS } from '../../support/property';

function load(change?: (files: FixtureFiles) => void): ConfigResult {
  return loadSiteConfig(fixtureBundle(change), { now: NOW });
}

function configOf(change?: (files: FixtureFiles) => void): SiteConfig {
  const result = load(change);
  if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.errors, null, 2)}`);
  return result.config;
}

function errorsOf(change: (files: FixtureFiles) => void): ConfigError[] {
  const result = load(change);
  if (result.ok) throw new Error('expected errors, the config is valid');
  return result.errors;
}

describe('loadSiteConfig: a valid site', () => {
  it('accepts the fixture without warnings', () => {
    const result = load();
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('applies the site defaults', () => {
    const { site, levels, themes } = configOf();
    expect(site.defaultLocale).toBe('nl');
    expect(site.locales).toEqual(['nl', 'en', 'fr', 'tr']);
    expect(site.idle).toEqual({ timeoutSeconds: 90, warningSeconds: 20 });
    expect(site.staff).toEqual({ idleLockSeconds: 120 });
    expect(site.openingHours.sun).toEqual([{ from: '09:00', to: '21:00' }]);
    expect(site.closures).toEqual([]);
    expect(site.plan).toEqual({ image: 'plan.svg', width: 1600, height: 1000 });
    expect(levels['do-yourself'].shape).toBe('diamond');
    expect(themes.map((theme) => theme.id)).toEqual(['relaxation', 'making', 'food', 'nature', 'thinking']);
  });

  it('merges level overrides over the built-in levels and treats a missing weekday as closed', () => {
    const { site, levels } = configOf((files) => {
      files.site.levels = { 'see-do': { color: '#0b5394' } };
      files.site.openingHours = { mon: [{ from: '08:00', to: '24:00' }] };
    });
    expect(levels['see-do']).toMatchObject({ color: '#0b5394', shape: 'circle', name: { nl: 'Zien doen' } });
    expect(site.openingHours.mon).toEqual([{ from: '08:00', to: '24:00' }]);
    expect(site.openingHours.tue).toEqual([]);
  });

  it('applies space, booking and activity defaults', () => {
    const config = configOf();
    const [workshop, , musicRoom] = config.spaces;
    expect(workshop).toMatchObject({ equipment: [], concurrent: false });
    expect(musicRoom?.booking).toEqual({
      bookableBy: 'visitors',
      slotMinutes: 30,
      minMinutes: 30,
      maxMinutes: 120,
      bufferMinutes: 0,
      maxDaysAhead: 14,
      openingHours: config.site.openingHours,
      closures: [],
      capacity: 1,
    });
    const repairCafe = config.activities[0];
    expect(repairCafe).toMatchObject({
      summary: { nl: '', en: '' },
      description: { nl: '' },
      ages: { min: 0 },
      price: { kind: 'free' },
      languages: ['nl'],
      registration: 'walk-in',
      badges: [],
    });
    expect(config.activities[1]?.schedule[0]?.except).toEqual([]);
  });

  it('gives an activity of a partner the partner\'s place', () => {
    const mineTour = configOf().activities.find((activity) => activity.id === 'mine-tour');
    expect(mineTour?.place?.name).toBe('C-mine');
    expect(mineTour?.space).toBeUndefined();
  });

  it('accepts a $schema key and a byte-order mark', () => {
    const bundle = fixtureBundle((files) => {
      files.site.$schema = '../schema/site.schema.json';
    });
    bundle.files['spaces.json'] = `\uFEFF${bundle.files['spaces.json']}`;
    expect(loadSiteConfig(bundle, { now: NOW }).ok).toBe(true);
  });
});

describe('loadSiteConfig: file problems', () => {
  it('names a missing file and the folder', () => {
    const bundle: SiteBundle = { ...fixtureBundle(), source: 'kiosk-config/demo' };
    bundle.files['site.json'] = null;
    const result = loadSiteConfig(bundle, { now: NOW });
    expect(!result.ok && result.errors).toEqual([{ file: 'site.json', path: '', message: 'site.json is missing from the site folder kiosk-config/demo' }]);
  });

  it('reports invalid JSON with its line and column', () => {
    const bundle = fixtureBundle();
    bundle.files['spaces.json'] = '{\n  "spaces": [\n    { "id": "a", }\n  ]\n}';
    const result = loadSiteConfig(bundle, { now: NOW });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.message).toMatch(/^invalid JSON at line 3, column 18: /);
  });

  it('collects the problems of every file in one go, sorted by file then path', () => {
    const errors = errorsOf((files) => {
      files.activities.activities[0].level = 'watch';
      files.activities.activities[2].organiser = 'nobody';
      files.spaces.spaces[1].kind = 'Court Yard';
      files.site.timeZone = 'Mars/Olympus';
    });
    expect(errors.map(({ file, path }) => `${file}: ${path}`)).toEqual([
      'site.json: timeZone',
      'spaces.json: spaces[1].kind',
      'activities.json: activities[0].level',
      'activities.json: activities[2].organiser',
    ]);
  });
});

describe('loadSiteConfig: schema problems', () => {
  it.each([
    ['an unknown field', (files: FixtureFiles) => (files.spaces.spaces[0].capacty = 4), 'spaces.json', 'spaces[0].capacty', 'unknown field `capacty` (fields are case-sensitive; is it a typo?)'],
    ['a missing required field', (files: FixtureFiles) => delete files.activities.activities[3].level, 'activities.json', 'activities[3].level', 'required field `level` is missing'],
    ['a wrong type', (files: FixtureFiles) => (files.spaces.spaces[0].floor = '1'), 'spaces.json', 'spaces[0].floor', 'must be a number, not "1"'],
    ['a value outside a list', (files: FixtureFiles) => (files.activities.activities[1].registration = 'maybe'), 'activities.json', 'activities[1].registration', 'must be one of "walk-in", "required", not "maybe"'],
    ['a bad id', (files: FixtureFiles) => (files.spaces.spaces[2].id = 'Music-Room'), 'spaces.json', 'spaces[2].id', 'must be a lower-case id such as "repair-cafe": a–z, 0–9 and "-", starting with a letter or digit (got "Music-Room")'],
    ['an impossible date', (files: FixtureFiles) => (files.organisations.organisations[1].period.until = '2026-02-30'), 'organisations.json', 'organisations[1].period.until', 'is not a real calendar date (got "2026-02-30")'],
    ['an except entry that is no date', (files: FixtureFiles) => (files.activities.activities[0].schedule[0].except = ['next week']), 'activities.json', 'activities[0].schedule[0].except[0]', 'must be a date (YYYY-MM-DD) or a local date-time (YYYY-MM-DDTHH:mm) (got "next week")'],
    ['an unknown locale key', (files: FixtureFiles) => (files.site.name.de = 'Regina-Mundi-Gelände'), 'site.json', 'name.de', 'unknown field `de` (fields are case-sensitive; is it a typo?)'],
    ['a too short idle warning', (files: FixtureFiles) => (files.site.idle = { warningSeconds: 10 }), 'site.json', 'idle.warningSeconds', 'must be at least 20 seconds (WCAG 2.2.1 Timing Adjustable)'],
    ['a plain-http follow-up URL', (files: FixtureFiles) => (files.site.followUpBaseUrl = 'http://example.org/'), 'site.json', 'followUpBaseUrl', 'must be an https:// URL (http:// only for localhost or 127.0.0.1) (got "http://example.org/")'],
    ['a follow-up URL with a space', (files: FixtureFiles) => (files.site.followUpBaseUrl = 'https://example.org/my site/'), 'site.json', 'followUpBaseUrl', 'must not contain spaces or "#" (the code goes after the "#") (got "https://example.org/my site/")'],
    ['a follow-up URL with a fragment', (files: FixtureFiles) => (files.site.followUpBaseUrl = 'https://example.org/#volg'), 'site.json', 'followUpBaseUrl', 'must not contain spaces or "#" (the code goes after the "#") (got "https://example.org/#volg")'],
    ['an opening range that ends before it starts', (files: FixtureFiles) => (files.site.openingHours = { sat: [{ from: '17:00', to: '09:00' }] }), 'site.json', 'openingHours.sat[0]', 'the closing time `to` must be after the opening time `from`'],
  ])('reports %s', (_name, change, file, path, message) => {
    expect(errorsOf(change)).toEqual([{ file, path, message }]);
  });

  it('refuses two ids that would share a follow-up QR reference', () => {
    // `costarring` and `liquid` have the same 32-bit FNV-1a hash.
    const errors = errorsOf((files) => {
      files.activities.activities[2].id = 'costarring';
      files.activities.activities[3].id = 'liquid';
    });
    expect(errors).toContainEqual({
      file: 'activities.json',
      path: '',
      message: 'activity ids `costarring` and `liquid` would share one follow-up QR code reference; rename one of them',
    });
  });

  it('accepts http for a follow-up server on the kiosk itself', () => {
    expect(load((files) => (files.site.followUpBaseUrl = 'http://localhost:8080/')).ok).toBe(true);
  });
});

describe('loadSiteConfig: cross-checks', () => {
  it.each([
    ['a duplicate activity id', (files: FixtureFiles) => (files.activities.activities[3].id = 'repair-cafe'), 'activities.json', 'activities[3].id', 'activity id `repair-cafe` is used twice: activities[0] and activities[3]'],
    ['a duplicate space id', (files: FixtureFiles) => (files.spaces.spaces[2].id = 'workshop'), 'spaces.json', 'spaces[2].id', 'space id `workshop` is used twice: spaces[0] and spaces[2]'],
    ['an unknown space', (files: FixtureFiles) => (files.activities.activities[0].space = 'atelier-9'), 'activities.json', 'activities[0].space', 'activity `repair-cafe`: space `atelier-9` does not exist'],
    ['an unknown organiser', (files: FixtureFiles) => (files.activities.activities[1].organiser = 'nobody'), 'activities.json', 'activities[1].organiser', 'activity `maker-night`: organiser `nobody` does not exist'],
    ['an unknown theme', (files: FixtureFiles) => (files.activities.activities[1].themes = ['making', 'music']), 'activities.json', 'activities[1].themes[1]', 'activity `maker-night`: theme `music` does not exist'],
    ['an unknown next step', (files: FixtureFiles) => (files.activities.activities[0].nextSteps = ['knit-club']), 'activities.json', 'activities[0].nextSteps[0]', 'activity `repair-cafe`: next step `knit-club` does not exist'],
    ['an activity as its own next step', (files: FixtureFiles) => (files.activities.activities[0].nextSteps = ['repair-cafe']), 'activities.json', 'activities[0].nextSteps[0]', 'activity `repair-cafe`: an activity cannot be its own next step'],
    ['an unknown time zone', (files: FixtureFiles) => (files.site.timeZone = 'Europe/Brusels'), 'site.json', 'timeZone', 'site: time zone `Europe/Brusels` is not a known IANA time zone'],
    ['a fixed offset as time zone', (files: FixtureFiles) => (files.site.timeZone = '+01:00'), 'site.json', 'timeZone', 'site: time zone `+01:00` is not a known IANA time zone'],
    ['locales without the default locale', (files: FixtureFiles) => (files.site.locales = ['en', 'fr']), 'site.json', 'locales', 'site: locales must include the default locale `nl`'],
    ['a required text without the default locale', (files: FixtureFiles) => (files.activities.activities[1].title = { en: 'Maker night' }), 'activities.json', 'activities[1].title', 'activity `maker-night`: `title` has no text in the default language (nl)'],
    ['a space name without the default locale', (files: FixtureFiles) => (files.spaces.spaces[1].name = { en: 'Courtyard' }), 'spaces.json', 'spaces[1].name', 'space `courtyard`: `name` has no text in the default language (nl)'],
    ['a session that ends before it starts', (files: FixtureFiles) => (files.activities.activities[3].schedule[0].end = '2026-04-12T13:00'), 'activities.json', 'activities[3].schedule[0].end', 'activity `mine-tour`: a session must end after it starts (2026-04-12T14:00 → 2026-04-12T13:00)'],
    ['a malformed RRULE', (files: FixtureFiles) => (files.activities.activities[1].schedule[0].rrule = 'FREQ=WEEKLY;BYDAY=WO'), 'activities.json', 'activities[1].schedule[0].rrule', 'activity `maker-night`: RRULE `FREQ=WEEKLY;BYDAY=WO`: BYDAY value `WO` is not a weekday like MO, 2SA or -1FR'],
    ['a point outside the plan', (files: FixtureFiles) => (files.spaces.spaces[0].at = { x: 1700, y: 200 }), 'spaces.json', 'spaces[0].at', 'space `workshop`: point (1700, 200) lies outside the plan (0–1600 × 0–1000)'],
    ['an outline point outside the plan', (files: FixtureFiles) => (files.spaces.spaces[0].outline = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: -1 }]), 'spaces.json', 'spaces[0].outline[2]', 'space `workshop`: point (10, -1) lies outside the plan (0–1600 × 0–1000)'],
    ['a guest without period', (files: FixtureFiles) => delete files.organisations.organisations[1].period, 'organisations.json', 'organisations[1].period', 'organisation `thor-park`: guests need a `period`'],
    ['a partner without place', (files: FixtureFiles) => delete files.organisations.organisations[2].place, 'organisations.json', 'organisations[2].place', 'organisation `c-mine`: partners need a `place`'],
    ['an activity with both space and place', (files: FixtureFiles) => (files.activities.activities[0].place = { name: 'Elders', address: 'Straat 1, Genk', geo: { lat: 50.9, lon: 5.5 } }), 'activities.json', 'activities[0].place', 'activity `repair-cafe`: give either `space` (on site) or `place` (off site), not both'],
    ['an activity with neither space nor place', (files: FixtureFiles) => delete files.activities.activities[1].space, 'activities.json', 'activities[1]', 'activity `maker-night`: needs a `space` (on site) or a `place` (off site); only a partner organiser lends its place'],
    ['a slot that does not divide a day', (files: FixtureFiles) => (files.spaces.spaces[2].booking = { slotMinutes: 35, maxMinutes: 105 }), 'spaces.json', 'spaces[2].booking.slotMinutes', 'space `music-room`: slotMinutes 35 must divide a day (1440 minutes), e.g. 15, 30 or 60'],
    ['a maximum below the minimum', (files: FixtureFiles) => (files.spaces.spaces[2].booking = { minMinutes: 90, maxMinutes: 60 }), 'spaces.json', 'spaces[2].booking.maxMinutes', 'space `music-room`: maxMinutes 60 must be at least minMinutes 90'],
    ['a paid activity without amount', (files: FixtureFiles) => (files.activities.activities[1].price = { kind: 'paid' }), 'activities.json', 'activities[1].price.amount', 'activity `maker-night`: a paid activity needs an `amount`'],
    ['ages the wrong way round', (files: FixtureFiles) => (files.activities.activities[1].ages = { min: 12, max: 6 }), 'activities.json', 'activities[1].ages.max', 'activity `maker-night`: ages.max 6 is below ages.min 12'],
    ['a level colour white text cannot be read on', (files: FixtureFiles) => (files.site.levels = { 'see-do': { color: '#ffcc00' } }), 'site.json', 'levels.see-do.color', 'level `see-do`: white text on #ffcc00 has contrast 1.5:1; it needs at least 4.5:1 (WCAG AA), pick a darker colour'],
  ])('reports %s', (_name, change, file, path, message) => {
    expect(errorsOf(change)).toEqual([{ file, path, message }]);
  });

  it('does not call a reference to a broken item unknown', () => {
    const errors = errorsOf((files) => (files.spaces.spaces[0].at = 'here'));
    expect(errors).toEqual([{ file: 'spaces.json', path: 'spaces[0].at', message: 'must be an object { … }, not "here"' }]);
  });

  it('warns about a field that does not apply to the organisation kind', () => {
    const result = load((files) => (files.organisations.organisations[0].period = { from: '2026-01-01', until: '2026-12-31' }));
    expect(result.ok && result.warnings).toEqual([
      { file: 'organisations.json', path: 'organisations[0].period', message: 'organisation `buurtwerk`: `period` only applies to guests; it is ignored for a resident' },
    ]);
  });
});

describe('loadSiteConfig: registering elsewhere (issue 11)', () => {
  it('takes an https registrationUrl and a public organisation contact', () => {
    const result = load((files) => {
      files.activities.activities[0].registration = 'required';
      files.activities.activities[0].registrationUrl = 'https://example.org/register';
      files.organisations.organisations[0].contact = { name: 'Onthaal', email: 'info@example.org', public: true };
    });
    expect(result.ok && result.warnings).toEqual([]);
    expect(result.ok && result.config.activities[0]?.registrationUrl).toBe('https://example.org/register');
    expect(result.ok && result.config.organisations[0]?.contact?.public).toBe(true);
  });

  it('refuses a registrationUrl that is not https, and warns when the activity still says walk-in', () => {
    expect(errorsOf((files) => (files.activities.activities[0].registrationUrl = 'http://example.org/register')).map((error) => error.path)).toEqual(['activities[0].registrationUrl']);
    const result = load((files) => {
      files.activities.activities[0].registration = 'walk-in';
      files.activities.activities[0].registrationUrl = 'https://example.org/register';
    });
    expect(result.ok && result.warnings.map((warning) => warning.path)).toEqual(['activities[0].registrationUrl']);
  });
});

describe('loadSiteConfig: schedules', () => {
  it('warns when a series starts on a date its rule does not give, which RFC 5545 still counts', () => {
    const result = load((files) => {
      const entry = files.activities.activities[1].schedule[0];
      entry.start = '2026-01-05T19:00';
      entry.end = '2026-01-05T22:00';
      entry.rrule = 'FREQ=WEEKLY;BYDAY=WE';
    });
    expect(result.ok && result.warnings.map((warning) => warning.path)).toEqual(['activities[1].schedule[0].start']);
  });

  it('accepts UNTIL in UTC and refuses a rule the engine cannot expand, with the reason', () => {
    expect(load((files) => (files.activities.activities[1].schedule[0].rrule = 'FREQ=WEEKLY;UNTIL=20261231T230000Z')).ok).toBe(true);
    expect(errorsOf((files) => (files.activities.activities[1].schedule[0].rrule = 'FREQ=MONTHLY;BYDAY=6MO')).map((error) => error.message)).toEqual([
      expect.stringContaining('a month has at most 5 of each weekday'),
    ]);
  });
});

describe('loadSiteConfig: overlapping sessions', () => {
  it('reports each clashing pair once, with the space and the first local start', () => {
    const errors = errorsOf((files) => {
      // Every Wednesday 18:00–20:00 against maker night, every Wednesday 19:00–22:00.
      files.activities.activities[3] = {
        ...files.activities.activities[1],
        id: 'choir',
        space: 'workshop',
        schedule: [{ start: '2026-03-04T18:00', end: '2026-03-04T20:00', rrule: 'FREQ=WEEKLY' }],
      };
    });
    expect(errors).toEqual([
      {
        file: 'activities.json',
        path: 'activities[3].space',
        message: 'activities `maker-night` and `choir` overlap in space `workshop` on 2026-03-04 at 19:00; set "concurrent": true on the space if they may share it',
      },
    ]);
  });

  it('allows overlaps in a concurrent space', () => {
    expect(load((files) => (files.activities.activities[1].space = 'courtyard')).ok).toBe(true);
  });

  it('lets sessions that only touch follow each other', () => {
    expect(
      load((files) => {
        files.activities.activities[1].schedule = [{ start: '2026-03-14T17:00', end: '2026-03-14T18:00' }];
      }).ok,
    ).toBe(true);
  });

  it('ignores clashes outside the guest period, where the guest does not run', () => {
    const result = load((files) => {
      files.activities.activities[2].space = 'workshop';
      files.activities.activities[2].schedule = [{ start: '2026-04-01T19:00', end: '2026-04-01T20:00' }];
    });
    expect(result.ok).toBe(true);
  });
});

describe('loadSiteConfig never throws', () => {
  const anyJson = fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify(value)), fc.constant(null));

  it('for arbitrary text or JSON in any file', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.tuple(anyJson, anyJson, anyJson, anyJson), (texts) => {
        const files = Object.fromEntries(SITE_FILES.map((file, index) => [file, texts[index] ?? null])) as SiteBundle['files'];
        const result = loadSiteConfig({ source: 'fuzz', files }, { now: NOW });
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('for arbitrary values in the fields of a valid site', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const fieldPaths = [
      ['activities', 'activities', 0, 'schedule'],
      ['activities', 'activities', 1, 'schedule', 0, 'rrule'],
      ['activities', 'activities', 0, 'themes'],
      ['spaces', 'spaces', 0, 'booking'],
      ['organisations', 'organisations', 1, 'period'],
      ['site', 'timeZone'],
      ['site', 'map'],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fieldPaths), fc.jsonValue(), (path, value) => {
        const result = load((files) => setPath(files, path, value));
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

function setPath(target: unknown, path: readonly (string | number)[], value: unknown): void {
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], target);
  (parent as Record<string | number, unknown>)[path.at(-1) as string | number] = value;
}
