import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN, hasMessages, loadMessages, LOCALE_NAMES, localized, translate, type MessageKey, type Messages } from '../../src-renderer/core/i18n';
import { en } from '../../src-renderer/core/messages/en';
import { fr } from '../../src-renderer/core/messages/fr';
import { tr } from '../../src-renderer/core/messages/tr';
import { LOCALES, type Locale } from '../../src-renderer/core/model';

describe('i18n', () => {
  const MESSAGES = {} as Record<Locale, Messages>;
  beforeAll(async () => {
    for (const locale of LOCALES) MESSAGES[locale] = await loadMessages(locale);
  });

  it.each(LOCALES)('%s has every key, none empty, with the same placeholders as Dutch', (locale) => {
    const keys = Object.keys(MESSAGES.nl).sort();
    expect(Object.keys(MESSAGES[locale]).sort()).toEqual(keys);
    for (const key of keys) {
      const text = MESSAGES[locale][key as MessageKey];
      expect(text.trim(), `${locale}:${key}`).not.toBe('');
      const placeholders = (value: string): string[] => (value.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(MESSAGES.nl[key as MessageKey]));
    }
  });

  it('loads the tables the language files hold, and speaks them once loaded', () => {
    expect(MESSAGES).toMatchObject({ en, fr, tr });
    for (const locale of LOCALES) expect(hasMessages(locale)).toBe(true);
  });

  it('gives the first-screen phrases in every language, the same as each table', () => {
    for (const [key, texts] of Object.entries(FIRST_SCREEN)) {
      for (const locale of LOCALES) expect(texts[locale], `${locale}:${key}`).toBe(MESSAGES[locale][key as MessageKey]);
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
