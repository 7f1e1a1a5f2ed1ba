// Measurements the reach and legibility tests share: where the things a visitor taps sit, and how
// large the text on screen is. Both run in the page, on what is drawn now.
import type { Page } from '@playwright/test';

/** Text sizes at 1920×1080 (issue 11): read at one to two metres on a 24–32" screen. */
export const BODY_MIN_PX = 20;
export const LABEL_MIN_PX = 16;

/**
 * What counts as a label: the words on a control (button, link, form label, chip), a heading, a term,
 * or a short tag the markup marks `data-label` (a level badge, a theme tag, the address under a QR
 * code). Everything else on screen is body text.
 */
const LABEL_CONTAINERS = 'button, a, label, summary, input, select, [role=button], h1, h2, h3, h4, h5, h6, dt, legend, th, [data-label]';

export interface SmallText {
  text: string;
  px: number;
  kind: 'body' | 'label';
}

/**
 * Every text on screen smaller than its minimum: body text under BODY_MIN_PX, labels under
 * LABEL_MIN_PX. Only text a visitor can see is read: inside the viewport, not hidden, not in the
 * page behind an open modal dialog. `skip` names containers whose text is measured elsewhere.
 */
export async function smallText(page: Page, skip: readonly string[] = []): Promise<SmallText[]> {
  return page.evaluate(
    ({ labels, skip, bodyMin, labelMin }) => {
      const found: SmallText[] = [];
      const modal = document.querySelector('dialog[open]');
      const root = modal ?? document.body;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const element = node.parentElement;
        if (!text || !element) continue;
        if (skip.some((selector) => element.closest(selector))) continue;
        if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth) continue;
        // Text scrolled out of its own box (a clamped or scrolled container) is not on screen either.
        let clipped = false;
        for (let parent = element.parentElement; parent && !clipped; parent = parent.parentElement) {
          const style = getComputedStyle(parent);
          if (style.overflowY === 'visible' && style.overflowX === 'visible') continue;
          const outer = parent.getBoundingClientRect();
          clipped = box.top >= outer.bottom || box.bottom <= outer.top;
        }
        if (clipped) continue;
        const px = parseFloat(getComputedStyle(element).fontSize);
        const kind = element.closest(labels) ? 'label' : 'body';
        if (px < (kind === 'label' ? labelMin : bodyMin)) found.push({ text: text.slice(0, 60), px: Math.round(px * 10) / 10, kind });
      }
      return found;
    },
    { labels: LABEL_CONTAINERS, skip, bodyMin: BODY_MIN_PX, labelMin: LABEL_MIN_PX },
  );
}

/**
 * The controls a visitor can tap (buttons, links, inputs) in the open modal dialog, or on the page
 * when none is open, whose top edge is above `line` (in CSS pixels from the top of the viewport).
 * Controls scrolled out of view (the viewport's or a scrolling box's) are left out; `skip` names
 * containers left out on purpose.
 */
export async function tappablesAbove(page: Page, line: number, skip: readonly string[] = []): Promise<string[]> {
  return page.evaluate(
    ({ line, skip }) => {
      /** Whether a box lies wholly outside one of its scrolling ancestors: scrolled out of view. */
      const scrolledAway = (element: Element, box: DOMRect): boolean => {
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
          const style = getComputedStyle(parent);
          if (style.overflowY === 'visible' && style.overflowX === 'visible') continue;
          const outer = parent.getBoundingClientRect();
          if (box.top >= outer.bottom || box.bottom <= outer.top) return true;
        }
        return false;
      };
      const modal = document.querySelector('dialog[open]');
      const root = modal ?? document.body;
      return [...root.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role=button]')]
        .filter((element) => element.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
        .filter((element) => !skip.some((selector) => element.closest(selector)))
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight)
        .filter(({ element, box }) => !scrolledAway(element, box))
        .filter(({ box }) => box.top < line)
        .map(({ element, box }) => `${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 50) || element.tagName}: top ${Math.round(box.top)}`);
    },
    { line, skip },
  );
}
