// A test page served by the hub from the kiosk's own origin, so it shares that browser profile's
// IndexedDB copy. It books through the kiosk's real store — hub client, idempotency key per intent —
// many times at once, bypassing the screens. Free slots are read from the profile's copy.
import { BookingRefused } from '../../../src-renderer/core/booking/errors';
import { DEVICE_STORAGE_KEY, parseDeviceIdentity } from '../../../src-renderer/core/screen';
import { localDayKey } from '../../../src-renderer/core/timing';
import { openKioskDatabase } from '../../../src-renderer/db/database';
import { HubClient } from '../../../src-renderer/db/hub-client';
import { KioskStore } from '../../../src-renderer/db/store';
import type { Attempt } from './attempt';

// The harness lives in a subfolder; the hub's routes start at the origin. It books as the paired
// screen whose identity the profile holds, as the kiosk does.
const device = parseDeviceIdentity(localStorage.getItem(DEVICE_STORAGE_KEY));
const credentials = (): Record<string, string> => (device ? { Authorization: `Bearer ${device.token}` } : {});
const store = new KioskStore(openKioskDatabase(), new HubClient({ baseUrl: new URL('/', location.href).href, credentials, cookies: 'omit' }));

async function load(spaceId: string) {
  const [meta, spaces] = await Promise.all([store.siteMeta(), store.listSpaces()]);
  const space = spaces.find((candidate) => candidate.id === spaceId);
  if (!meta || !space) throw new Error('The kiosk has not seeded this profile\'s copy yet');
  return { site: meta.site, space };
}

window.firstFreeSlot = async (spaceId, minutes) => {
  const { site, space } = await load(spaceId);
  const [slot] = await store.freeSlots(space, localDayKey(Date.now(), site.timeZone), 14, { site, now: Date.now() }, { minutes });
  if (!slot) throw new Error(`No free slot of ${minutes} min in ${spaceId} in the next two weeks`);
  return { start: slot.start, end: slot.end };
};

window.raceBook = async (spaceId, start, end, attempts) => {
  const tries = Array.from({ length: attempts }, (_, index) =>
    store.createBooking({ spaceId, start, end, holder: { kind: 'visitor', nickname: `racer ${index}` }, by: 'kiosk' }).then(
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
