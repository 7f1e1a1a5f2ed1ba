// Small, valid site configs for the db tests, typed against the domain model.
import 'fake-indexeddb/auto';
import type { Activity, OpeningHours, Occurrence, SiteConfig, Space } from '../../../src-renderer/core/model';
import { DEFAULT_BADGE_SETTINGS } from '../../../src-renderer/core/model';
import { openKioskDatabase, type KioskDatabase } from '../../../src-renderer/db/database';
import type { ExpandFn } from '../../../src-renderer/db/seed';

const weekdays: OpeningHours = {
  mon: [{ from: '09:00', to: '17:00' }],
  tue: [{ from: '09:00', to: '17:00' }],
  wed: [{ from: '09:00', to: '17:00' }],
  thu: [{ from: '09:00', to: '17:00' }],
  fri: [{ from: '09:00', to: '17:00' }],
  sat: [],
  sun: [],
};

export function space(id: string, x: number, y: number): Space {
  return { id, name: { nl: id }, kind: 'room', at: { x, y }, equipment: [], concurrent: false };
}

export function activity(id: string, spaceId: string | undefined, overrides: Partial<Activity> = {}): Activity {
  return {
    id,
    title: { nl: `Activiteit ${id}` },
    summary: { nl: '' },
    description: { nl: '' },
    level: 'see-do',
    themes: ['music'],
    organiser: 'org-a',
    ...(spaceId === undefined ? {} : { space: spaceId }),
    schedule: [{ start: '2025-03-10T14:00', end: '2025-03-10T16:00', rrule: 'FREQ=WEEKLY', except: [] }],
    ages: { min: 6 },
    price: { kind: 'free' },
    languages: ['nl'],
    registration: 'walk-in',
    badges: [],
    nextSteps: [],
    ...overrides,
  };
}

export function siteConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return {
    site: {
      id: 'test-site',
      name: { nl: 'Testsite' },
      timeZone: 'Europe/Brussels',
      defaultLocale: 'nl',
      locales: ['nl', 'en'],
      followUpBaseUrl: 'https://example.org/wegwijzer/',
      idle: { timeoutSeconds: 90, warningSeconds: 15 },
      staff: { idleLockSeconds: 120 },
      openingHours: weekdays,
      closures: [],
      plan: { image: 'plan.svg', width: 1000, height: 600 },
    },
    levels: {
      'see-do': { id: 'see-do', name: { nl: 'Kijken' }, description: { nl: '' }, color: '#e6007e', shape: 'circle' },
      'do-together': { id: 'do-together', name: { nl: 'Samen doen' }, description: { nl: '' }, color: '#0093d0', shape: 'square' },
      'do-yourself': { id: 'do-yourself', name: { nl: 'Zelf doen' }, description: { nl: '' }, color: '#6ab023', shape: 'diamond' },
    },
    themes: [{ id: 'music', name: { nl: 'Muziek' }, icon: '🎵', color: '#333' }],
    spaces: [space('hall', 100, 200), space('studio', 400, 250)],
    organisations: [{ id: 'org-a', name: 'Org A', kind: 'resident', description: { nl: '' } }],
    activities: [
      activity('choir', 'hall'),
      activity('band', 'studio', { level: 'do-together' }),
      activity('walk', undefined, { place: { name: 'Park', address: 'Parkweg 1', geo: { lat: 50.96, lon: 5.5 } } }),
    ],
    feeds: [],
    mentors: [],
    achievements: [],
    playlists: [],
    badges: DEFAULT_BADGE_SETTINGS,
    ...overrides,
  };
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Wednesday 2025-03-12 10:00 in Brussels (09:00 UTC). */
export const NOW = Date.UTC(2025, 2, 12, 9, 0);

/**
 * A stand-in for core/schedule's expandAll: every activity runs daily 14:00–16:00 UTC inside the
 * window. Leaves spaceId out on purpose, as the model allows, so seeding has to fill it in.
 */
export const dailyExpand: ExpandFn = (config, from, to) => {
  const out: Occurrence[] = [];
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) {
    for (const a of config.activities) {
      const start = day + 14 * HOUR_MS;
      if (start >= from && start < to) out.push({ activityId: a.id, start, end: start + 2 * HOUR_MS });
    }
  }
  return out.sort((a, b) => a.start - b.start);
};

let counter = 0;
/** A fresh database per test: unique names, so tests never share state. */
export function freshDatabase(): KioskDatabase {
  counter += 1;
  return openKioskDatabase(`wegwijzer-test-${counter}-${Math.random().toString(36).slice(2)}`);
}
