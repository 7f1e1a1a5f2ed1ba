// How far an off-site place is from the site, and how long the way takes on foot or by bike. One
// definition for the kiosk's list, its sheet, the next-step ranking and the follow-up page.
import type { GeoPoint } from './model';

const EARTH_RADIUS_KM = 6371;

/**
 * Straight-line ("as the crow flies") distance in km, haversine, unrounded. Streets are longer than
 * this; `travelEstimate` allows for that.
 */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The straight-line distance in km with one decimal, as a screen shows it ("1.3 km"). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  return Math.round(greatCircleKm(a, b) * 10) / 10;
}

/**
 * Streets are not straight lines: in a Flemish town the way is typically a quarter to a third longer
 * than the crow flies, so every estimate walks 1.3 times the straight distance.
 */
export const DETOUR_FACTOR = 1.3;
/** An unhurried adult walk, km/h (children and older visitors walk slower; this is a rough guide). */
export const WALKING_KMH = 4.5;
/** An everyday (not sporty) bike ride in town, km/h, traffic lights included. */
export const CYCLING_KMH = 15;
/** Beyond this many walking minutes the sheet stops suggesting a walk and offers only the bike. */
export const MAX_WALKING_MINUTES = 60;

export interface TravelEstimate {
  /** Straight-line km, one decimal. */
  km: number;
  /** Minutes on foot, rounded up to whole minutes; absent when the walk would be longer than an hour. */
  walkMinutes?: number;
  /** Minutes by bike, rounded up, at least 1. */
  cycleMinutes: number;
}

/**
 * A rough time to get from `from` to `to`: the straight distance times DETOUR_FACTOR, at WALKING_KMH
 * and CYCLING_KMH. A guide for "can I go there now?", never a route; minutes round up so an estimate
 * never promises less than the way takes.
 */
export function travelEstimate(from: GeoPoint, to: GeoPoint): TravelEstimate {
  const straight = greatCircleKm(from, to);
  const way = straight * DETOUR_FACTOR;
  const minutes = (kmh: number) => Math.max(1, Math.ceil((way / kmh) * 60));
  const walkMinutes = minutes(WALKING_KMH);
  return {
    km: Math.round(straight * 10) / 10,
    ...(walkMinutes <= MAX_WALKING_MINUTES ? { walkMinutes } : {}),
    cycleMinutes: minutes(CYCLING_KMH),
  };
}

/**
 * A route planner link from the site to a place (OpenStreetMap's directions, on foot), for a QR code
 * the visitor scans: the kiosk itself never opens it.
 */
export function directionsUrl(from: GeoPoint, to: GeoPoint): string {
  const point = (p: GeoPoint) => `${p.lat.toFixed(5)},${p.lon.toFixed(5)}`;
  return `https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route=${encodeURIComponent(`${point(from)};${point(to)}`)}`;
}
