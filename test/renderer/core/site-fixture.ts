// A small valid site folder for the config and schedule tests. Each test copies it, breaks one
// thing and looks for exactly the error that should name it.
import type { SiteBundle, SiteFileName } from '../../../src-renderer/core/model';

/** The four files as plain objects, loosely typed so tests can break them in any way. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FixtureFiles = Record<'site' | 'spaces' | 'organisations' | 'activities', any>;

/** 2026-03-01 12:00 UTC: the clash check's horizon runs from here. */
export const NOW = Date.UTC(2026, 2, 1, 12);

export function fixtureFiles(): FixtureFiles {
  return {
    site: {
      id: 'regina-mundi',
      name: { nl: 'Regina Mundi-site', en: 'Regina Mundi site' },
      timeZone: 'Europe/Brussels',
      followUpBaseUrl: 'https://wegwijzer.example.org/regina-mundi/',
      map: { plan: { image: 'plan.svg', width: 1600, height: 1000 } },
    },
    spaces: {
      spaces: [
        { id: 'workshop', name: { nl: 'Werkplaats', en: 'Workshop' }, kind: 'workshop', at: { x: 320, y: 210 } },
        { id: 'courtyard', name: { nl: 'Binnenplein' }, kind: 'courtyard', at: { x: 800, y: 500 }, concurrent: true },
        { id: 'music-room', name: { nl: 'Muzieklokaal' }, kind: 'practice-room', at: { x: 100, y: 100 }, booking: { slotMinutes: 30 } },
      ],
    },
    organisations: {
      organisations: [
        { id: 'buurtwerk', name: 'Buurtwerk Genk', kind: 'resident', description: { nl: 'Buurtwerk' } },
        { id: 'thor-park', name: 'Thor Park', kind: 'guest', period: { from: '2026-03-01', until: '2026-03-31' }, description: { nl: 'Gast' } },
        {
          id: 'c-mine',
          name: 'C-mine',
          kind: 'partner',
          place: { name: 'C-mine', address: 'C-mine 10, 3600 Genk', geo: { lat: 50.975, lon: 5.488 } },
          description: { nl: 'Partner' },
        },
      ],
    },
    activities: {
      activities: [
        {
          id: 'repair-cafe',
          title: { nl: 'Repair Café', en: 'Repair café' },
          level: 'do-together',
          themes: ['making'],
          organiser: 'buurtwerk',
          space: 'workshop',
          schedule: [{ start: '2026-01-10T13:00', end: '2026-01-10T17:00', rrule: 'FREQ=MONTHLY;BYDAY=2SA', except: ['2026-07-11'] }],
          nextSteps: ['maker-night'],
        },
        {
          id: 'maker-night',
          title: { nl: 'Makersavond' },
          level: 'do-yourself',
          themes: ['making', 'thinking'],
          organiser: 'buurtwerk',
          space: 'workshop',
          schedule: [{ start: '2026-01-07T19:00', end: '2026-01-07T22:00', rrule: 'FREQ=WEEKLY' }],
        },
        {
          id: 'robot-lab',
          title: { nl: 'Robotlab' },
          level: 'see-do',
          themes: ['thinking'],
          organiser: 'thor-park',
          space: 'courtyard',
          schedule: [{ start: '2026-01-06T16:00', end: '2026-01-06T17:30', rrule: 'FREQ=WEEKLY;BYDAY=TU' }],
        },
        {
          id: 'mine-tour',
          title: { nl: 'Mijnwandeling' },
          level: 'see-do',
          themes: ['nature'],
          organiser: 'c-mine',
          schedule: [{ start: '2026-04-12T14:00', end: '2026-04-12T16:00' }],
        },
      ],
    },
  };
}

const FILE_NAMES: Record<keyof FixtureFiles, SiteFileName> = {
  site: 'site.json',
  spaces: 'spaces.json',
  organisations: 'organisations.json',
  activities: 'activities.json',
};

/** The fixture as a bundle, after `change` edits a fresh copy of it. */
export function fixtureBundle(change: (files: FixtureFiles) => void = () => {}): SiteBundle {
  const files = fixtureFiles();
  change(files);
  const entries = Object.entries(FILE_NAMES).map(([key, name]) => [name, JSON.stringify(files[key as keyof FixtureFiles], null, 2)]);
  return { source: 'test-site', files: Object.fromEntries(entries) as SiteBundle['files'] };
}
