import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Box } from '../../../src-renderer/kiosk/map/cluster';
import { intersects, placeLabels, shorterNames, type LabelRequest } from '../../../src-renderer/kiosk/map/label-placement';

const view: Box = { minX: 0, minY: 0, maxX: 800, maxY: 600 };
const text = (value: string, width = value.length * 10, height = 26) => ({ text: value, width, height });
const square = (x: number, y: number, side = 44): Box => ({ minX: x - side / 2, minY: y - side / 2, maxX: x + side / 2, maxY: y + side / 2 });

describe('placeLabels', () => {
  it('puts a lone label on its point', () => {
    const [placed] = placeLabels([{ id: 'a', x: 400, y: 300, texts: [text('Danszaal')], priority: 0 }], [], view);
    expect(placed).toEqual({ id: 'a', text: 'Danszaal', box: { minX: 360, minY: 287, maxX: 440, maxY: 313 } });
  });

  it('moves a label off a marker on its point, below it first', () => {
    const [placed] = placeLabels([{ id: 'a', x: 400, y: 300, texts: [text('Danszaal')], priority: 0 }], [square(400, 300)], view);
    expect(placed!.box.minY).toBeGreaterThanOrEqual(322);
    expect(intersects(placed!.box, square(400, 300))).toBe(false);
  });

  it('places higher priority first and drops or shortens what no longer fits', () => {
    const requests: LabelRequest[] = [
      { id: 'low', x: 400, y: 300, texts: [text('Lange naam van een lokaal'), text('Lang…', 50)], priority: 0 },
      { id: 'high', x: 400, y: 300, texts: [text('Atelier')], priority: 5 },
    ];
    const placed = placeLabels(requests, [], view);
    expect(placed[0]).toMatchObject({ id: 'high' });
    expect(placed).toHaveLength(2);
    expect(intersects(placed[0]!.box, placed[1]!.box)).toBe(false);
    // In a view too small for anything but the first, the second is left out.
    const tight = placeLabels(requests, [], { minX: 360, minY: 280, maxX: 440, maxY: 320 });
    expect(tight.map((label) => label.id)).toEqual(['high']);
  });

  it('keeps out of the view edges', () => {
    const placed = placeLabels([{ id: 'a', x: 5, y: 5, texts: [text('Kapelzaal')], priority: 0 }], [], view);
    expect(placed[0]!.box.minX).toBeGreaterThanOrEqual(0);
    expect(placed[0]!.box.minY).toBeGreaterThanOrEqual(0);
  });

  it('never overlaps a marker, another label or the view edge (property)', () => {
    const coordinate = fc.integer({ min: 0, max: 800 });
    const request = fc.record({ x: coordinate, y: fc.integer({ min: 0, max: 600 }), width: fc.integer({ min: 20, max: 300 }), priority: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 60 }), fc.array(fc.tuple(coordinate, coordinate), { maxLength: 60 }), (requests, markers) => {
        const obstacles = markers.map(([x, y]) => square(x, y));
        const placed = placeLabels(
          requests.map((item, index) => ({ id: String(index), x: item.x, y: item.y, texts: [text('x', item.width), text('y', item.width / 2)], priority: item.priority })),
          obstacles,
          view,
        );
        for (const [index, label] of placed.entries()) {
          expect(label.box.minX).toBeGreaterThanOrEqual(view.minX);
          expect(label.box.maxX).toBeLessThanOrEqual(view.maxX);
          expect(label.box.minY).toBeGreaterThanOrEqual(view.minY);
          expect(label.box.maxY).toBeLessThanOrEqual(view.maxY);
          for (const obstacle of obstacles) expect(intersects(label.box, obstacle)).toBe(false);
          for (const other of placed.slice(index + 1)) expect(intersects(label.box, other.box)).toBe(false);
        }
        expect(new Set(placed.map((label) => label.id)).size).toBe(placed.length);
      }),
      { numRuns: 200 },
    );
  }, 30_000);
});

describe('shorterNames', () => {
  it('drops a part in brackets, then cuts to whole words with an ellipsis', () => {
    expect(shorterNames('Danszaal')).toEqual(['Danszaal']);
    expect(shorterNames('Kinderhoek (naschoolse opvang)')).toEqual(['Kinderhoek (naschoolse opvang)', 'Kinderhoek']);
    expect(shorterNames('Oefenlokaal muziek 1 (piano)')).toEqual(['Oefenlokaal muziek 1 (piano)', 'Oefenlokaal muziek 1', 'Oefenlokaal…']);
    expect(shorterNames('Studie- en vergaderlokaal')).toEqual(['Studie- en vergaderlokaal', 'Studie- en…']);
  });
});
