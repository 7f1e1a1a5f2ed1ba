// The place and registration strings (issue 11) live apart from the main tables: every language has
// every key, the same placeholders, and plurals that read right for 1 and for many.
import { describe, expect, it } from 'vitest';
import { placeholderNames } from '../../../src-renderer/core/message-format';
import { PLACE_MESSAGES, placeText } from '../../../src-renderer/core/messages/places';

describe('place messages', () => {
  it('have the same keys and placeholders in all four languages', () => {
    const keys = Object.keys(PLACE_MESSAGES.nl).sort();
    for (const table of Object.values(PLACE_MESSAGES)) {
      expect(Object.keys(table).sort()).toEqual(keys);
      for (const key of keys) expect(placeholderNames(table[key as keyof typeof table]), key).toEqual(placeholderNames(PLACE_MESSAGES.nl[key as keyof typeof table]));
    }
  });

  it('say "1 place left" and "n places left"', () => {
    expect(placeText('en', 'places.left', { count: 1 })).toBe('1 place left');
    expect(placeText('en', 'places.left', { count: 12 })).toBe('12 places left');
    expect(placeText('nl', 'places.left', { count: 1 })).toBe('Nog 1 plaats vrij');
    expect(placeText('fr', 'places.left', { count: 2 })).toBe('Encore 2 places libres');
  });
});
