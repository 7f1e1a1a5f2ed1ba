// The site plan's room names, drawn by the app in the visitor's language (the plan image carries
// none): one element per placed label in a pane that moves with the map while it is dragged, hidden
// during the zoom animation, and placed again after every marker paint (kiosk/map/label-placement.ts
// keeps them off the markers, off "you are here" and off each other).
import L from 'leaflet';
import type { Box } from './cluster';
import { placeLabels, shorterNames, type LabelRequest, type LabelText } from './label-placement';

export interface SpaceLabel {
  id: string;
  name: string;
  at: L.LatLngExpression;
  /** Rooms with more on show are labelled first. */
  priority: number;
}

const PANE = 'spaceLabels';
/** app.css `.space-label`: 18 px bold on a 26 px high pill with 8 px of padding each side. */
export const LABEL_FONT = `700 18px system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif`;
const LABEL_HEIGHT = 26;
const LABEL_PADDING = 8;
/** Rooms this far outside the view are not considered. */
const MARGIN = 200;

export class SpaceLabelLayer extends L.Layer {
  #map: L.Map | undefined;
  #box: HTMLDivElement | undefined;
  #labels: readonly SpaceLabel[] = [];
  #lang = '';
  #obstacles: Box[] = [];
  #elements = new Map<string, HTMLDivElement>();
  #widths = new Map<string, number>();
  #measure: CanvasRenderingContext2D | null = null;

  override onAdd(map: L.Map): this {
    this.#map = map;
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    // Over the marker canvas (590), under "you are here" (600) and the marker buttons' tooltips.
    pane.style.zIndex = '595';
    pane.style.pointerEvents = 'none';
    this.#box = L.DomUtil.create('div', 'space-labels leaflet-zoom-hide', pane);
    this.#box.setAttribute('aria-hidden', 'true');
    this.#measure = document.createElement('canvas').getContext('2d');
    this.draw(this.#obstacles);
    return this;
  }

  override onRemove(): this {
    this.#box?.remove();
    this.#box = undefined;
    this.#elements.clear();
    this.#map = undefined;
    return this;
  }

  /** New names (another language) or priorities: placed again at once. */
  setLabels(labels: readonly SpaceLabel[], lang: string): void {
    this.#labels = labels;
    if (lang !== this.#lang) this.#box?.setAttribute('lang', lang);
    this.#lang = lang;
    this.draw(this.#obstacles);
  }

  /** Places the labels clear of `obstacles` (container pixels) and of "you are here". */
  draw(obstacles: Box[]): void {
    this.#obstacles = obstacles;
    const map = this.#map;
    const box = this.#box;
    if (!map || !box) return;
    const size = map.getSize();
    const view: Box = { minX: 0, minY: 0, maxX: size.x, maxY: size.y };
    const requests: LabelRequest[] = [];
    for (const label of this.#labels) {
      const point = map.latLngToContainerPoint(label.at);
      if (point.x < -MARGIN || point.y < -MARGIN || point.x > size.x + MARGIN || point.y > size.y + MARGIN) continue;
      requests.push({ id: label.id, x: point.x, y: point.y, priority: label.priority, texts: shorterNames(label.name).map((text) => this.#size(text)) });
    }
    const placed = placeLabels(requests, [...obstacles, ...this.#fixedObstacles(map)], view);
    const wanted = new Set(placed.map((label) => label.id));
    for (const [id, element] of this.#elements) {
      if (wanted.has(id)) continue;
      element.remove();
      this.#elements.delete(id);
    }
    for (const label of placed) {
      let element = this.#elements.get(label.id);
      if (!element) {
        element = L.DomUtil.create('div', 'space-label', box);
        element.dataset.space = label.id;
        this.#elements.set(label.id, element);
      }
      if (element.textContent !== label.text) element.textContent = label.text;
      const at = map.containerPointToLayerPoint([label.box.minX, label.box.minY]);
      element.style.left = `${at.x}px`;
      element.style.top = `${at.y}px`;
      element.style.width = `${label.box.maxX - label.box.minX}px`;
    }
  }

  #size(text: string): LabelText {
    let width = this.#widths.get(text);
    if (width === undefined) {
      const context = this.#measure;
      if (context) context.font = LABEL_FONT;
      width = Math.ceil((context?.measureText(text).width ?? text.length * 10) + 2 * LABEL_PADDING + 2);
      if (this.#widths.size > 2_000) this.#widths.clear();
      this.#widths.set(text, width);
    }
    return { text, width, height: LABEL_HEIGHT };
  }

  /** "You are here" and its label, wherever Leaflet drew them, and the legend over the map. */
  #fixedObstacles(map: L.Map): Box[] {
    const container = map.getContainer();
    const origin = container.getBoundingClientRect();
    return [...(container.parentElement ?? container).querySelectorAll('.here-marker, .here-label, .map-legend')].map((element) => {
      const rect = element.getBoundingClientRect();
      return { minX: rect.left - origin.left - 4, minY: rect.top - origin.top - 4, maxX: rect.right - origin.left + 4, maxY: rect.bottom - origin.top + 4 };
    });
  }
}
