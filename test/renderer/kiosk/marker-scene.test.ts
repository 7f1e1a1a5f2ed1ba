import { describe, expect, it } from 'vitest';
import { MarkerScene, clusterKey, type DrawnItem, type SceneMarker } from '../../../src-renderer/kiosk/map/marker-scene';

const circle = { shape: 'circle', color: '#1565c0' } as const;
const square = { shape: 'square', color: '#b34700' } as const;

function marker(id: string, x: number, y: number, level: SceneMarker['level'] = circle): SceneMarker {
  return { id, x, y, levelId: level === circle ? 'see-do' : 'do-together', level, label: `${id} — level — place` };
}

// Two markers 5 apart (they overlap at scale 1), one far away.
const markers = [marker('a', 0, 0), marker('b', 5, 0, square), marker('c', 200, 200)];
const everywhere = { minX: -1000, minY: -1000, maxX: 1000, maxY: 1000 };
const origin = { x: 0, y: 0 };
const kinds = (items: readonly DrawnItem[]) => items.map((item) => `${item.kind}:${item.key}`);

describe('MarkerScene', () => {
  it('draws overlapping markers as one cluster with the level colours present, the others singly', () => {
    const items = new MarkerScene(markers).view(1, 20, everywhere, origin);
    expect(kinds(items)).toEqual(['cluster:cluster:a:2', 'marker:c']);
    const cluster = items[0] as Extract<DrawnItem, { kind: 'cluster' }>;
    expect(cluster.levels).toEqual([
      { color: circle.color, count: 1 },
      { color: square.color, count: 1 },
    ]);
    expect(cluster.markers.map((member) => member.id)).toEqual(['a', 'b']);
  });

  it('splits the cluster once the zoom spreads the markers apart', () => {
    expect(kinds(new MarkerScene(markers).view(8, 20, { minX: -100, minY: -100, maxX: 2000, maxY: 2000 }, origin))).toEqual(['marker:a', 'marker:b', 'marker:c']);
  });

  it('positions items in layer pixels relative to the origin, at the scale', () => {
    const [item] = new MarkerScene([marker('c', 200, 100)]).view(2, 20, everywhere, { x: 150, y: 50 });
    expect(item).toMatchObject({ x: 250, y: 150 });
  });

  it('culls what lies outside the box (plus the margin)', () => {
    const scene = new MarkerScene(markers);
    expect(kinds(scene.view(1, 20, { minX: 100, minY: 100, maxX: 300, maxY: 300 }, origin))).toEqual(['marker:c']);
    expect(kinds(scene.view(1, 20, { minX: 230, minY: 230, maxX: 300, maxY: 300 }, origin))).toEqual([]);
    expect(kinds(scene.view(1, 20, { minX: 230, minY: 230, maxX: 300, maxY: 300 }, origin, 40))).toEqual(['marker:c']);
  });

  it('a filter change hides markers and re-clusters without rebuilding the markers', () => {
    const scene = new MarkerScene(markers);
    const before = scene.markers;
    const clustersBefore = scene.clustersAt(1, 20);
    expect(scene.clustersAt(1, 20)).toBe(clustersBefore); // cached per zoom: a pan does not re-cluster
    scene.setVisible(new Set(['b', 'c']));
    expect(scene.markers).toBe(before);
    expect(scene.visibleCount).toBe(2);
    expect(kinds(scene.view(1, 20, everywhere, origin))).toEqual(['marker:b', 'marker:c']);
    scene.setVisible(undefined);
    expect(kinds(scene.view(1, 20, everywhere, origin))).toEqual(['cluster:cluster:a:2', 'marker:c']);
  });

  it('draws the selected marker last (on top), larger, even when it sits in a cluster', () => {
    const scene = new MarkerScene(markers, undefined, 'c');
    expect(kinds(scene.view(1, 20, everywhere, origin))).toEqual(['cluster:cluster:a:2', 'marker:c']);
    expect(scene.view(1, 20, everywhere, origin).at(-1)).toMatchObject({ kind: 'marker', selected: true });
    scene.setSelected('b');
    const items = scene.view(1, 20, everywhere, origin);
    expect(kinds(items)).toEqual(['cluster:cluster:a:2', 'marker:c', 'marker:b']);
    expect(items.at(-1)).toMatchObject({ kind: 'marker', key: 'b', selected: true, x: 5, y: 0 });
  });

  it('finds a marker by id', () => {
    const scene = new MarkerScene(markers);
    expect(scene.marker('b')?.label).toBe('b — level — place');
    expect(scene.marker('nope')).toBeUndefined();
  });

  it('keys a cluster by its members, so the same cluster keeps its button across redraws', () => {
    expect(clusterKey([markers[0]!, markers[1]!])).toBe('cluster:a:2');
    expect(clusterKey([markers[0]!, markers[1]!])).not.toBe(clusterKey([markers[0]!, markers[1]!, markers[2]!]));
  });
});
