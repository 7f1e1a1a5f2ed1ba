// Measuring the site plan's room labels against its markers, "you are here" and each other, in the page.
import type { Locator } from '@playwright/test';

export interface LabelReport {
  texts: string[];
  fontSizes: number[];
  /** Pairs of boxes that intersect, by a short description of each. */
  overlaps: string[];
}

/** The room labels on `map` and any overlap among labels, marker buttons and "you are here". */
export async function measureLabels(map: Locator): Promise<LabelReport> {
  return map.evaluate((root) => {
    const inView = root.getBoundingClientRect();
    const shown = (rect: DOMRect) => rect.width > 0 && rect.right > inView.left && rect.left < inView.right && rect.bottom > inView.top && rect.top < inView.bottom;
    const labels = [...root.querySelectorAll<HTMLElement>('.space-label')].filter((element) => shown(element.getBoundingClientRect()));
    const others = [...root.querySelectorAll<HTMLElement>('.activity-marker, .marker-cluster, .here-marker, .here-label')].filter((element) => shown(element.getBoundingClientRect()));
    const name = (element: HTMLElement) => `${element.className}:${element.textContent || element.getAttribute('aria-label') || ''}`;
    // A pixel of slack for sub-pixel rounding between the layout and the placement's arithmetic.
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const overlaps: string[] = [];
    labels.forEach((label, index) => {
      const box = label.getBoundingClientRect();
      for (const other of [...labels.slice(index + 1), ...others]) if (hit(box, other.getBoundingClientRect())) overlaps.push(`${name(label)} × ${name(other)}`);
    });
    return {
      texts: labels.map((label) => label.textContent ?? ''),
      fontSizes: labels.map((label) => Number.parseFloat(getComputedStyle(label).fontSize)),
      overlaps,
    };
  });
}
