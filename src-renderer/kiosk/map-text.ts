// Leaflet treats a string given as tooltip, popup or icon content as HTML (it sets innerHTML).
// Text from a site config or a partner's feed therefore goes to Leaflet only as a DOM node that
// shows it as text; the lint rule in eslint.config.mjs refuses anything else at those calls.

/**
 * A `<span>` whose textContent is `text`, for `bindTooltip`, `bindPopup`, `setContent` and
 * `divIcon({ html })`. It is clamped to two lines (app.css `.map-label`), so a long name cannot
 * cover the map.
 */
export function textNode(text: string): HTMLElement {
  const node = document.createElement('span');
  node.className = 'map-label clamp';
  node.textContent = text;
  return node;
}
