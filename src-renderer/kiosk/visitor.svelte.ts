import { EMPTY_FILTER, type ActivityFilter } from '../core/filters';
import type { LevelId } from '../core/model';
import { locale } from './locale.svelte';
import { countEvent } from './usage';

export type Screen = 'attract' | 'explore';
export type LearningView = { kind: 'playlist'; id: string } | { kind: 'scanner' };

/** A booking made at this kiosk by this visitor: what its QR code needs, never the nickname. */
export interface PathBooking {
  code: string;
  spaceId: string;
  start: number;
  end: number;
  /** Set for a place on this activity's session (issue 11) rather than a room booking. */
  activityId?: string;
}

/**
 * Everything one visitor did at the kiosk, in memory only. `reset()` wipes it for the next visitor
 * (privacy between visitors); staff data and bookings live in the database and are never touched.
 */
class VisitorSession {
  #screen = $state<Screen>('attract');
  #filter = $state.raw<ActivityFilter>(EMPTY_FILTER);
  #selected = $state<string | undefined>();
  #sheet = $state<string | undefined>();
  /** A playlist sheet or the badge scanner (issue 12), over the screen; nothing the scanner reads is kept. */
  #learning = $state.raw<LearningView | undefined>();
  #path = $state.raw<readonly string[]>([]);
  #bookings = $state.raw<readonly PathBooking[]>([]);
  /** The booking dialog: closed, or open (optionally for one space). */
  #booking = $state.raw<{ spaceId?: string } | undefined>();
  /** The place dialog (issue 11): a place on one session of an activity. */
  #place = $state.raw<{ activityId: string; start: number } | undefined>();
  #pathOpen = $state(false);
  #lowReach = $state(false);
  /** "What can I do here?": the three levels and the themes explained, over the screen. */
  #guideOpen = $state(false);
  /** Bumped on every "show on map" so the map pans even when the same activity is asked twice. */
  #focusRequest = $state(0);

  get screen(): Screen {
    return this.#screen;
  }
  get filter(): ActivityFilter {
    return this.#filter;
  }
  get selected(): string | undefined {
    return this.#selected;
  }
  get sheet(): string | undefined {
    return this.#sheet;
  }
  get learning(): LearningView | undefined {
    return this.#learning;
  }
  get path(): readonly string[] {
    return this.#path;
  }
  get bookings(): readonly PathBooking[] {
    return this.#bookings;
  }
  get booking(): { spaceId?: string } | undefined {
    return this.#booking;
  }
  get place(): { activityId: string; start: number } | undefined {
    return this.#place;
  }
  get pathOpen(): boolean {
    return this.#pathOpen;
  }
  get lowReach(): boolean {
    return this.#lowReach;
  }
  get guideOpen(): boolean {
    return this.#guideOpen;
  }
  get focusRequest(): number {
    return this.#focusRequest;
  }

  explore(): void {
    this.#screen = 'explore';
  }

  setFilter(filter: ActivityFilter): void {
    this.#filter = filter;
  }

  select(activityId: string | undefined): void {
    this.#selected = activityId;
  }

  openSheet(activityId: string): void {
    if (this.#sheet !== activityId) countEvent('sheet-opened', activityId);
    this.#selected = activityId;
    this.#sheet = activityId;
    this.#learning = undefined;
    this.#pathOpen = false;
    this.#guideOpen = false;
  }

  /** Opens a playlist sheet or the badge scanner (undefined: closes it). */
  openLearning(view: LearningView | undefined): void {
    this.#learning = view;
    if (view) this.#sheet = undefined;
    if (view) this.#pathOpen = this.#guideOpen = false;
  }

  closeSheet(): void {
    this.#sheet = undefined;
  }

  showOnMap(activityId: string): void {
    this.#selected = activityId;
    this.#sheet = undefined;
    this.#pathOpen = false;
    this.#focusRequest++;
  }

  inPath(activityId: string): boolean {
    return this.#path.includes(activityId);
  }

  addToPath(activityId: string): void {
    if (this.inPath(activityId)) return;
    this.#path = [...this.#path, activityId];
    countEvent('path-added', activityId);
  }

  /**
   * Puts a path the caller worked out in place (a whole playlist added, see core/path-room.ts, which
   * keeps the path within what its QR carries); `added` are counted as added.
   */
  replacePath(path: readonly string[], added: readonly string[]): void {
    this.#path = path;
    for (const id of added) countEvent('path-added', id);
  }

  removeFromPath(activityId: string): void {
    this.#path = this.#path.filter((id) => id !== activityId);
  }

  /** Moves an item one place up (-1) or down (+1); out-of-range moves do nothing. */
  movePathItem(activityId: string, by: -1 | 1): void {
    const from = this.#path.indexOf(activityId);
    const to = from + by;
    if (from < 0 || to < 0 || to >= this.#path.length) return;
    const next = [...this.#path];
    [next[from], next[to]] = [next[to]!, next[from]!];
    this.#path = next;
  }

  clearPath(): void {
    this.#path = [];
    this.#bookings = [];
  }

  addBooking(booking: PathBooking): void {
    this.#bookings = [...this.#bookings.filter((b) => b.code !== booking.code), booking];
  }

  forgetBooking(code: string): void {
    this.#bookings = this.#bookings.filter((b) => b.code !== code);
  }

  openBooking(spaceId?: string): void {
    this.#booking = spaceId ? { spaceId } : {};
    this.#sheet = undefined;
    this.#pathOpen = this.#guideOpen = false;
  }

  closeBooking(): void {
    this.#booking = undefined;
  }

  /** Reserve a place on the session of `activityId` that starts at `start`; the sheet makes way. */
  openPlace(activityId: string, start: number): void {
    this.#place = { activityId, start };
    this.#sheet = undefined;
    this.#pathOpen = false;
  }

  /** Back to the activity's sheet, which shows the places left after the reservation. */
  closePlace(): void {
    const place = this.#place;
    this.#place = undefined;
    if (place) this.#sheet = place.activityId;
  }

  setPathOpen(open: boolean): void {
    this.#pathOpen = open;
    if (open) this.#sheet = this.#learning = undefined;
    if (open) this.#guideOpen = false;
  }

  /** Opens or closes "What can I do here?" (it closes whatever else was open over the screen). */
  setGuideOpen(open: boolean): void {
    this.#guideOpen = open;
    if (open) {
      this.#sheet = this.#learning = this.#booking = undefined;
      this.#pathOpen = false;
    }
  }

  /**
   * "Show these" for a level or a theme: Explore (a visit starts, if it had not), filtered to just
   * that one, the other choices kept.
   */
  showOnly(facet: { level: LevelId } | { theme: string }): void {
    const change = 'level' in facet ? { levels: [facet.level] } : { themes: [facet.theme] };
    countEvent('filter', 'level' in facet ? `level:${facet.level}` : `theme:${facet.theme}`);
    if (this.#screen === 'attract') countEvent('session-started');
    this.#filter = { ...this.#filter, ...change };
    this.#screen = 'explore';
    this.#guideOpen = false;
  }

  toggleLowReach(): void {
    this.#lowReach = !this.#lowReach;
  }

  /** Back to the attract screen with nothing of this visitor left. */
  reset(): void {
    this.#screen = 'attract';
    this.#filter = EMPTY_FILTER;
    this.#selected = undefined;
    this.#sheet = undefined;
    this.#learning = undefined;
    this.#path = [];
    this.#bookings = [];
    this.#booking = undefined;
    this.#place = undefined;
    this.#pathOpen = false;
    this.#lowReach = false;
    this.#guideOpen = false;
    locale.set(locale.home);
  }
}

export const visitor = new VisitorSession();
