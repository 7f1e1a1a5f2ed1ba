// Where the site plan's room labels go: each label tries a few spots around its room's point and
// takes the first that overlaps no marker, no "you are here", no label placed before it and stays in
// view; when none fits it tries a shorter text, and else it is left out (zooming in makes room).
// Pure and DOM-free: the caller measures the texts. A grid of buckets keeps the checks near-linear.
import type { Box } from './cluster';

/** One text a label may show, with its measured size in screen pixels. */
export interface LabelText {
  text: string;
  width: number;
  height: number;
}

export interface LabelRequest {
  id: string;
  /** The room's point, in screen pixels. */
  x: number;
  y: number;
  /** Longest first: the full name, then shorter forms. */
  texts: readonly LabelText[];
  /** Higher goes first (e.g. rooms with something on). Ties keep the given order. */
  priority: number;
}

export interface PlacedLabel {
  id: string;
  text: string;
  /** The label's box in screen pixels. */
  box: Box;
}

/** How far from the point a label's nearest edge stands: on it, beside a marker, beside a fanned ring of markers. */
const DISTANCES = [0, 26, 64];
const CELL = 64;

/** The boxes a label of `width` × `height` may take around (x, y), best first. */
export function candidateBoxes(x: number, y: number, width: number, height: number): Box[] {
  const boxes: Box[] = [];
  const centred = (cx: number, cy: number): Box => ({ minX: cx - width / 2, minY: cy - height / 2, maxX: cx + width / 2, maxY: cy + height / 2 });
  for (const distance of DISTANCES) {
    if (distance === 0) {
      boxes.push(centred(x, y));
      continue;
    }
    boxes.push(centred(x, y + distance + height / 2)); // below
    boxes.push(centred(x, y - distance - height / 2)); // above
    boxes.push(centred(x + distance + width / 2, y)); // right
    boxes.push(centred(x - distance - width / 2, y)); // left
  }
  return boxes;
}

export function intersects(a: Box, b: Box): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}

function inside(box: Box, view: Box): boolean {
  return box.minX >= view.minX && box.minY >= view.minY && box.maxX <= view.maxX && box.maxY <= view.maxY;
}

function clampInto(box: Box, view: Box): Box {
  const dx = box.minX < view.minX ? view.minX - box.minX : box.maxX > view.maxX ? view.maxX - box.maxX : 0;
  const dy = box.minY < view.minY ? view.minY - box.minY : box.maxY > view.maxY ? view.maxY - box.maxY : 0;
  return dx === 0 && dy === 0 ? box : { minX: box.minX + dx, minY: box.minY + dy, maxX: box.maxX + dx, maxY: box.maxY + dy };
}

/** Boxes hashed into square cells, so a check only looks at its neighbours. */
class BoxGrid {
  readonly #cells = new Map<string, Box[]>();

  add(box: Box): void {
    this.#each(box, (key) => {
      const cell = this.#cells.get(key);
      if (cell) cell.push(box);
      else this.#cells.set(key, [box]);
    });
  }

  hits(box: Box): boolean {
    let hit = false;
    this.#each(box, (key) => {
      if (!hit) hit = this.#cells.get(key)?.some((other) => intersects(box, other)) ?? false;
    });
    return hit;
  }

  #each(box: Box, visit: (key: string) => void): void {
    for (let column = Math.floor(box.minX / CELL); column <= Math.floor(box.maxX / CELL); column++) {
      for (let row = Math.floor(box.minY / CELL); row <= Math.floor(box.maxY / CELL); row++) visit(`${column},${row}`);
    }
  }
}

/**
 * Places labels greedily by priority. Every placed box lies in `view`, overlaps none of `obstacles`
 * and none of the other placed boxes; a label that cannot be placed is left out.
 */
export function placeLabels(requests: readonly LabelRequest[], obstacles: readonly Box[], view: Box): PlacedLabel[] {
  const taken = new BoxGrid();
  for (const obstacle of obstacles) taken.add(obstacle);
  const ordered = requests.map((request, index) => ({ request, index })).sort((a, b) => b.request.priority - a.request.priority || a.index - b.index);
  const placed: PlacedLabel[] = [];
  for (const { request } of ordered) {
    found: for (const text of request.texts) {
      for (const candidate of candidateBoxes(request.x, request.y, text.width, text.height)) {
        // A room near the edge keeps its label: pushed back into the view.
        const box = clampInto(candidate, view);
        if (!inside(box, view) || taken.hits(box)) continue;
        taken.add(box);
        placed.push({ id: request.id, text: text.text, box });
        break found;
      }
    }
  }
  return placed;
}

/**
 * The shorter forms of a room name, longest first: the name, the name without a part in brackets
 * ("Kinderhoek (naschoolse opvang)" → "Kinderhoek"), then the first word(s) with an ellipsis.
 */
export function shorterNames(name: string, maxLetters = 14): string[] {
  const names = [name];
  const unbracketed = name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
  if (unbracketed && unbracketed !== name) names.push(unbracketed);
  const last = names.at(-1)!;
  if (last.length > maxLetters) {
    const cut = last.slice(0, maxLetters).replace(/\s+\S*$/, '').trim() || last.slice(0, maxLetters);
    names.push(`${cut}…`);
  }
  return names;
}
