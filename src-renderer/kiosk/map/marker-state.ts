// Where an activity stands against the kiosk clock, as its marker shows it: on now, starting soon,
// later today, or later. Pure, so the map, the list and the tests read the clock the same way.
import type { Occurrence } from '../../core/model';
import { liveState, nextOccurrence, startOfLocalDay } from '../../core/timing';

export type MarkerTimeState = 'now' | 'soon' | 'today' | 'later';
export const MARKER_TIME_STATES: readonly MarkerTimeState[] = ['now', 'soon', 'today', 'later'];

/**
 * The state of the activity's running or next session that goes ahead: "soon" is the same horizon
 * as the list's "starts in N min" (timing's SOON_MINUTES), "today" runs to the coming local
 * midnight in the site's zone. Undefined when nothing is left to join.
 */
export function markerTimeState(occurrences: readonly Occurrence[], activityId: string, nowMs: number, timeZone: string): MarkerTimeState | undefined {
  const next = nextOccurrence(occurrences, activityId, nowMs);
  if (!next) return undefined;
  const live = liveState(next, nowMs);
  switch (live.kind) {
    case 'running':
      return 'now';
    case 'starts-soon':
      return 'soon';
    case 'ended':
      return undefined;
    case 'later':
      return live.startsAt < startOfLocalDay(nowMs, timeZone, 1) ? 'today' : 'later';
  }
}

/** Every activity's state at once, from occurrences already grouped per activity. */
export function markerTimeStates(byActivity: ReadonlyMap<string, readonly Occurrence[]>, nowMs: number, timeZone: string): Map<string, MarkerTimeState> {
  const states = new Map<string, MarkerTimeState>();
  for (const [activityId, occurrences] of byActivity) {
    const state = markerTimeState(occurrences, activityId, nowMs, timeZone);
    if (state) states.set(activityId, state);
  }
  return states;
}
