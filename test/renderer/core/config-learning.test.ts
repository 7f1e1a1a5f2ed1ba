// Mentors, achievements and playlists in site.json (issue 12): defaults, and every cross-check naming
// the field and what to do about it.
import { describe, expect, it } from 'vitest';
import { loadSiteConfig } from '../../../src-renderer/core/config';
import type { ConfigError, ConfigResult } from '../../../src-renderer/core/model';
import type { FixtureFiles } from './site-fixture';
import { fixtureBundle, NOW } from './site-fixture';

const text = (nl: string) => ({ nl, en: nl });

/** The fixture with one mentor, one achievement and a playlist that climbs see-do → do-together → do-yourself. */
function withLearning(files: FixtureFiles): void {
  files.site.mentors = [{ id: 'an', firstName: 'An', organisation: 'buurtwerk', helpsWith: text('Herstellen'), findThem: text('Zaterdag in de werkplaats') }];
  files.site.achievements = [{ id: 'fixer', name: text('Hersteller'), description: text('Kan iets herstellen'), criteria: text('Heeft iets hersteld'), organisation: 'buurtwerk', theme: 'making' }];
  files.site.playlists = [
    {
      id: 'fix-it',
      title: text('Zelf herstellen'),
      goal: text('Je herstelt zelf'),
      organisation: 'buurtwerk',
      mentor: 'an',
      badge: 'fixer',
      steps: [{ activity: 'robot-lab' }, { activity: 'repair-cafe' }, { level: 'do-yourself', theme: 'making' }],
    },
  ];
  files.activities.activities[0].badges = ['fixer'];
}

function load(change: (files: FixtureFiles) => void): ConfigResult {
  return loadSiteConfig(
    fixtureBundle((files) => {
      withLearning(files);
      change(files);
    }),
    { now: NOW },
  );
}

function errorsOf(change: (files: FixtureFiles) => void): ConfigError[] {
  const result = load(change);
  if (result.ok) throw new Error('expected errors, the config is valid');
  return result.errors;
}

describe('site.json: mentors, achievements and playlists', () => {
  it('are empty by default, with the default claim settings', () => {
    const result = loadSiteConfig(fixtureBundle(), { now: NOW });
    expect(result.ok && [result.config.mentors, result.config.achievements, result.config.playlists, result.config.badges]).toEqual([[], [], [], { claimMinutes: 30, maxClaims: 30 }]);
  });

  it('load with their defaults applied: a mentor speaks the default language, a contact stays private', () => {
    const result = load((files) => (files.site.mentors[0].contact = { kind: 'email', value: 'an@example.org' }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toEqual([]);
    expect(result.config.mentors[0]).toMatchObject({ languages: ['nl'], contact: { kind: 'email', value: 'an@example.org', public: false } });
    expect(result.config.achievements[0]?.alignment).toEqual([]);
    expect(result.config.playlists[0]?.steps).toHaveLength(3);
  });

  it.each([
    ['a playlist that steps down the ladder', (files: FixtureFiles) => (files.site.playlists[0].steps = [{ activity: 'repair-cafe' }, { activity: 'robot-lab' }, { activity: 'maker-night' }]), 'playlists[0].steps[1]', 'playlist `fix-it`: step 2 (see-do) goes down the ladder after step 1 (do-together); order the steps see-do → do-together → do-yourself'],
    ['an unknown step activity', (files: FixtureFiles) => (files.site.playlists[0].steps[1] = { activity: 'knit-club' }), 'playlists[0].steps[1].activity', 'playlist `fix-it`: activity `knit-club` does not exist in activities.json'],
    ['an unknown step theme', (files: FixtureFiles) => (files.site.playlists[0].steps[2].theme = 'music'), 'playlists[0].steps[2].theme', 'playlist `fix-it`: theme `music` does not exist'],
    ['an unknown mentor', (files: FixtureFiles) => (files.site.playlists[0].mentor = 'bo'), 'playlists[0].mentor', 'playlist `fix-it`: mentor `bo` does not exist in `mentors`'],
    ['an unknown badge', (files: FixtureFiles) => (files.site.playlists[0].badge = 'chef'), 'playlists[0].badge', 'playlist `fix-it`: achievement `chef` does not exist in `achievements`'],
    ['a mentor of an unknown organisation', (files: FixtureFiles) => (files.site.mentors[0].organisation = 'nobody'), 'mentors[0].organisation', 'mentor `an`: organisation `nobody` does not exist in organisations.json'],
    ['an achievement of an unknown theme', (files: FixtureFiles) => (files.site.achievements[0].theme = 'music'), 'achievements[0].theme', 'achievement `fixer`: theme `music` does not exist'],
    ['a duplicate mentor id', (files: FixtureFiles) => files.site.mentors.push({ ...files.site.mentors[0] }), 'mentors[1].id', 'mentor id `an` is used twice: mentors[0] and mentors[1]'],
    ['an achievement without text in the default language', (files: FixtureFiles) => (files.site.achievements[0].criteria = { en: 'Fixed something' }), 'achievements[0].criteria', 'achievement `fixer`: `criteria` has no text in the default language (nl)'],
  ])('refuses %s, naming the field', (_name, change, path, message) => {
    expect(errorsOf(change)).toEqual([{ file: 'site.json', path, message }]);
  });

  it('refuses a playlist of fewer than 3 or more than 8 steps', () => {
    expect(errorsOf((files) => (files.site.playlists[0].steps = files.site.playlists[0].steps.slice(0, 2))).map((error) => [error.path, error.message])).toEqual([['playlists[0].steps', 'needs at least 3 steps']]);
    expect(errorsOf((files) => (files.site.playlists[0].steps = Array.from({ length: 9 }, () => ({ activity: 'robot-lab' })))).map((error) => error.path)).toEqual(['playlists[0].steps']);
  });

  it('warns, without refusing the site, about an activity badge no achievement defines', () => {
    const result = load((files) => (files.activities.activities[1].badges = ['maker']));
    expect(result.ok && result.warnings).toEqual([
      { file: 'activities.json', path: 'activities[1].badges[0]', message: 'activity `maker-night`: badge `maker` is not defined in site.json `achievements`; the kiosk shows no badge for it' },
    ]);
  });

  it('says once that organisations.json cannot be read, not once per mentor, achievement and playlist', () => {
    const bundle = fixtureBundle(withLearning);
    const result = loadSiteConfig({ ...bundle, files: { ...bundle.files, 'organisations.json': '{ "organisations": [' } }, { now: NOW });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.filter((error) => error.file === 'organisations.json' || error.message.includes('organisations.json')).map((error) => error.file)).toEqual(['organisations.json']);
  });
});
