// A site for the hub benchmarks and fault runs: the Regina Mundi sample plus bookable rooms that are
// open all day, every day, for a year ahead, so a benchmark can book thousands of distinct slots
// (and race for a few on purpose) without running into the sample's evening-only rules.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Temporal } from 'temporal-polyfill';

const SAMPLE = resolve(import.meta.dirname, '../../kiosk-config/regina-mundi');
export const BENCH_ZONE = 'Europe/Brussels';

export interface BenchSite {
  dir: string;
  /** Capacity 1: the exclusion constraint decides races. */
  rooms: string[];
  /** Capacity 4: a lock on the space row and a count decide races. */
  halls: string[];
}

const ALL_DAY = { from: '06:00', to: '23:00' };
const HOURS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [ALL_DAY]]));

/** Copies the sample into `dir` and adds `rooms` single rooms and `halls` rooms for four. */
export async function writeBenchSite(dir: string, counts: { rooms: number; halls: number } = { rooms: 40, halls: 10 }): Promise<BenchSite> {
  await cp(SAMPLE, dir, { recursive: true });
  const file = join(dir, 'spaces.json');
  const json = JSON.parse(await readFile(file, 'utf8')) as { spaces: Record<string, unknown>[] };
  const template = json.spaces.find((space) => space['id'] === 'study-room');
  if (!template) throw new Error('the sample has no study-room to copy');
  const make = (id: string, capacity: number): Record<string, unknown> => ({
    ...template,
    id,
    name: { nl: id, en: id },
    booking: { bookableBy: 'visitors', slotMinutes: 30, minMinutes: 30, maxMinutes: 120, bufferMinutes: 0, maxDaysAhead: 365, openingHours: HOURS, capacity },
  });
  const rooms = Array.from({ length: counts.rooms }, (_, index) => `bench-room-${index + 1}`);
  const halls = Array.from({ length: counts.halls }, (_, index) => `bench-hall-${index + 1}`);
  json.spaces.push(...rooms.map((id) => make(id, 1)), ...halls.map((id) => make(id, 4)));
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  // The sample closes the site at Christmas; a run that books weeks ahead (the soak's 600 attempts)
  // must not hit that closure on one date of the year and fail for it.
  const siteFile = join(dir, 'site.json');
  const site = JSON.parse(await readFile(siteFile, 'utf8')) as Record<string, unknown>;
  site['closures'] = [];
  await writeFile(siteFile, `${JSON.stringify(site, null, 2)}\n`);
  return { dir, rooms, halls };
}

/** The start of the `slot`-th half hour (06:00–22:30) on the `day`-th day from tomorrow, as an instant. */
export function benchSlot(day: number, slot: number, now = Date.now()): { start: number; end: number } {
  const tomorrow = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(BENCH_ZONE).toPlainDate().add({ days: 1 + day });
  const minutes = 6 * 60 + (slot % 33) * 30;
  const start = tomorrow.toZonedDateTime({ timeZone: BENCH_ZONE, plainTime: Temporal.PlainTime.from({ hour: Math.floor(minutes / 60), minute: minutes % 60 }) }).epochMilliseconds;
  return { start, end: start + 30 * 60_000 };
}

/** A fresh idempotency key, as a kiosk makes one per tap. */
export function idempotencyKey(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url');
}
