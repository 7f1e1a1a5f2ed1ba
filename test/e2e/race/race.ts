// A test page served from the kiosk's own origin, so it shares the kiosk's IndexedDB. It calls the
// real booking module the way the kiosk does, many times at once, bypassing the screens.
import { localDayKey } from '../../../src-renderer/core/timing';
import { BookingRefused, createBooking, freeSlots } from '../../../src-renderer/db/bookings';
import { getDatabase } from '../../../src-renderer/db/database';
import { getSiteMeta } from '../../../src-renderer/db/queries';
import type { Attempt } from './attempt';

async function load(spaceId: string) {
  const db = getDatabase();
  const [meta, space] = await Promise.all([getSiteMeta(db), db.spaces.get(spaceId)]);
  if (!meta || !space) throw new Error('The kiosk has not seeded the database yet');
  return { db, site: meta.site, space };
}

window.firstFreeSlot = async (spaceId, minutes) => {
  const { db, site, space } = await load(spaceId);
  const [slot] = await freeSlots(db, space, localDayKey(Date.now(), site.timeZone), 14, { site, now: Date.now() }, { minutes });
  if (!slot) throw new Error(`No free slot of ${minutes} min in ${spaceId} in the next two weeks`);
  return { start: slot.start, end: slot.end };
};

window.raceBook = async (spaceId, start, end, attempts) => {
  const { db, site, space } = await load(spaceId);
  const tries = Array.from({ length: attempts }, (_, index) =>
    createBooking(db, { start, end, holder: { kind: 'visitor', nickname: `racer ${index}` }, by: 'kiosk' }, { now: Date.now(), site, space }).then(
      (row): Attempt => ({ ok: true, code: row.code }),
      (error: unknown): Attempt => {
        if (error instanceof BookingRefused) return { ok: false, rule: error.violations[0]?.rule ?? '', nearest: error.nearest.length };
        throw error;
      },
    ),
  );
  return Promise.all(tries);
};
document.title = 'ready';
