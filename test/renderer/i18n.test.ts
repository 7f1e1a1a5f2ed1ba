import { describe, expect, it } from 'vitest';
import { LOCALE_NAMES, MESSAGES, localized, translate } from '../../src-renderer/core/i18n';
import { LOCALES } from '../../src-renderer/core/model';

describe('i18n', () => {
  const keys = Object.keys(MESSAGES.nl).sort();

  it.each(LOCALES)('%s has every key, none empty, with the same placeholders as Dutch', (locale) => {
    expect(Object.keys(MESSAGES[locale]).sort()).toEqual(keys);
    for (const key of keys) {
      const text = MESSAGES[locale][key as keyof typeof MESSAGES.nl];
      expect(text.trim(), `${locale}:${key}`).not.toBe('');
      const placeholders = (value: string): string[] => (value.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(MESSAGES.nl[key as keyof typeof MESSAGES.nl]));
    }
  });

  it('names each language in itself', () => {
    expect(LOCALE_NAMES).toEqual({ nl: 'Nederlands', en: 'English', fr: 'Français', tr: 'Türkçe' });
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'list.count', { count: 3 })).toBe('3 activities');
    expect(translate('en', 'list.count')).toBe('{count} activities');
  });

  it('falls back to Dutch content and says so', () => {
    expect(localized({ nl: 'Fietsherstel', en: 'Bike repair' }, 'en')).toEqual({ text: 'Bike repair', locale: 'en', fellBack: false });
    expect(localized({ nl: 'Fietsherstel' }, 'tr')).toEqual({ text: 'Fietsherstel', locale: 'nl', fellBack: true });
    expect(localized({ fr: 'Réparation' }, 'en')).toEqual({ text: 'Réparation', locale: 'fr', fellBack: true });
    expect(localized({}, 'en')).toEqual({ text: '', locale: 'nl', fellBack: true });
  });
});
