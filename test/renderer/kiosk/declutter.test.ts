import { describe, expect, it } from 'vitest';
import { labelsToShow, type Box } from '../../../src-renderer/kiosk/map/declutter';

const box = (left: number, top: number, width = 100, height = 20): Box => ({ left, top, right: left + width, bottom: top + height });

describe('labelsToShow: place names that never overlap', () => {
  it('keeps labels in order and hides one that would overlap a label already shown', () => {
    expect(labelsToShow([box(0, 0), box(50, 10), box(0, 30), box(200, 0)])).toEqual([true, false, true, true]);
  });

  it('keeps a small gap between labels', () => {
    expect(labelsToShow([box(0, 0), box(101, 0)])).toEqual([true, false]);
    expect(labelsToShow([box(0, 0), box(103, 0)])).toEqual([true, true]);
  });

  it('hides a label over an obstacle (the site star), except the ones that always show', () => {
    const star = box(40, 5, 44, 44);
    expect(labelsToShow([box(0, 0), box(0, 100)], [star])).toEqual([false, true]);
    expect(labelsToShow([box(0, 0), box(10, 10), box(0, 100)], [star], 1)).toEqual([true, false, true]);
  });

  it('does not count a label with no size (not laid out yet)', () => {
    expect(labelsToShow([box(0, 0, 0, 0), box(0, 0)])).toEqual([false, true]);
  });
});
