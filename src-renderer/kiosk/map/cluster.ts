// Pure geometry for the activity marker layer: which markers merge into clusters at a zoom, and what
// of that lies in the view. No DOM and no Leaflet, so both maps (CRS.Simple and the geographic one)
// share it and the tests run it directly.
//
// Points are given once in the projected pixel space of zoom 0 (Leaflet's `map.project(latlng, 0)`).
// In both CRSs a zoom only scales that space, so clustering at `scale` (pixels per zoom-0 pixel)
// with a radius of `radius` screen pixels is clustering the zoom-0 points with `radius / scale`.

/** A group of markers drawn as one: a single marker is a cluster of one. */
export interface Cluster {
  /** Centre, in zoom-0 pixels (the mean of the members; the member itself for a single). */
  x: number;
  y: number;
  /** Indices into the point arrays, in the order the points were given. */
  members: number[];
  /** The members' extent in zoom-0 pixels, for "zoom to the cluster". */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Points {
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
}

/** A rectangle in the same pixel space as the points it is compared with. */
export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Passes that merge clusters whose centres still lie too close; each pass only merges, so few are needed. */
const MAX_MERGE_PASSES = 8;

/**
 * Groups the points `order` (indices into `points`, the visible ones) so that no two drawn centres
 * lie closer than `radius`. Greedy and deterministic: the first unassigned point in `order` gathers
 * every unassigned point within `radius`, then clusters whose centres ended up closer than `radius`
 * merge, until none do. Points that overlap nothing stay single.
 */
export function clusterPoints(points: Points, order: readonly number[], radius: number): Cluster[] {
  let clusters = order.map((index): Cluster => {
    const x = points.xs[index]!;
    const y = points.ys[index]!;
    return { x, y, members: [index], minX: x, minY: y, maxX: x, maxY: y };
  });
  if (!(radius > 0)) return clusters;
  for (let pass = 0; pass < MAX_MERGE_PASSES; pass++) {
    const merged = mergeNear(clusters, radius);
    if (merged.length === clusters.length) break;
    clusters = merged;
  }
  return clusters;
}

/** One greedy pass over a grid of `radius` cells: each seed takes the unassigned clusters within `radius`. */
function mergeNear(clusters: readonly Cluster[], radius: number): Cluster[] {
  const cells = new Map<string, number[]>();
  const cellOf = (value: number) => Math.floor(value / radius);
  clusters.forEach((cluster, index) => {
    const key = `${cellOf(cluster.x)},${cellOf(cluster.y)}`;
    const cell = cells.get(key);
    if (cell) cell.push(index);
    else cells.set(key, [index]);
  });
  const taken = new Uint8Array(clusters.length);
  const result: Cluster[] = [];
  const radiusSquared = radius * radius;
  for (let seedIndex = 0; seedIndex < clusters.length; seedIndex++) {
    if (taken[seedIndex]) continue;
    taken[seedIndex] = 1;
    const seed = clusters[seedIndex]!;
    const group = [seedIndex];
    const cx = cellOf(seed.x);
    const cy = cellOf(seed.y);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const other of cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (taken[other]) continue;
          const candidate = clusters[other]!;
          const distanceSquared = (candidate.x - seed.x) ** 2 + (candidate.y - seed.y) ** 2;
          if (distanceSquared < radiusSquared) {
            taken[other] = 1;
            group.push(other);
          }
        }
      }
    }
    result.push(group.length === 1 ? seed : combine(group.sort((a, b) => a - b).map((index) => clusters[index]!)));
  }
  return result;
}

/** Several clusters as one: centre weighted by member count, members kept in their given order. */
function combine(parts: readonly Cluster[]): Cluster {
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const part of parts) {
    count += part.members.length;
    sumX += part.x * part.members.length;
    sumY += part.y * part.members.length;
    box.minX = Math.min(box.minX, part.minX);
    box.minY = Math.min(box.minY, part.minY);
    box.maxX = Math.max(box.maxX, part.maxX);
    box.maxY = Math.max(box.maxY, part.maxY);
  }
  const members = parts.flatMap((part) => part.members);
  return { x: sumX / count, y: sumY / count, members, ...box };
}

/** The clusters whose centre, at `scale`, lies in `box` grown by `margin` pixels (a drawn shape's half size). */
export function inView(clusters: readonly Cluster[], scale: number, box: Box, margin = 0): Cluster[] {
  const minX = (box.minX - margin) / scale;
  const minY = (box.minY - margin) / scale;
  const maxX = (box.maxX + margin) / scale;
  const maxY = (box.maxY + margin) / scale;
  return clusters.filter((cluster) => cluster.x >= minX && cluster.x <= maxX && cluster.y >= minY && cluster.y <= maxY);
}

/**
 * Whether zooming in can still split the cluster: at `maxScale` its members would spread over more
 * than `radius` pixels. If not, the visitor needs another way to reach each member (a list).
 */
export function canSplit(cluster: Cluster, maxScale: number, radius: number): boolean {
  const width = (cluster.maxX - cluster.minX) * maxScale;
  const height = (cluster.maxY - cluster.minY) * maxScale;
  return Math.hypot(width, height) >= radius;
}

/** Reading order for the focusable list: rows of `row` pixels top to bottom, left to right within a row. */
export function readingOrder<T extends { x: number; y: number }>(items: readonly T[], row: number): T[] {
  return [...items].sort((a, b) => Math.floor(a.y / row) - Math.floor(b.y / row) || a.x - b.x || a.y - b.y);
}
