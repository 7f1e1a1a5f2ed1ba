// The activity markers of both maps as one Leaflet layer: painted on a canvas, with one transparent
// <button> per drawn marker or cluster in view for touch, keyboard and screen readers.
//
// Like L.Canvas (Leaflet's Renderer), the layer's box covers the view plus some padding, sits in a
// pane that moves with the map while it is dragged (nothing is redrawn during a drag), is redrawn
// on moveend, and is scaled by a CSS transform during the zoom animation. A thousand DOM markers each
// got a compositor layer of their own; this is one canvas and a bounded set of buttons placed with
// left/top inside one container.
import L from 'leaflet';
import { textNode } from '../map-text';
import { canSplit, nearestDistances, readingOrder, type Box, type Cluster } from './cluster';
import { MARKER_TARGET, SELECTED_EXTENT, clusterRadius, drawItems, type Palette } from './draw';
import { MarkerScene, type DrawnItem, type SceneMarker } from './marker-scene';

/** Markers whose centres lie closer than this (screen pixels) merge into a cluster: they would hide each other. */
export const CLUSTER_DISTANCE = 20;
/** How much of the view's size is drawn beyond each edge, so a short drag shows no blank border. */
const PADDING = 0.25;
/** A geographic map without a tile layer has no maximum zoom of its own. */
const FALLBACK_MAX_ZOOM = 18;
const PANE = 'activityMarkers';
/** The widest button: a cluster's disc at its largest. */
const MAX_TARGET = 60;

export interface MarkerLayerOptions {
  /** Tapping (or Enter on) a single marker. */
  onselect: (activityId: string) => void;
  /** A cluster that zooming in cannot split any more: show its members another way. */
  onunsplittable: (markers: SceneMarker[]) => void;
  /** A cluster button's accessible name: whether a tap zooms in or lists the members. */
  clusterLabel: (count: number, zoomsIn: boolean) => string;
  /** After each paint: the boxes of what was drawn, in container pixels (room labels keep clear of them). */
  ondraw?: (boxes: Box[]) => void;
}

/** What Leaflet's Map keeps private but its own Renderer relies on for the zoom animation. */
interface MapInternals {
  _animatingZoom?: boolean;
  _getNewPixelOrigin(center: L.LatLng, zoom: number): L.Point;
}

export class ActivityMarkerLayer extends L.Layer {
  readonly #options: MarkerLayerOptions;
  #scene = new MarkerScene([]);
  #map: L.Map | undefined;
  #wrapper: HTMLDivElement | undefined;
  #canvas: HTMLCanvasElement | undefined;
  #context: CanvasRenderingContext2D | null = null;
  #buttonBox: HTMLDivElement | undefined;
  #buttons = new Map<string, HTMLButtonElement>();
  #items = new Map<string, DrawnItem>();
  #tooltips = new Map<string, L.Tooltip>();
  #bounds: L.Bounds | undefined;
  #center: L.LatLng | undefined;
  #zoom = 0;
  #palette: Palette = { selected: '#0b57d0', text: '#1b1f24' };
  #redrawQueued = false;
  /** What the buttons must show once the current frame is painted; undefined when they do. */
  #pendingButtons: readonly DrawnItem[] | undefined;
  /** The next redraw updates the buttons at once (a selection), instead of after the paint. */
  #buttonsNow = false;
  /** How often the whole marker set was taken in (the tests check a filter change does not). */
  builds = 0;
  /** How often the canvas was painted. */
  draws = 0;

  constructor(options: MarkerLayerOptions) {
    super();
    this.#options = options;
  }

  /** Takes in a new set of markers (positions, labels, levels); `visible` as in setVisible. */
  setMarkers(markers: readonly SceneMarker[], visible?: ReadonlySet<string>): this {
    this.#scene = new MarkerScene(markers, visible, this.#scene.selected);
    this.builds++;
    this.#queueRedraw();
    return this;
  }

  /** Only these activities show; the markers stay as they are. */
  setVisible(visible: ReadonlySet<string> | undefined): this {
    this.#scene.setVisible(visible);
    this.#queueRedraw();
    return this;
  }

  setSelected(activityId: string | undefined): this {
    if (this.#scene.selected === activityId) return this;
    this.#scene.setSelected(activityId);
    // A selection changes two buttons, not hundreds: they follow in the same frame.
    this.#buttonsNow = true;
    this.#queueRedraw();
    return this;
  }

  override onAdd(map: L.Map): this {
    this.#map = map;
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    // Under Leaflet's marker pane (600), so "you are here" and the site's star stay on top.
    pane.style.zIndex = '590';
    const wrapper = L.DomUtil.create('div', 'activity-marker-layer leaflet-zoom-animated', pane);
    this.#canvas = L.DomUtil.create('canvas', 'activity-marker-canvas', wrapper);
    this.#canvas.setAttribute('aria-hidden', 'true');
    this.#context = this.#canvas.getContext('2d');
    this.#buttonBox = L.DomUtil.create('div', 'activity-marker-buttons', wrapper);
    this.#buttonBox.addEventListener('click', this.#onClick);
    // Two quick taps on markers are two taps, not the map's double-tap zoom.
    this.#buttonBox.addEventListener('dblclick', (event) => event.stopPropagation());
    this.#wrapper = wrapper;
    const style = getComputedStyle(map.getContainer());
    this.#palette = {
      selected: style.getPropertyValue('--selected').trim() || this.#palette.selected,
      text: style.getPropertyValue('--text').trim() || this.#palette.text,
    };
    this.#update();
    return this;
  }

  override onRemove(): this {
    for (const tooltip of this.#tooltips.values()) tooltip.remove();
    this.#tooltips.clear();
    this.#buttons.clear();
    this.#items.clear();
    this.#pendingButtons = undefined;
    this.#wrapper?.remove();
    this.#wrapper = this.#canvas = this.#buttonBox = undefined;
    this.#context = null;
    this.#bounds = undefined;
    this.#map = undefined;
    return this;
  }

  override getEvents(): Record<string, L.LeafletEventHandlerFn> {
    return {
      viewreset: this.#reset,
      zoom: this.#onZoom,
      zoomanim: this.#onAnimZoom as L.LeafletEventHandlerFn,
      moveend: this.#update,
    };
  }

  #onAnimZoom = (event: L.ZoomAnimEvent): void => this.#updateTransform(event.center, event.zoom);

  #onZoom = (): void => {
    if (this.#map) this.#updateTransform(this.#map.getCenter(), this.#map.getZoom());
  };

  #reset = (): void => {
    this.#update();
    if (this.#center) this.#updateTransform(this.#center, this.#zoom);
  };

  /** As L.Renderer: scales and shifts the drawn box to where the map is zooming. */
  #updateTransform(center: L.LatLng, zoom: number): void {
    const map = this.#map;
    if (!map || !this.#wrapper || !this.#center) return;
    const scale = map.getZoomScale(zoom, this.#zoom);
    const viewHalf = map.getSize().multiplyBy(0.5 + PADDING);
    const currentCenterPoint = map.project(this.#center, zoom);
    const topLeft = viewHalf
      .multiplyBy(-scale)
      .add(currentCenterPoint)
      .subtract((map as unknown as MapInternals)._getNewPixelOrigin(center, zoom));
    L.DomUtil.setTransform(this.#wrapper, topLeft, scale);
  }

  /** After a move or zoom: the box follows the view, and everything is drawn again once. */
  #update = (): void => {
    const map = this.#map;
    if (!map || !this.#wrapper) return;
    if ((map as unknown as MapInternals)._animatingZoom && this.#bounds) return;
    const size = map.getSize();
    const min = map.containerPointToLayerPoint(size.multiplyBy(-PADDING)).round();
    this.#bounds = new L.Bounds(min, min.add(size.multiplyBy(1 + 2 * PADDING)).round());
    this.#center = map.getCenter();
    this.#zoom = map.getZoom();
    L.DomUtil.setPosition(this.#wrapper, min);
    this.#redraw();
  };

  #queueRedraw(): void {
    if (this.#redrawQueued) return;
    this.#redrawQueued = true;
    queueMicrotask(() => {
      this.#redrawQueued = false;
      this.#redraw();
    });
  }

  #redraw(): void {
    const map = this.#map;
    const bounds = this.#bounds;
    const canvas = this.#canvas;
    if (!map || !bounds || !canvas) return;
    const started = performance.now();
    const crs = map.options.crs ?? L.CRS.EPSG3857;
    const scale = crs.scale(this.#zoom) / crs.scale(0);
    const pixelOrigin = map.getPixelOrigin();
    const origin = { x: pixelOrigin.x + bounds.min!.x, y: pixelOrigin.y + bounds.min!.y };
    const size = bounds.getSize();
    const box = { minX: origin.x, minY: origin.y, maxX: origin.x + size.x, maxY: origin.y + size.y };
    const items = this.#scene.view(scale, CLUSTER_DISTANCE, box, origin, MARKER_TARGET);

    const ratio = Math.min(2, window.devicePixelRatio || 1);
    const width = Math.round(size.x * ratio);
    const height = Math.round(size.y * ratio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = `${size.x}px`;
      canvas.style.height = `${size.y}px`;
    }
    const context = this.#context;
    if (context) {
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.clearRect(0, 0, size.x, size.y);
      drawItems(context, items, this.#palette);
    }
    this.draws++;

    // Buttons (and place names) only for what the visitor sees: the view without the padding.
    const view = map.getSize();
    const left = -bounds.min!.x + map.containerPointToLayerPoint([0, 0]).x;
    const top = -bounds.min!.y + map.containerPointToLayerPoint([0, 0]).y;
    const onScreen = items.filter((item) => item.x >= left && item.x <= left + view.x && item.y >= top && item.y <= top + view.y);
    this.#syncTooltips(onScreen, scale, origin);
    if (this.#buttonsNow) {
      this.#buttonsNow = false;
      this.#pendingButtons = undefined;
      this.#syncButtons(onScreen);
    } else this.#queueButtons(onScreen);
    // Last, so the labels never hold up the markers' buttons.
    if (this.#options.ondraw) {
      this.#options.ondraw(
        items.map((item) => {
          const side = item.kind === 'cluster' ? Math.max(MARKER_TARGET, 2 * clusterRadius(item.markers.length) + 4) : item.selected ? SELECTED_EXTENT : MARKER_TARGET;
          const x = item.x - left;
          const y = item.y - top;
          return { minX: x - side / 2, minY: y - side / 2, maxX: x + side / 2, maxY: y + side / 2 };
        }),
      );
    }
    // For the bench (a PerformanceObserver sees each one); only the latest is kept, so a kiosk that
    // runs for weeks does not collect them.
    performance.clearMeasures('kiosk/markersDrawn');
    performance.measure('kiosk/markersDrawn', { start: started, detail: { markers: this.#scene.visibleCount, drawn: items.length, buttons: onScreen.length } });
  }

  /** A keyed diff: a button that stays keeps its element (and focus); new ones are made, gone ones removed. */
  /**
   * The buttons follow once the frame that shows the change is painted: they are invisible, and
   * hundreds of them must not hold up what the visitor sees. A tap that comes first brings them up
   * to date before it is read (see #onClick).
   */
  #queueButtons(items: readonly DrawnItem[]): void {
    const queued = this.#pendingButtons === undefined;
    this.#pendingButtons = items;
    if (!queued) return;
    requestIdleCallback(() => this.#flushButtons(), { timeout: 1_000 });
  }

  #flushButtons(): void {
    const items = this.#pendingButtons;
    this.#pendingButtons = undefined;
    if (items) this.#syncButtons(items);
  }

  #syncButtons(items: readonly DrawnItem[]): void {
    const box = this.#buttonBox;
    if (!box) return;
    const focused = document.activeElement instanceof HTMLButtonElement && box.contains(document.activeElement) ? document.activeElement : undefined;
    const focusedAt = focused ? this.#items.get(focused.dataset.key ?? '') : undefined;
    const wanted = new Map(items.map((item) => [item.key, item]));
    for (const [key, button] of this.#buttons) {
      if (wanted.has(key)) continue;
      button.remove();
      this.#buttons.delete(key);
    }
    this.#items = wanted;
    // Touch targets never overlap, so the button under a finger is the marker nearest to it: each is
    // as wide as its drawing wants, but no wider than the distance to its nearest neighbour.
    const ordered = readingOrder(items, MARKER_TARGET);
    const nearest = nearestDistances(ordered, 2 * MAX_TARGET);
    let cursor = box.firstElementChild;
    for (const [index, item] of ordered.entries()) {
      let button = this.#buttons.get(item.key);
      if (!button) {
        button = document.createElement('button');
        button.type = 'button';
        button.dataset.key = item.key;
        this.#buttons.set(item.key, button);
      }
      describe(button, item, nearest[index]!, this.#options.clusterLabel, (cluster) => this.#zoomsIn(cluster));
      if (button === cursor) cursor = cursor.nextElementSibling;
      else box.insertBefore(button, cursor);
    }
    // Keyboard users keep their place: the focused button, or the nearest one after a cluster split.
    if (focused && document.activeElement !== focused) {
      const stayed = focused.isConnected ? focused : focusedAt ? this.#nearestButton(focusedAt) : undefined;
      stayed?.focus({ preventScroll: true });
    }
  }

  #nearestButton(from: { x: number; y: number }): HTMLButtonElement | undefined {
    let best: HTMLButtonElement | undefined;
    let bestDistance = Infinity;
    for (const [key, item] of this.#items) {
      const distance = Math.hypot(item.x - from.x, item.y - from.y);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = this.#buttons.get(key);
      }
    }
    return best;
  }

  /** A place name beside each place drawn on screen (once per place), single marker or cluster of one place. */
  #syncTooltips(items: readonly DrawnItem[], scale: number, origin: { x: number; y: number }): void {
    const map = this.#map;
    if (!map) return;
    const wanted = new Map<string, { text: string; x: number; y: number; offset: number }>();
    for (const item of items) {
      const markers = item.kind === 'marker' ? [item.marker] : item.markers;
      const place = markers[0]?.tooltip;
      if (!place || wanted.has(place.key) || markers.some((marker) => marker.tooltip?.key !== place.key)) continue;
      const offset = item.kind === 'marker' ? MARKER_TARGET / 2 - 2 : clusterRadius(item.markers.length) + 4;
      wanted.set(place.key, { text: place.text, x: item.x, y: item.y, offset });
    }
    for (const [key, tooltip] of this.#tooltips) {
      if (wanted.has(key)) continue;
      tooltip.remove();
      this.#tooltips.delete(key);
    }
    for (const [key, place] of wanted) {
      const at = map.unproject([(place.x + origin.x) / scale, (place.y + origin.y) / scale], 0);
      const existing = this.#tooltips.get(key);
      if (existing) {
        existing.setLatLng(at);
        existing.options.offset = [-place.offset, 0];
        continue;
      }
      const tooltip = L.tooltip({ permanent: true, direction: 'left', offset: [-place.offset, 0] }).setLatLng(at).setContent(textNode(place.text));
      tooltip.addTo(map);
      this.#tooltips.set(key, tooltip);
    }
  }

  #onClick = (event: MouseEvent): void => {
    const map = this.#map;
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    // A tap between a change and its button update: update first, so a marker just filtered out
    // (its button now gone) opens nothing.
    this.#flushButtons();
    const item = button?.isConnected ? this.#items.get(button.dataset.key ?? '') : undefined;
    // A drag that started on a marker and ended on it is a drag, not a tap.
    if (!map || !item || (map.dragging as (L.Handler & { moved?: () => boolean }) | undefined)?.moved?.()) return;
    if (item.kind === 'marker') this.#options.onselect(item.marker.id);
    else this.#expand(item.cluster, item.markers);
  };

  #maxZoom(map: L.Map): number {
    const max = map.getMaxZoom();
    return Number.isFinite(max) ? max : FALLBACK_MAX_ZOOM;
  }

  /** Whether zooming in can still split the cluster (else a tap lists its members). */
  #zoomsIn(cluster: Cluster): boolean {
    const map = this.#map;
    if (!map) return false;
    const crs = map.options.crs ?? L.CRS.EPSG3857;
    const maxZoom = this.#maxZoom(map);
    return map.getZoom() < maxZoom && canSplit(cluster, crs.scale(maxZoom) / crs.scale(0), CLUSTER_DISTANCE);
  }

  /** A tapped cluster: zoom in to its markers, or, where zooming cannot split it, hand its members on. */
  #expand(cluster: Cluster, markers: SceneMarker[]): void {
    const map = this.#map;
    if (!map) return;
    if (!this.#zoomsIn(cluster)) {
      this.#options.onunsplittable(markers);
      return;
    }
    const maxZoom = this.#maxZoom(map);
    const bounds = L.latLngBounds(map.unproject([cluster.minX, cluster.minY], 0), map.unproject([cluster.maxX, cluster.maxY], 0));
    const fitted = map.getBoundsZoom(bounds, false, L.point(MARKER_TARGET * 2, MARKER_TARGET * 2));
    // Far enough that the members stand apart, not all the way in for two markers next door.
    const crs = map.options.crs ?? L.CRS.EPSG3857;
    const spread = Math.hypot(cluster.maxX - cluster.minX, cluster.maxY - cluster.minY) * (crs.scale(map.getZoom()) / crs.scale(0));
    const apart = map.getZoom() + Math.log2((4 * CLUSTER_DISTANCE) / Math.max(spread, 1));
    const zoom = Math.min(maxZoom, Math.max(map.getZoom() + 1, Math.min(fitted, apart)));
    map.setView(bounds.getCenter(), zoom, { animate: !matchMedia('(prefers-reduced-motion: reduce)').matches });
  };
}

/** Sets a button's look and name for its item, touching only what changed. */
function describe(button: HTMLButtonElement, item: DrawnItem, room: number, clusterLabel: MarkerLayerOptions['clusterLabel'], zoomsIn: (cluster: Cluster) => boolean): void {
  let className: string;
  let label: string;
  let size: number;
  if (item.kind === 'marker') {
    className = `activity-marker shape-${item.marker.level.shape}${item.selected ? ' selected' : ''}`;
    label = item.marker.label;
    size = Math.min(MARKER_TARGET, room);
    setData(button, 'level', item.marker.levelId);
    setData(button, 'activity', item.marker.id);
    if (item.marker.state) setData(button, 'state', item.marker.state);
    else delete button.dataset.state;
    if (item.marker.stateWord) setData(button, 'tip', item.marker.stateWord);
    else delete button.dataset.tip;
  } else {
    className = 'marker-cluster';
    label = clusterLabel(item.markers.length, zoomsIn(item.cluster));
    size = Math.min(Math.max(MARKER_TARGET, 2 * clusterRadius(item.markers.length)), room);
    setData(button, 'count', String(item.markers.length));
  }
  if (button.className !== className) button.className = className;
  if (button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
  // Tenths of a pixel, rounded inwards, so neighbouring targets cannot touch through rounding.
  const side = Math.floor(size * 10) / 10;
  const left = `${Math.ceil((item.x - side / 2) * 10) / 10}px`;
  const top = `${Math.ceil((item.y - side / 2) * 10) / 10}px`;
  const sideText = `${side}px`;
  if (button.style.left !== left) button.style.left = left;
  if (button.style.top !== top) button.style.top = top;
  if (button.style.width !== sideText) {
    button.style.width = sideText;
    button.style.height = sideText;
  }
}

function setData(element: HTMLElement, key: string, value: string): void {
  if (element.dataset[key] !== value) element.dataset[key] = value;
}
