import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src-renderer/core/model';
import { LEARNING_MESSAGES, learningText, type LearningKey } from '../../../src-renderer/follow/learning-i18n';

describe('the badge and playlist pages in four languages', () => {
  const keys = Object.keys(LEARNING_MESSAGES.nl).sort() as LearningKey[];
  const placeholders = (value: string): string[] => (value.match(/\{\w+\}/g) ?? []).sort();

  it.each(LOCALES)('%s has every key, none empty, with the same placeholders as Dutch', (locale) => {
    expect(Object.keys(LEARNING_MESSAGES[locale]).sort()).toEqual(keys);
    for (const key of keys) {
      const text = LEARNING_MESSAGES[locale][key];
      expect(text.trim(), `${locale}:${key}`).not.toBe('');
      expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(LEARNING_MESSAGES.nl[key]));
    }
  });

  it('is really translated', () => {
    for (const locale of ['en', 'fr', 'tr'] as const) {
      const same = keys.filter((key) => LEARNING_MESSAGES[locale][key] === LEARNING_MESSAGES.nl[key]);
      expect(same.length, `${locale}: ${same.join(', ')}`).toBeLessThanOrEqual(2);
    }
  });

  it('fills placeholders', () => {
    expect(learningText('en', 'playlist.progress', { done: 2, total: 4 })).toBe('2 of 4 steps done');
    expect(learningText('fr', 'badge.showHint')).toBe('Tiens ceci devant le scanner de la borne.');
  });
});
