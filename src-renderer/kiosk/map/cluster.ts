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
 * Grid cells hash into a table of buckets. Two cells may share a bucket: that only adds candidates,
 * each still checked by its distance, so the result is exact whatever the hash does.
 */
function bucketOf(column: number, row: number, mask: number): number {
  return (Math.imul(column, 73_856_093) ^ Math.imul(row, 19_349_663)) & mask;
}

/**
 * Groups the points `order` (indices into `points`, the visible ones) so that no two drawn centres
 * lie closer than `radius`. Greedy and deterministic: the first unassigned point in `order` gathers
 * every unassigned point within `radius`, then clusters whose centres ended up closer than `radius`
 * merge the same way, until none do. Points that overlap nothing stay single. Typed arrays and a
 * hashed grid keep 10,000 points within a few milliseconds.
 */
export function clusterPoints(points: Points, order: readonly number[], radius: number): Cluster[] {
  let count = order.length;
  let xs = new Float64Array(count);
  let ys = new Float64Array(count);
  let weights = new Float64Array(count).fill(1);
  let minXs = new Float64Array(count);
  let minYs = new Float64Array(count);
  let maxXs = new Float64Array(count);
  let maxYs = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    xs[i] = minXs[i] = maxXs[i] = points.xs[order[i]!]!;
    ys[i] = minYs[i] = maxYs[i] = points.ys[order[i]!]!;
  }
  // Which cluster each point (by its position in `order`) belongs to now.
  const owner = Int32Array.from({ length: count }, (_, i) => i);

  for (let pass = 0; radius > 0 && pass < MAX_MERGE_PASSES; pass++) {
    const mask = 2 ** Math.ceil(Math.log2(2 * count + 1)) - 1;
    const heads = new Int32Array(mask + 1).fill(-1);
    const next = new Int32Array(count);
    for (let i = count - 1; i >= 0; i--) {
      const bucket = bucketOf(Math.floor(xs[i]! / radius), Math.floor(ys[i]! / radius), mask);
      next[i] = heads[bucket]!;
      heads[bucket] = i;
    }
    const renumbered = new Int32Array(count);
    const taken = new Uint8Array(count);
    const merged = { xs: new Float64Array(count), ys: new Float64Array(count), weights: new Float64Array(count), minXs: new Float64Array(count), minYs: new Float64Array(count), maxXs: new Float64Array(count), maxYs: new Float64Array(count) };
    const radiusSquared = radius * radius;
    let made = 0;
    for (let seed = 0; seed < count; seed++) {
      if (taken[seed]) continue;
      const seedX = xs[seed]!;
      const seedY = ys[seed]!;
      const column = Math.floor(seedX / radius);
      const row = Math.floor(seedY / radius);
      let sumX = 0;
      let sumY = 0;
      let weight = 0;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      const take = (i: number) => {
        taken[i] = 1;
        renumbered[i] = made;
        sumX += xs[i]! * weights[i]!;
        sumY += ys[i]! * weights[i]!;
        weight += weights[i]!;
        minX = Math.min(minX, minXs[i]!);
        minY = Math.min(minY, minYs[i]!);
        maxX = Math.max(maxX, maxXs[i]!);
        maxY = Math.max(maxY, maxYs[i]!);
      };
      take(seed);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (let other = heads[bucketOf(column + dx, row + dy, mask)]!; other !== -1; other = next[other]!) {
            if (taken[other]) continue;
            if ((xs[other]! - seedX) ** 2 + (ys[other]! - seedY) ** 2 < radiusSquared) take(other);
          }
        }
      }
      merged.xs[made] = sumX / weight;
      merged.ys[made] = sumY / weight;
      merged.weights[made] = weight;
      merged.minXs[made] = minX;
      merged.minYs[made] = minY;
      merged.maxXs[made] = maxX;
      merged.maxYs[made] = maxY;
      made++;
    }
    if (made === count) break;
    for (let i = 0; i < owner.length; i++) owner[i] = renumbered[owner[i]!]!;
    count = made;
    ({ xs, ys, weights, minXs, minYs, maxXs, maxYs } = merged);
  }

  // Seeds are taken in order, so cluster k's first member comes before cluster k+1's: the order holds.
  const clusters: Cluster[] = [];
  for (let k = 0; k < count; k++) {
    clusters.push({ x: xs[k]!, y: ys[k]!, members: [], minX: minXs[k]!, minY: minYs[k]!, maxX: maxXs[k]!, maxY: maxYs[k]! });
  }
  for (let i = 0; i < owner.length; i++) clusters[owner[i]!]!.members.push(order[i]!);
  return clusters;
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

/**
 * For each item, the distance to the nearest other item, capped at `cap` (farther ones do not
 * matter). A sweep over the items sorted by x, so a few hundred on screen cost next to nothing.
 */
export function nearestDistances(items: readonly { x: number; y: number }[], cap: number): Float64Array {
  const nearest = new Float64Array(items.length).fill(cap);
  const byX = items.map((_, index) => index).sort((a, b) => items[a]!.x - items[b]!.x);
  for (let i = 0; i < byX.length; i++) {
    const a = items[byX[i]!]!;
    for (let j = i + 1; j < byX.length; j++) {
      const b = items[byX[j]!]!;
      if (b.x - a.x >= cap) break;
      const distance = Math.hypot(b.x - a.x, b.y - a.y);
      if (distance < nearest[byX[i]!]!) nearest[byX[i]!] = distance;
      if (distance < nearest[byX[j]!]!) nearest[byX[j]!] = distance;
    }
  }
  return nearest;
}
