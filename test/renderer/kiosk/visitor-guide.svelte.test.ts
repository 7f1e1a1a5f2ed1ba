import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { visitor } from '../../../src-renderer/kiosk/visitor.svelte';

// A reset sets the page's language back (`<html lang>`); these tests run without a page.
beforeAll(() => vi.stubGlobal('document', { documentElement: { lang: 'nl' } }));
afterAll(() => vi.unstubAllGlobals());

describe('the visitor session: "What can I do here?" and "Show these"', () => {
  it('opening the guide closes what was open; another view closes the guide', () => {
    visitor.reset();
    visitor.explore();
    visitor.openSheet('a');
    visitor.setGuideOpen(true);
    expect(visitor.guideOpen).toBe(true);
    expect(visitor.sheet).toBeUndefined();
    visitor.setPathOpen(true);
    expect(visitor.guideOpen).toBe(false);
  });

  it('"Show these" goes to Explore with just that level, the other choices kept, and closes the guide', () => {
    visitor.reset();
    visitor.setGuideOpen(true);
    visitor.showOnly({ level: 'do-together' });
    expect(visitor.screen).toBe('explore');
    expect(visitor.guideOpen).toBe(false);
    expect(visitor.filter.levels).toEqual(['do-together']);
    visitor.setFilter({ ...visitor.filter, window: 'week', freeOnly: true });
    visitor.showOnly({ theme: 'food' });
    expect(visitor.filter).toMatchObject({ levels: ['do-together'], themes: ['food'], window: 'week', freeOnly: true });
    visitor.showOnly({ level: 'see-do' });
    expect(visitor.filter.levels).toEqual(['see-do']);
  });

  it('a reset closes the guide and clears the choice', () => {
    visitor.setGuideOpen(true);
    visitor.reset();
    expect(visitor.guideOpen).toBe(false);
    expect(visitor.screen).toBe('attract');
    expect(visitor.filter.levels).toEqual([]);
  });
});
