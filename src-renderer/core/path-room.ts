// How much a visitor's path holds, apart from the follow-up code itself (core/path-code.ts) so the
// kiosk's first screen can keep a path within the limit without loading the code's encoder.

/** Activities and bookings together; keeps the QR scannable from arm's length. */
export const MAX_FOLLOW_UP_ITEMS = 24;

export interface PathAddition {
  /** The path after adding. */
  path: string[];
  /** Activities added, in the order given. */
  added: string[];
  /** Already in the path (or named twice): left as they were. */
  duplicates: string[];
  /** Did not fit: the path was full. */
  leftOut: string[];
}

/** How many more items a path can take beside its activities and bookings. */
export function pathRoom(path: { activities: number; bookings: number }): number {
  return Math.max(0, MAX_FOLLOW_UP_ITEMS - path.activities - path.bookings);
}

/**
 * Adds activities to a path in their order, skipping those already in it, and stops adding once `room`
 * more items are in (what the follow-up code can still carry). Never reorders or drops what is there.
 */
export function addActivitiesToPath(path: readonly string[], activityIds: readonly string[], room: number): PathAddition {
  const result: PathAddition = { path: [...path], added: [], duplicates: [], leftOut: [] };
  for (const id of activityIds) {
    if (result.path.includes(id)) result.duplicates.push(id);
    else if (result.added.length >= room) result.leftOut.push(id);
    else {
      result.path.push(id);
      result.added.push(id);
    }
  }
  return result;
}
