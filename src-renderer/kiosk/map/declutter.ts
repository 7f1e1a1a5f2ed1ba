// Place names on the city map never lie over each other or over the site's own marker: the labels
// are taken in order (the site's first, then each place as Leaflet added it) and one that would
// overlap a label already shown, or a marker that must stay readable, is hidden. A hidden place's
// name is still its marker's accessible name and shows on its sheet; it comes back as soon as a zoom
// or a pan gives it room.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Which of the labels (in priority order) to show: none overlaps another shown one or an obstacle.
 * The first `always` labels show whatever they cover (the site's name beside its own star).
 */
export function labelsToShow(labels: readonly Box[], obstacles: readonly Box[] = [], always = 0, gap = 2): boolean[] {
  const kept: Box[] = [...obstacles];
  return labels.map((label, index) => {
    if (label.right <= label.left || label.bottom <= label.top) return false;
    if (index >= always && kept.some((other) => overlaps(label, other, gap))) return false;
    kept.push(label);
    return true;
  });
}

function overlaps(a: Box, b: Box, gap: number): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

export const HIDDEN_LABEL = 'label-crowded';

/**
 * Keeps the tooltips in `pane` apart from now on (checked after every change Leaflet makes to them,
 * once per frame). `first` picks the label that always wins (the site's name). Returns the stop.
 */
export function keepLabelsApart(pane: HTMLElement, obstacles: () => readonly Element[], first = '.site-label'): () => void {
  let frame = 0;
  const run = () => {
    frame = 0;
    const labels = [...pane.querySelectorAll<HTMLElement>('.leaflet-tooltip')];
    labels.sort((a, b) => Number(b.matches(first)) - Number(a.matches(first)));
    const always = labels.filter((label) => label.matches(first)).length;
    // Measured with every label shown, so one hidden last time may come back.
    for (const label of labels) label.classList.remove(HIDDEN_LABEL);
    const shown = labelsToShow(
      labels.map((label) => label.getBoundingClientRect()),
      obstacles().map((element) => element.getBoundingClientRect()),
      always,
    );
    labels.forEach((label, index) => label.classList.toggle(HIDDEN_LABEL, !shown[index]));
  };
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(run);
  };
  // Leaflet moves a tooltip by its style (transform) and adds or removes it from the pane; the class
  // changes made here are not watched, so this never wakes itself.
  const observer = new MutationObserver(schedule);
  observer.observe(pane, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
  schedule();
  return () => {
    observer.disconnect();
    if (frame !== 0) cancelAnimationFrame(frame);
  };
}
