// The one bridge from @tanstack/virtual-core to Svelte runes: a vertical list that draws only the
// rows near its viewport, measured as they render (rows differ in height: titles wrap to 3 lines).
import { Virtualizer, defaultRangeExtractor, elementScroll, measureElement, observeElementOffset, observeElementRect, type Range, type VirtualItem } from '@tanstack/virtual-core';
import type { Attachment } from 'svelte/attachments';
import { untrack } from 'svelte';

export interface VirtualListOptions {
  count: number;
  /** A stable key per row, so a row keeps its measured height when the list is filtered anew. */
  key: (index: number) => string;
  /** A first guess at a row's height in pixels, until it is measured. */
  estimateSize: number;
  /** Rows drawn beyond each edge of the viewport: the next Tab stop is always there. */
  overscan: number;
}

/**
 * Create during component initialisation. Attach `scroller` to the scrolling element and
 * `row(index)` to each drawn row; draw `rows`, each at its `start`, inside a box `totalSize` high.
 */
export class VirtualList {
  readonly #virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  /** Bumped whenever the virtualizer says its range or sizes changed: what makes `rows` reactive. */
  #version = $state(0);
  #scroller: HTMLElement | null = null;
  /** A row that holds focus is kept drawn when it scrolls away, so focus is never dropped. */
  #focused: number | undefined;

  constructor(options: () => VirtualListOptions) {
    const resolve = () => {
      const { count, key, estimateSize, overscan } = options();
      return {
        count,
        getItemKey: key,
        estimateSize: () => estimateSize,
        overscan,
        getScrollElement: () => this.#scroller,
        rangeExtractor: (range: Range) => this.#withFocused(defaultRangeExtractor(range), range.count),
        observeElementRect,
        observeElementOffset,
        scrollToFn: elementScroll,
        measureElement,
        // Untracked: the write must not make whatever effect caused it (a measuring row) depend on it.
        onChange: () => untrack(() => this.#version++),
      };
    };
    this.#virtualizer = new Virtualizer<HTMLElement, HTMLElement>(untrack(resolve));
    $effect.pre(() => {
      const resolved = resolve();
      untrack(() => {
        this.#virtualizer.setOptions(resolved);
        this.#virtualizer._willUpdate();
        // A new count may leave the range as it was, and then the virtualizer says nothing.
        this.#version++;
      });
    });
  }

  get rows(): VirtualItem[] {
    void this.#version;
    return this.#virtualizer.getVirtualItems();
  }

  get totalSize(): number {
    void this.#version;
    return this.#virtualizer.getTotalSize();
  }

  readonly scroller: Attachment<HTMLElement> = (element) => {
    this.#scroller = element;
    this.#virtualizer._willUpdate();
    const stop = this.#virtualizer._didMount();
    const focusIn = (event: FocusEvent) => (this.#focused = rowIndex(event.target));
    const focusOut = (event: FocusEvent) => {
      if (!element.contains(event.relatedTarget as Node | null)) this.#focused = undefined;
    };
    element.addEventListener('focusin', focusIn);
    element.addEventListener('focusout', focusOut);
    return () => {
      element.removeEventListener('focusin', focusIn);
      element.removeEventListener('focusout', focusOut);
      stop();
      this.#scroller = null;
    };
  };

  /** Measures a drawn row now and whenever its size changes. */
  row(index: number): Attachment<HTMLElement> {
    return (element) => {
      element.dataset.index = String(index);
      this.#virtualizer.measureElement(element);
    };
  }

  /** Brings a row into view with as little scrolling as needed. */
  scrollToIndex(index: number): void {
    this.#virtualizer.scrollToIndex(index, { align: 'auto' });
  }

  scrollToTop(): void {
    // Most taps find the list at the top already; asking anyway makes the virtualizer read the
    // scroller's height, a forced layout in the middle of the tap.
    if ((this.#virtualizer.scrollOffset ?? 0) === 0) return;
    this.#virtualizer.scrollToOffset(0);
  }

  /** The range plus the focused row and its neighbours, so Tab and Shift+Tab go on from where focus is. */
  #withFocused(indexes: number[], count: number): number[] {
    const focused = this.#focused;
    if (focused === undefined) return indexes;
    const kept = [focused - 1, focused, focused + 1].filter((index) => index >= 0 && index < count && !indexes.includes(index));
    return kept.length === 0 ? indexes : [...indexes, ...kept].sort((a, b) => a - b);
  }
}

function rowIndex(target: EventTarget | null): number | undefined {
  const row = target instanceof Element ? target.closest<HTMLElement>('[data-index]') : null;
  return row?.dataset.index === undefined ? undefined : Number(row.dataset.index);
}
