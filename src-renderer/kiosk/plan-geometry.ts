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
