import { describe, expect, it } from 'vitest';
import { CYCLING_KMH, DETOUR_FACTOR, directionsUrl, distanceKm, greatCircleKm, MAX_WALKING_MINUTES, travelEstimate, WALKING_KMH } from '../../../src-renderer/core/distance';

// The Regina Mundi site (its map centre) and places in and around Genk.
const SITE = { lat: 50.965, lon: 5.5 };
const C_MINE = { lat: 50.9911, lon: 5.4983 };
const HASSELT_STATION = { lat: 50.9307, lon: 5.3275 };

describe('greatCircleKm', () => {
  it('is zero for one point and the same both ways', () => {
    expect(greatCircleKm(SITE, SITE)).toBe(0);
    expect(greatCircleKm(SITE, C_MINE)).toBeCloseTo(greatCircleKm(C_MINE, SITE), 12);
  });

  it('measures a degree of latitude as about 111.2 km, and a degree of longitude shrinks with the cosine', () => {
    expect(greatCircleKm({ lat: 50, lon: 5 }, { lat: 51, lon: 5 })).toBeCloseTo(111.19, 1);
    expect(greatCircleKm({ lat: 60, lon: 5 }, { lat: 60, lon: 6 })).toBeCloseTo(111.19 * Math.cos((60 * Math.PI) / 180), 0);
  });

  it('gives real distances in Limburg: C-Mine is about 2.9 km north, Hasselt station about 12.6 km west', () => {
    expect(distanceKm(SITE, C_MINE)).toBe(2.9);
    expect(distanceKm(SITE, HASSELT_STATION)).toBeCloseTo(12.6, 0);
  });
});

describe('travelEstimate', () => {
  it('walks and cycles the straight distance times the detour factor, minutes rounded up', () => {
    const estimate = travelEstimate(SITE, C_MINE);
    const way = greatCircleKm(SITE, C_MINE) * DETOUR_FACTOR;
    expect(estimate.km).toBe(2.9);
    expect(estimate.walkMinutes).toBe(Math.ceil((way / WALKING_KMH) * 60));
    expect(estimate.cycleMinutes).toBe(Math.ceil((way / CYCLING_KMH) * 60));
    // About 3.8 km of streets: some 50 minutes on foot, 16 by bike.
    expect(estimate.walkMinutes).toBeGreaterThanOrEqual(49);
    expect(estimate.walkMinutes).toBeLessThanOrEqual(51);
    expect(estimate.cycleMinutes).toBe(16);
  });

  it('never says zero minutes, even next door', () => {
    expect(travelEstimate(SITE, SITE)).toEqual({ km: 0, walkMinutes: 1, cycleMinutes: 1 });
  });

  it('leaves the walk out past an hour on foot and keeps the bike', () => {
    const estimate = travelEstimate(SITE, HASSELT_STATION);
    expect(estimate.walkMinutes).toBeUndefined();
    expect(estimate.cycleMinutes).toBeGreaterThan(MAX_WALKING_MINUTES / 2);
  });
});

describe('directionsUrl', () => {
  it('asks OpenStreetMap for a walking route from the site to the place', () => {
    const url = new URL(directionsUrl(SITE, C_MINE));
    expect(url.origin).toBe('https://www.openstreetmap.org');
    expect(url.searchParams.get('engine')).toBe('fossgis_osrm_foot');
    expect(url.searchParams.get('route')).toBe('50.96500,5.50000;50.99110,5.49830');
  });
});
