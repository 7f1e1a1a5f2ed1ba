import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canSplit, clusterPoints, inView, nearestDistances, readingOrder } from '../../../src-renderer/kiosk/map/cluster';

const points = (list: readonly [number, number][]) => ({ xs: list.map(([x]) => x), ys: list.map(([, y]) => y) });
const all = (count: number) => Array.from({ length: count }, (_, index) => index);

describe('clusterPoints', () => {
  it('keeps markers that do not overlap single', () => {
    const clusters = clusterPoints(points([[0, 0], [30, 0], [0, 30], [60, 60]]), all(4), 20);
    expect(clusters.map((cluster) => cluster.members)).toEqual([[0], [1], [2], [3]]);
    expect(clusters[1]).toMatchObject({ x: 30, y: 0 });
  });

  it('merges markers closer than the radius into one cluster at their mean, with their extent', () => {
    const clusters = clusterPoints(points([[0, 0], [10, 0], [100, 100], [5, 8]]), all(4), 20);
    expect(clusters).toHaveLength(2);
    expect(clusters[0]).toMatchObject({ members: [0, 1, 3], x: 5, minX: 0, maxX: 10, minY: 0, maxY: 8 });
    expect(clusters[0]!.y).toBeCloseTo(8 / 3);
    expect(clusters[1]!.members).toEqual([2]);
  });

  it('clusters only the visible points it is given', () => {
    const clusters = clusterPoints(points([[0, 0], [10, 0], [100, 100]]), [0, 2], 20);
    expect(clusters.map((cluster) => cluster.members)).toEqual([[0], [2]]);
  });

  it('scales with zoom: the same points split when the radius (in zoom-0 pixels) shrinks', () => {
    const at = points([[0, 0], [8, 0]]);
    // 20 screen pixels at scale 1 and at scale 4.
    expect(clusterPoints(at, all(2), 20 / 1)).toHaveLength(1);
    expect(clusterPoints(at, all(2), 20 / 4)).toHaveLength(2);
  });

  it('merges across grid cells and chains until no two centres are too close', () => {
    // A row 15 apart: neighbours overlap, so the whole row becomes clusters that do not overlap.
    const row = Array.from({ length: 12 }, (_, index): [number, number] => [index * 15, 0]);
    const clusters = clusterPoints(points(row), all(12), 20);
    for (const a of clusters) for (const b of clusters) if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(20);
  });

  it('is deterministic, loses no marker and leaves no two drawn centres overlapping (property)', () => {
    const coordinate = fc.integer({ min: 0, max: 400 });
    fc.assert(
      fc.property(fc.array(fc.tuple(coordinate, coordinate), { maxLength: 200 }), fc.integer({ min: 5, max: 60 }), (list, radius) => {
        const at = points(list);
        const clusters = clusterPoints(at, all(list.length), radius);
        expect(clusterPoints(at, all(list.length), radius)).toEqual(clusters);
        expect(clusters.flatMap((cluster) => cluster.members).sort((a, b) => a - b)).toEqual(all(list.length));
        // The merge passes are bounded; in practice they converge, which this checks.
        for (let i = 0; i < clusters.length; i++) {
          for (let j = i + 1; j < clusters.length; j++) {
            expect(Math.hypot(clusters[i]!.x - clusters[j]!.x, clusters[i]!.y - clusters[j]!.y)).toBeGreaterThanOrEqual(radius);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('clusters 10,000 markers', () => {
    const count = 10_000;
    const xs = Array.from({ length: count }, (_, index) => (index * 7919) % 2000);
    const ys = Array.from({ length: count }, (_, index) => (index * 104_729) % 1400);
    const clusters = clusterPoints({ xs, ys }, all(count), 20);
    expect(clusters.reduce((sum, cluster) => sum + cluster.members.length, 0)).toBe(count);
    expect(clusters.length).toBeLessThan(count);
  });
});

describe('inView', () => {
  it('keeps the clusters whose centre, at the scale, lies in the box grown by the margin', () => {
    const clusters = clusterPoints(points([[10, 10], [50, 50], [200, 10]]), all(3), 1);
    // Scale 2: the points sit at (20, 20), (100, 100), (400, 20) in screen pixels.
    const box = { minX: 0, minY: 0, maxX: 120, maxY: 120 };
    expect(inView(clusters, 2, box).map((cluster) => cluster.members[0])).toEqual([0, 1]);
    expect(inView(clusters, 2, { minX: 0, minY: 0, maxX: 380, maxY: 120 }, 30).map((cluster) => cluster.members[0])).toEqual([0, 1, 2]);
    expect(inView(clusters, 2, { minX: 500, minY: 500, maxX: 600, maxY: 600 })).toEqual([]);
  });
});

describe('canSplit', () => {
  it('tells whether the members would stand apart at the highest zoom', () => {
    const [spread] = clusterPoints(points([[0, 0], [3, 4]]), all(2), 20);
    expect(canSplit(spread!, 8, 20)).toBe(true); // 5 × 8 = 40 pixels apart
    expect(canSplit(spread!, 2, 20)).toBe(false); // 10 pixels
    const [together] = clusterPoints(points([[7, 7], [7, 7]]), all(2), 20);
    expect(canSplit(together!, 1000, 20)).toBe(false);
  });
});

describe('readingOrder', () => {
  it('reads rows top to bottom, left to right', () => {
    const items = [
      { id: 'c', x: 10, y: 60 },
      { id: 'b', x: 90, y: 5 },
      { id: 'a', x: 20, y: 30 },
    ];
    expect(readingOrder(items, 44).map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('nearestDistances', () => {
  it('gives each item the distance to its nearest neighbour, capped', () => {
    const items = [
      { x: 0, y: 0 },
      { x: 30, y: 40 },
      { x: 33, y: 44 },
      { x: 500, y: 0 },
    ];
    expect([...nearestDistances(items, 100)]).toEqual([50, 5, 5, 100]);
  });

  it('so buttons sized by it never overlap (property)', () => {
    const coordinate = fc.integer({ min: 0, max: 300 });
    fc.assert(
      fc.property(fc.array(fc.record({ x: coordinate, y: coordinate }), { maxLength: 80 }), (items) => {
        const nearest = nearestDistances(items, 60);
        for (let i = 0; i < items.length; i++) {
          for (let j = i + 1; j < items.length; j++) {
            const distance = Math.hypot(items[i]!.x - items[j]!.x, items[i]!.y - items[j]!.y);
            expect(Math.min(44, nearest[i]!) / 2 + Math.min(44, nearest[j]!) / 2).toBeLessThanOrEqual(distance + 1e-9);
          }
        }
      }),
    );
  });
});
