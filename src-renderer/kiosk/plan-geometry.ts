import type { GeoPoint, LevelId, LocalizedText, PlanPoint, SitePlan } from '../core/model';

/** One activity as a marker on the site plan. */
export interface MapMarker {
  activityId: string;
  title: LocalizedText;
  level: LevelId;
  spaceId: string;
  spaceName: LocalizedText;
  at: PlanPoint;
}

/** One off-site activity as a marker on the city map. */
export interface CityMarker {
  activityId: string;
  title: LocalizedText;
  level: LevelId;
  placeName: string;
  at: GeoPoint;
}

/** Degrees of latitude between neighbours when several activities share one place: about 80 m. */
export const PLACE_SPREAD_DEGREES = 0.0007;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Where the `index`-th activity at one place stands on the city map: the first on the place itself,
 * the others on a sunflower spiral around it, evenly spaced however many there are. A feed can hold a
 * hundred sessions of one venue; a row of them would reach kilometres away, the spiral stays within a
 * few hundred metres (and the map clusters them until the visitor zooms in).
 */
export function spreadAround(at: GeoPoint, index: number, step = PLACE_SPREAD_DEGREES): GeoPoint {
  if (index <= 0) return at;
  const radius = step * Math.sqrt(index);
  const angle = index * GOLDEN_ANGLE;
  // A degree of longitude is shorter than one of latitude away from the equator: scaled, the spiral stays round.
  return { lat: at.lat + radius * Math.sin(angle), lon: at.lon + (radius * Math.cos(angle)) / Math.cos((at.lat * Math.PI) / 180) };
}

/** Plan coordinates (x right, y down, as drawn in the SVG) to Leaflet CRS.Simple [lat, lng]. */
export function toLatLng(point: PlanPoint, plan: SitePlan): [number, number] {
  return [plan.height - point.y, point.x];
}

const FAN_SPACING = 40;

/**
 * Spreads the markers of one space in a ring around its point so that none hides another.
 * A single marker stays on the point itself.
 */
export function fanOut(center: PlanPoint, index: number, count: number): PlanPoint {
  if (count <= 1) return center;
  const radius = Math.max(FAN_SPACING, (FAN_SPACING * count) / (2 * Math.PI));
  const angle = (2 * Math.PI * index) / count - Math.PI / 2;
  return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
}

/** A plan coordinate as a CSS percentage of the plan's width or height, for positioning over an <img>. */
export function toPercent(value: number, total: number): string {
  return `${(value / total) * 100}%`;
}
