// Painting markers and clusters on a 2D canvas, in the look app.css gives the level shapes
// (`.shape`: the level colour, a white border, a thin dark ring; selected: larger, ringed in blue).
import type { Level } from '../../core/model';
import type { DrawnItem } from './marker-scene';

/** Side of a marker's shape in CSS pixels (app.css `.activity-marker .shape`). */
export const MARKER_SIZE = 26;
const SELECTED_SIZE = 38;
/** The drawn extent of a selected marker (its blue ring included). */
export const SELECTED_EXTENT = SELECTED_SIZE + 14;
/** Side of the ring that marks "on now" (solid) and "starts soon" (dashed). */
const STATE_RING = MARKER_SIZE + 12;
/** Touch target of a marker's button, centred on the shape. */
export const MARKER_TARGET = 44;

export interface Palette {
  selected: string;
  text: string;
}

type Shape = Level['shape'];

/** The path of a level shape of side `side` centred on (x, y); rings are the same shape grown. */
function shapePath(context: CanvasRenderingContext2D, shape: Shape, x: number, y: number, side: number): void {
  context.beginPath();
  if (shape === 'circle') {
    context.arc(x, y, side / 2, 0, 2 * Math.PI);
  } else if (shape === 'square') {
    context.roundRect(x - side / 2, y - side / 2, side, side, 3);
  } else {
    // app.css turns the square 45° and scales it to 0.85: its half-diagonal.
    const half = (side * 0.85 * Math.SQRT2) / 2;
    context.moveTo(x, y - half);
    context.lineTo(x + half, y);
    context.lineTo(x, y + half);
    context.lineTo(x - half, y);
    context.closePath();
  }
}

function fillShape(context: CanvasRenderingContext2D, shape: Shape, x: number, y: number, side: number, colour: string): void {
  shapePath(context, shape, x, y, side);
  context.fillStyle = colour;
  context.fill();
}

export function drawMarker(context: CanvasRenderingContext2D, item: Extract<DrawnItem, { kind: 'marker' }>, palette: Palette): void {
  const { shape, color } = item.marker.level;
  const { x, y } = item;
  if (item.selected) {
    fillShape(context, shape, x, y, SELECTED_SIZE + 12, palette.selected);
    fillShape(context, shape, x, y, SELECTED_SIZE + 6, '#fff');
    fillShape(context, shape, x, y, SELECTED_SIZE - 4, color);
    return;
  }
  const state = item.marker.state;
  // "Later" (not today) is drawn faded, so what is on today stands out; the words say it too.
  if (state === 'later') context.globalAlpha = 0.5;
  fillShape(context, shape, x, y, MARKER_SIZE + 3, 'rgb(0 0 0 / 0.55)');
  fillShape(context, shape, x, y, MARKER_SIZE, '#fff');
  fillShape(context, shape, x, y, MARKER_SIZE - 4, color);
  context.globalAlpha = 1;
  if (state === 'now' || state === 'soon') {
    // On now: a solid ring; starting soon: a dashed one. No animation, so nothing to reduce for motion.
    shapePath(context, shape, x, y, STATE_RING);
    context.lineWidth = 3;
    context.strokeStyle = palette.text;
    context.setLineDash(state === 'soon' ? [4, 4] : []);
    context.stroke();
    context.setLineDash([]);
  }
}

/** A cluster's disc radius: grows a little with its count, never below the marker's touch target. */
export function clusterRadius(count: number): number {
  return Math.min(30, 20 + Math.log2(count) * 1.5);
}

/** A white disc with its count, ringed by one arc per level colour present (length by count). */
export function drawCluster(context: CanvasRenderingContext2D, item: Extract<DrawnItem, { kind: 'cluster' }>, palette: Palette): void {
  const { x, y } = item;
  const radius = clusterRadius(item.markers.length);
  context.beginPath();
  context.arc(x, y, radius + 1.5, 0, 2 * Math.PI);
  context.fillStyle = 'rgb(0 0 0 / 0.55)';
  context.fill();
  context.beginPath();
  context.arc(x, y, radius, 0, 2 * Math.PI);
  context.fillStyle = '#fff';
  context.fill();
  const ring = 6;
  let angle = -Math.PI / 2;
  const total = item.markers.length;
  context.lineWidth = ring;
  for (const { color, count } of item.levels) {
    const sweep = (2 * Math.PI * count) / total;
    context.beginPath();
    context.arc(x, y, radius - ring / 2 - 1, angle, angle + sweep);
    context.strokeStyle = color;
    context.stroke();
    angle += sweep;
  }
  context.fillStyle = palette.text;
  context.font = `700 ${total >= 1000 ? 12 : 15}px system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(String(total), x, y + 1);
}

/** Clusters first, then single markers, the selected one last (`items` keeps it last). */
export function drawItems(context: CanvasRenderingContext2D, items: readonly DrawnItem[], palette: Palette): void {
  for (const item of items) if (item.kind === 'cluster') drawCluster(context, item, palette);
  for (const item of items) if (item.kind === 'marker') drawMarker(context, item, palette);
}
