import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '../../../src-renderer/core/distance';
import { PLACE_SPREAD_DEGREES, spreadAround } from '../../../src-renderer/kiosk/plan-geometry';

const C_MINE = { lat: 50.9911, lon: 5.4983 };

describe('spreadAround: many activities at one place on the city map', () => {
  const count = 300;
  const points = Array.from({ length: count }, (_, index) => spreadAround(C_MINE, index));

  it('puts the first on the place itself', () => {
    expect(points[0]).toEqual(C_MINE);
  });

  it('keeps three hundred of them within a kilometre and a half of the place (a row would reach 25 km)', () => {
    const farthest = Math.max(...points.map((point) => greatCircleKm(C_MINE, point)));
    expect(farthest).toBeLessThan(1.5);
  });

  it('never stacks two on one spot: neighbours stay at least a quarter of the spacing apart', () => {
    const spacingKm = greatCircleKm({ lat: 0, lon: 0 }, { lat: PLACE_SPREAD_DEGREES, lon: 0 });
    let closest = Number.POSITIVE_INFINITY;
    for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) closest = Math.min(closest, greatCircleKm(points[a]!, points[b]!));
    expect(closest).toBeGreaterThan(spacingKm / 4);
  });
});
