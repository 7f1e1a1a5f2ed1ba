// The site folder every hub store test runs on: the booking tests' practice rooms (see
// test/renderer/core/booking/fixtures.ts) as a real config the hub validates and watches.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const evenings = {
  mon: [{ from: '18:00', to: '22:00' }],
  tue: [{ from: '18:00', to: '22:00' }],
  wed: [{ from: '18:00', to: '22:00' }],
  thu: [{ from: '18:00', to: '22:00' }],
  fri: [{ from: '18:00', to: '22:00' }],
  sat: [{ from: '09:00', to: '18:00' }],
  sun: [{ from: '10:00', to: '17:00' }],
};

/** The sample practice room's rules: visitors, 30-min slots, 30–120 min, 10-min buffer, 14 days ahead. */
function practiceRoom(id: string, rules: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: { nl: 'Oefenruimte', en: 'Practice room' },
    kind: 'practice-room',
    at: { x: 1, y: 1 },
    booking: { bookableBy: 'visitors', slotMinutes: 30, minMinutes: 30, maxMinutes: 120, bufferMinutes: 10, maxDaysAhead: 14, openingHours: evenings, capacity: 1, ...rules },
  };
}

/** The four files as objects; a test may change them before writing. */
export function siteFiles(): Record<'site' | 'spaces' | 'organisations' | 'activities', Record<string, unknown>> {
  return {
    site: {
      id: 'test-site',
      name: { nl: 'Testsite' },
      timeZone: 'Europe/Brussels',
      defaultLocale: 'nl',
      locales: ['nl', 'en'],
      followUpBaseUrl: 'https://example.org/',
      openingHours: evenings,
      closures: [{ from: '2026-12-24', until: '2027-01-01', reason: { nl: 'Kerstvakantie', en: 'Christmas break' } }],
      map: { plan: { image: 'plan.svg', width: 100, height: 100 } },
      // The store tests book many times under one nickname; the fair-use tests set their own limit.
      booking: { maxActivePerVisitor: 100 },
    },
    spaces: {
      spaces: [
        practiceRoom('practice-1'),
        practiceRoom('practice-2'),
        practiceRoom('benches', { capacity: 2, bufferMinutes: 0 }),
        practiceRoom('studio', { capacity: 4, bufferMinutes: 0 }),
        practiceRoom('cleaning-room', { closures: [{ from: '2026-03-25', until: '2026-03-25', reason: { nl: 'Schoonmaak', en: 'Cleaning' } }] }),
        { id: 'hall', name: { nl: 'Zaal' }, kind: 'hall', at: { x: 2, y: 2 } },
      ],
    },
    organisations: {
      organisations: [
        { id: 'choir-club', name: 'Choir club', kind: 'resident', description: { nl: 'Koor' } },
        { id: 'bib', name: 'Bib', kind: 'partner', description: { nl: 'Bibliotheek' }, place: { name: 'Bib Genk', address: 'Stadsplein 1', geo: { lat: 50.96, lon: 5.5 } } },
      ],
    },
    activities: {
      activities: [
        // A fixed session in practice-1 on Thursday 26 March 2026, 18:00–20:00.
        { id: 'choir', title: { nl: 'Koor' }, level: 'do-together', themes: ['relaxation'], organiser: 'choir-club', space: 'practice-1', schedule: [{ start: '2026-03-26T18:00', end: '2026-03-26T20:00' }] },
        // Every Saturday 10:00–12:00 in practice-2, for as far ahead as anyone books.
        { id: 'band', title: { nl: 'Band' }, level: 'do-yourself', themes: ['relaxation'], organiser: 'choir-club', space: 'practice-2', schedule: [{ start: '2026-01-03T10:00', end: '2026-01-03T12:00', rrule: 'FREQ=WEEKLY' }] },
      ],
    },
  };
}

const FILE_NAMES = { site: 'site.json', spaces: 'spaces.json', organisations: 'organisations.json', activities: 'activities.json' } as const;

/** Writes the site folder `dir` (created if needed), after `change` edits a fresh copy of the files. */
export async function writeTestSite(dir: string, change: (files: ReturnType<typeof siteFiles>) => void = () => undefined): Promise<void> {
  const files = siteFiles();
  change(files);
  await mkdir(dir, { recursive: true });
  await Promise.all(Object.entries(FILE_NAMES).map(([key, name]) => writeFile(join(dir, name), JSON.stringify(files[key as keyof typeof FILE_NAMES], null, 2))));
}
