// Before a language's table is loaded, translate speaks the first-screen phrases in that language and
// Dutch otherwise; loading is shared between concurrent callers. Its own file: the module's tables
// are per process, and i18n.test.ts loads them all.
import { describe, expect, it } from 'vitest';
import { FIRST_SCREEN, hasMessages, loadMessages, translate } from '../../src-renderer/core/i18n';

describe('i18n before a table is loaded', () => {
  it('speaks Dutch only at first, except the phrases every first screen shows', async () => {
    expect(hasMessages('nl')).toBe(true);
    expect(hasMessages('fr')).toBe(false);
    expect(translate('fr', 'attract.tap')).toBe(FIRST_SCREEN['attract.tap'].fr);
    expect(translate('fr', 'list.count', { count: 2 })).toBe('2 activiteiten');

    const [first, second] = await Promise.all([loadMessages('fr'), loadMessages('fr')]);
    expect(first).toBe(second);
    expect(hasMessages('fr')).toBe(true);
    expect(translate('fr', 'list.count', { count: 2 })).toBe('2 activités');
  });
});
