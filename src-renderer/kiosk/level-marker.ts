import L from 'leaflet';
import type { Level, LevelId } from '../core/model';

export interface LevelMarkerOptions {
  activityId: string;
  levelId: LevelId;
  level: Level;
  /** The marker's accessible name: "title — level — place". */
  label: string;
  selected: boolean;
  onselect: (activityId: string) => void;
}

/**
 * An activity marker as both maps draw it: the level's shape and colour (never colour alone), a
 * real button for touch and keyboard with an accessible name, and data attributes the list and
 * the tests find it by.
 */
export function levelMarker(at: L.LatLngExpression, options: LevelMarkerOptions): L.Marker {
  const icon = L.divIcon({
    className: `activity-marker shape-${options.level.shape}`,
    html: '<span class="shape" aria-hidden="true"></span>',
    iconSize: [44, 44],
    iconAnchor: [22, 22],
  });
  const marker = L.marker(at, { icon, keyboard: true, riseOnHover: true });
  marker.on('click', () => options.onselect(options.activityId));
  marker.on('add', () => {
    const element = marker.getElement();
    if (!element) return;
    element.style.setProperty('--level-color', options.level.color);
    element.dataset.level = options.levelId;
    element.dataset.activity = options.activityId;
    element.classList.toggle('selected', options.selected);
    element.setAttribute('aria-label', options.label);
  });
  return marker;
}
