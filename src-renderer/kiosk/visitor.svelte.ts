import { EMPTY_FILTER, type ActivityFilter } from '../core/filters';
import { MAX_FOLLOW_UP_ITEMS } from '../core/path-code';
import { addActivitiesToPath, type PathAddition } from '../core/playlist-steps';
import { locale } from './locale.svelte';
import { countEvent } from './usage';

export type Screen = 'attract' | 'explore';

/** A booking made at this kiosk by this visitor: what its QR code needs, never the nickname. */
export interface PathBooking {
  code: string;
  spaceId: string;
  start: number;
  end: number;
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
  /** The playlist sheet (issue 12): the id of the playlist shown, or none. */
  #playlist = $state<string | undefined>();
  /** The "show a badge" scanner is open. Nothing it reads is kept here or anywhere. */
  #scanner = $state(false);
  #path = $state.raw<readonly string[]>([]);
  #bookings = $state.raw<readonly PathBooking[]>([]);
  /** The booking dialog: closed, or open (optionally for one space). */
  #booking = $state.raw<{ spaceId?: string } | undefined>();
  #pathOpen = $state(false);
  #lowReach = $state(false);
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
  get playlist(): string | undefined {
    return this.#playlist;
  }
  get scanner(): boolean {
    return this.#scanner;
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
  get pathOpen(): boolean {
    return this.#pathOpen;
  }
  get lowReach(): boolean {
    return this.#lowReach;
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
    this.#playlist = undefined;
    this.#scanner = false;
    this.#pathOpen = false;
  }

  openPlaylist(playlistId: string): void {
    if (this.#playlist !== playlistId) countEvent('playlist-opened', playlistId);
    this.#playlist = playlistId;
    this.#sheet = undefined;
    this.#scanner = false;
    this.#pathOpen = false;
  }

  closePlaylist(): void {
    this.#playlist = undefined;
  }

  openScanner(): void {
    this.#scanner = true;
    this.#sheet = undefined;
    this.#playlist = undefined;
    this.#pathOpen = false;
  }

  closeScanner(): void {
    this.#scanner = false;
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

  /** How many more items the path can take: the follow-up QR carries at most MAX_FOLLOW_UP_ITEMS. */
  get pathRoom(): number {
    return Math.max(0, MAX_FOLLOW_UP_ITEMS - this.#path.length - this.#bookings.length);
  }

  addToPath(activityId: string): void {
    this.addAllToPath([activityId]);
  }

  /** Adds activities in order, skipping those already there; what does not fit is left out and said. */
  addAllToPath(activityIds: readonly string[]): PathAddition {
    const result = addActivitiesToPath(this.#path, activityIds, this.pathRoom);
    if (result.added.length > 0) this.#path = result.path;
    for (const id of result.added) countEvent('path-added', id);
    return result;
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
    this.#pathOpen = false;
  }

  closeBooking(): void {
    this.#booking = undefined;
  }

  setPathOpen(open: boolean): void {
    this.#pathOpen = open;
    if (open) {
      this.#sheet = undefined;
      this.#playlist = undefined;
    }
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
    this.#playlist = undefined;
    this.#scanner = false;
    this.#path = [];
    this.#bookings = [];
    this.#booking = undefined;
    this.#pathOpen = false;
    this.#lowReach = false;
    locale.set(locale.home);
  }
}

export const visitor = new VisitorSession();
