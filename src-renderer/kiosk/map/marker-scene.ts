// What the activity marker layer shows, without the DOM: every marker once, the visible subset, the
// selection, and the clusters per zoom (cached, so a pan at one zoom only culls and draws).
import type { Level } from '../../core/model';
import { clusterPoints, inView, type Box, type Cluster } from './cluster';
import type { MarkerTimeState } from './marker-state';

/** One activity on a map, as the layer needs it. */
export interface SceneMarker {
  id: string;
  /** Projected position at zoom 0 (`map.project(latlng, 0)`). */
  x: number;
  y: number;
  levelId: string;
  level: Pick<Level, 'shape' | 'color'>;
  /** Accessible name: "title — level — place". */
  label: string;
  /** The place's name, shown beside it once (the city map); `key` tells places apart. */
  tooltip?: { key: string; text: string } | undefined;
  /** Where the activity stands against the clock, drawn as a ring or fade (the site plan). */
  state?: MarkerTimeState | undefined;
  /** The state in words, shown beside the marker on focus or hover. */
  stateWord?: string | undefined;
}

/** One activity as a map component gives it: [lat, lng] in the map's CRS, and what it says. */
export type PlacedMarker = Omit<SceneMarker, 'x' | 'y'> & { at: [number, number] };

/** Something drawn at one spot: a single marker or a cluster, with its position in layer pixels. */
export type DrawnItem =
  | { kind: 'marker'; key: string; x: number; y: number; marker: SceneMarker; selected: boolean }
  | { kind: 'cluster'; key: string; x: number; y: number; cluster: Cluster; markers: SceneMarker[]; levels: { color: string; count: number }[] };

export class MarkerScene {
  readonly markers: readonly SceneMarker[];
  readonly #xs: Float64Array;
  readonly #ys: Float64Array;
  readonly #indexById = new Map<string, number>();
  #visible: number[];
  #selected: string | undefined;
  #clustersByScale = new Map<number, Cluster[]>();

  constructor(markers: readonly SceneMarker[], visible?: ReadonlySet<string>, selected?: string) {
    this.markers = markers;
    this.#xs = Float64Array.from(markers, (marker) => marker.x);
    this.#ys = Float64Array.from(markers, (marker) => marker.y);
    markers.forEach((marker, index) => this.#indexById.set(marker.id, index));
    this.#visible = this.#visibleIndices(visible);
    this.#selected = selected;
  }

  get selected(): string | undefined {
    return this.#selected;
  }

  get visibleCount(): number {
    return this.#visible.length;
  }

  /** Only these markers show (all when undefined). Clusters are recomputed lazily; positions stay. */
  setVisible(visible: ReadonlySet<string> | undefined): void {
    this.#visible = this.#visibleIndices(visible);
    this.#clustersByScale.clear();
  }

  setSelected(id: string | undefined): void {
    this.#selected = id;
  }

  marker(id: string): SceneMarker | undefined {
    const index = this.#indexById.get(id);
    return index === undefined ? undefined : this.markers[index];
  }

  /** The clusters of the visible markers at `scale` (screen pixels per zoom-0 pixel), `radius` in screen pixels. */
  clustersAt(scale: number, radius: number): Cluster[] {
    let clusters = this.#clustersByScale.get(scale);
    if (!clusters) {
      clusters = clusterPoints({ xs: this.#xs, ys: this.#ys }, this.#visible, radius / scale);
      // A few zooms back and forth stay cached; a long session of zooming does not grow the cache.
      if (this.#clustersByScale.size > 16) this.#clustersByScale.clear();
      this.#clustersByScale.set(scale, clusters);
    }
    return clusters;
  }

  /**
   * What to draw in `box` (pixels at `scale`, the same space as `origin`), positioned relative to
   * `origin`. A selected marker that sits in a cluster is drawn on its own on top, so the marker the
   * visitor picked in the list is always seen.
   */
  view(scale: number, radius: number, box: Box, origin: { x: number; y: number }, margin = 0): DrawnItem[] {
    const items: DrawnItem[] = [];
    let selectedItem: DrawnItem | undefined;
    for (const cluster of inView(this.clustersAt(scale, radius), scale, box, margin)) {
      const x = cluster.x * scale - origin.x;
      const y = cluster.y * scale - origin.y;
      if (cluster.members.length === 1) {
        const marker = this.markers[cluster.members[0]!]!;
        const item: DrawnItem = { kind: 'marker', key: marker.id, x, y, marker, selected: marker.id === this.#selected };
        if (item.selected) selectedItem = item;
        else items.push(item);
        continue;
      }
      const markers = cluster.members.map((index) => this.markers[index]!);
      items.push({ kind: 'cluster', key: clusterKey(markers), x, y, cluster, markers, levels: levelCounts(markers) });
      const picked = markers.find((marker) => marker.id === this.#selected);
      if (picked) {
        selectedItem = { kind: 'marker', key: picked.id, x: picked.x * scale - origin.x, y: picked.y * scale - origin.y, marker: picked, selected: true };
      }
    }
    // Drawn last, so on top.
    if (selectedItem) items.push(selectedItem);
    return items;
  }

  #visibleIndices(visible: ReadonlySet<string> | undefined): number[] {
    if (!visible) return this.markers.map((_, index) => index);
    const indices: number[] = [];
    this.markers.forEach((marker, index) => {
      if (visible.has(marker.id)) indices.push(index);
    });
    return indices;
  }
}

/** A cluster's identity across redraws: the same members, the same key (and the same button). */
export function clusterKey(markers: readonly SceneMarker[]): string {
  return `cluster:${markers[0]?.id ?? ''}:${markers.length}`;
}

/** How many members of each level colour, in the order the colours first appear. */
function levelCounts(markers: readonly SceneMarker[]): { color: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const marker of markers) counts.set(marker.level.color, (counts.get(marker.level.color) ?? 0) + 1);
  return [...counts].map(([color, count]) => ({ color, count }));
}
