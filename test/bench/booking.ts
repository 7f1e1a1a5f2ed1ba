// Booking benchmark: 100,000 bookings stored (50 spaces × 2,000, a year of evenings and days), then
// - the free-slot search of one space over 31 days, pure (busy list in memory) and with the
//   `[spaceId+start]` read from the store (fake-indexeddb: slower than Chromium's IndexedDB);
// Committing a booking is the hub's work now: its round trip is measured in hub.ts.
// Run alone: `npx tsx test/bench/booking.ts`.
import 'fake-indexeddb/auto';
import { pathToFileURL } from 'node:url';
import { Temporal } from 'temporal-polyfill';
import { findFreeSlotsBetween } from '../../src-renderer/core/booking/slots';
import type { Interval } from '../../src-renderer/core/booking/interval';
import type { OpeningHours, Site, Space } from '../../src-renderer/core/model';
import { busyIntervals } from '../../src-renderer/db/bookings';
import { openKioskDatabase, type BookingRow } from '../../src-renderer/db/database';
import { seededRandom } from '../support/random';

const ZONE = 'Europe/Brussels';
const SPACES = 50;
const PER_SPACE = 2_000;
const RUNS = 60;
const WARMUP = 10;
const MINUTE = 60_000;

const day = { from: '08:00', to: '22:00' };
const hours: OpeningHours = { mon: [day], tue: [day], wed: [day], thu: [day], fri: [day], sat: [day], sun: [day] };
const site: Site = {
  id: 'bench',
  name: { nl: 'Bench' },
  timeZone: ZONE,
  defaultLocale: 'nl',
  locales: ['nl'],
  followUpBaseUrl: 'https://example.org/',
  idle: { timeoutSeconds: 90, warningSeconds: 15 },
  staff: { idleLockSeconds: 120 },
  openingHours: hours,
  closures: [],
  plan: { image: 'plan.svg', width: 1, height: 1 },
};

function space(id: string): Space {
  return {
    id,
    name: { nl: id },
    kind: 'room',
    at: { x: 0, y: 0 },
    equipment: [],
    concurrent: false,
    booking: { bookableBy: 'visitors', slotMinutes: 30, minMinutes: 30, maxMinutes: 120, bufferMinutes: 10, maxDaysAhead: 400, openingHours: hours, closures: [], capacity: 1 },
  };
}


function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0).toFixed(3));
}

/** 2,000 bookings per space: up to 6 a day (08:00 + 2h30 steps, 60–90 min, a 30-minute jitter), from the first day on. */
function generate(spaceId: string, firstDay: Temporal.PlainDate, next: () => number): BookingRow[] {
  const rows: BookingRow[] = [];
  for (let d = 0; rows.length < PER_SPACE; d++) {
    const date = firstDay.add({ days: d });
    for (let k = 0; k < 6 && rows.length < PER_SPACE; k++) {
      if (next() < 0.1) continue;
      const startMinutes = 8 * 60 + k * 150 + (next() < 0.5 ? 30 : 0);
      const start = date.toPlainDateTime({ hour: Math.floor(startMinutes / 60), minute: startMinutes % 60 }).toZonedDateTime(ZONE).epochMilliseconds;
      const minutes = next() < 0.5 ? 60 : 90;
      rows.push({
        id: `${spaceId}-${rows.length}`,
        spaceId,
        start,
        end: start + minutes * MINUTE,
        holder: { kind: 'visitor', nickname: 'bench' },
        source: 'kiosk',
        status: next() < 0.05 ? 'cancelled' : 'confirmed',
        code: `${String(rows.length % 10)}${spaceId.slice(-1)}BNCH`.slice(0, 6),
        createdAt: 0,
        updatedAt: 0,
      });
    }
  }
  return rows;
}

export async function benchBooking(): Promise<Record<string, number | string>> {
  const today = Temporal.PlainDate.from('2026-03-02');
  const now = today.toZonedDateTime(ZONE).epochMilliseconds;
  const next = seededRandom(42);
  const spaces = Array.from({ length: SPACES }, (_, i) => space(`space-${String(i).padStart(2, '0')}`));
  const all = spaces.flatMap((s) => generate(s.id, today, next));

  const db = openKioskDatabase(`wegwijzer-bench-${Date.now()}`);
  const fillStart = performance.now();
  await db.bookings.bulkAdd(all);
  const fillMs = performance.now() - fillStart;

  const target = spaces[7]!;
  const busyOfTarget: Interval[] = all
    .filter((b) => b.spaceId === target.id && b.status === 'confirmed')
    .map((b) => ({ start: b.start, end: b.end, kind: 'booking' as const, id: b.id, code: b.code }))
    .sort((a, b) => a.start - b.start);

  // Pure search: the 31 days' busy list (what the index range returns), searched in memory.
  // The first WARMUP runs are not counted: they measure the JIT, not the search.
  const pure: number[] = [];
  let slotCount = 0;
  for (let run = -WARMUP; run < RUNS; run++) {
    const firstDay = today.add({ days: (run + WARMUP) % 60 });
    const from = firstDay.toZonedDateTime(ZONE).epochMilliseconds - 24 * 60 * MINUTE;
    const to = firstDay.add({ days: 32 }).toZonedDateTime(ZONE).epochMilliseconds;
    const t0 = performance.now();
    const existing = busyOfTarget.filter((b) => b.end > from && b.start < to);
    const slots = findFreeSlotsBetween(target, firstDay.toString(), 31, { site, now, existing }, { minutes: 60 });
    if (run >= 0) pure.push(performance.now() - t0);
    slotCount = slots.length;
  }

  // The same search with the read from the store through [spaceId+start].
  const withDb: number[] = [];
  for (let run = -WARMUP; run < RUNS; run++) {
    const firstDay = today.add({ days: (run + WARMUP) % 60 });
    const from = firstDay.toZonedDateTime(ZONE).epochMilliseconds;
    const to = firstDay.add({ days: 31 }).toZonedDateTime(ZONE).epochMilliseconds;
    const t0 = performance.now();
    const existing = await busyIntervals(db, target, from, to);
    findFreeSlotsBetween(target, firstDay.toString(), 31, { site, now, existing }, { minutes: 60 });
    if (run >= 0) withDb.push(performance.now() - t0);
  }

  await db.delete();

  return {
    bookingsStored: all.length,
    fillMs: Number(fillMs.toFixed(0)),
    searchDays: 31,
    busyInWindow: busyOfTarget.filter((b) => b.start < now + 32 * 24 * 60 * MINUTE).length,
    slotsFound: slotCount,
    searchPureP50Ms: percentile(pure, 50),
    searchPureP95Ms: percentile(pure, 95),
    searchWithDbP50Ms: percentile(withDb, 50),
    searchWithDbP95Ms: percentile(withDb, 95),
    store: 'fake-indexeddb (in-memory, Node)',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchBooking().then(
    (figures) => {
      for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(20)} ${value}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
