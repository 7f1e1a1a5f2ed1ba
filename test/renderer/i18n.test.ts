import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN, hasMessages, loadMessages, LOCALE_NAMES, localized, translate, type MessageKey, type Messages } from '../../src-renderer/core/i18n';
import { en } from '../../src-renderer/core/messages/en';
import { fr } from '../../src-renderer/core/messages/fr';
import { tr } from '../../src-renderer/core/messages/tr';
import { LOCALES, type Locale } from '../../src-renderer/core/model';
import { intlLocale } from '../../src-renderer/core/datetime';
import { languageName } from '../../src-renderer/core/localized';
import { PLURAL_PATTERN, placeholderNames, pluralBranches } from '../../src-renderer/core/message-format';

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
      expect(placeholderNames(text), `${locale}:${key}`).toEqual(placeholderNames(MESSAGES.nl[key as MessageKey]));
      // Braces that are neither a placeholder nor a plural choice are a typo (a plural gone wrong).
      expect(text.replace(PLURAL_PATTERN, '').replace(/\{\w+\}/g, ''), `${locale}:${key}`).not.toMatch(/[{}]/);
    }
  });

  it.each(LOCALES)('%s writes plurals only with the categories its language has, always with "other"', (locale) => {
    const categories = new Intl.PluralRules(intlLocale(locale)).resolvedOptions().pluralCategories as string[];
    for (const [key, text] of Object.entries(MESSAGES[locale])) {
      for (const match of text.matchAll(PLURAL_PATTERN)) {
        const branches = [...pluralBranches(match[2] ?? '').keys()];
        expect(branches, `${locale}:${key}`).toContain('other');
        for (const branch of branches) {
          if (!branch.startsWith('=')) expect(categories, `${locale}:${key} (${branch})`).toContain(branch);
        }
      }
    }
  });

  // Dutch, English and French write one thing and several things differently; Turkish does not after a number.
  it.each([
    ['nl', '0 activiteiten', '1 activiteit', '2 activiteiten'],
    ['en', '0 activities', '1 activity', '2 activities'],
    ['fr', '0 activité', '1 activité', '2 activités'],
    ['tr', '0 etkinlik', '1 etkinlik', '2 etkinlik'],
  ] as const)('counts activities in %s for 0, 1 and 2', (locale, zero, one, two) => {
    expect([0, 1, 2].map((count) => translate(locale, 'list.count', { count }))).toEqual([zero, one, two]);
  });

  it('counts dates in English and Dutch', () => {
    expect(translate('en', 'tools.import.dates', { count: 1 })).toBe('1 date');
    expect(translate('en', 'tools.import.dates', { count: 2 })).toBe('2 dates');
    expect(translate('nl', 'tools.import.dates', { count: 1 })).toBe('1 datum');
    expect(translate('nl', 'staff.series.skipped', { count: 1 })).toBe('1 datum overgeslagen');
  });

  it('marks untranslated text with the language it is really in', () => {
    const english = localized({ en: 'Bike repair' }, 'nl');
    expect(english).toMatchObject({ locale: 'en', fellBack: true });
    expect(translate('nl', 'sheet.untranslated', { language: languageName(english.locale, 'nl') })).toBe('Nog niet vertaald: in het Engels');
    expect(translate('en', 'sheet.untranslated', { language: languageName('nl', 'en') })).toBe('Not translated yet: in Dutch');
    expect(translate('fr', 'sheet.untranslated', { language: languageName('en', 'fr') })).toBe('Pas encore traduit : en anglais');
    expect(translate('tr', 'sheet.untranslated', { language: languageName('en', 'tr') })).toBe('Henüz çevrilmedi: İngilizce');
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
    expect(translate('en', 'config.error.count', { count: 2 })).toBe('2 problems found in {source}');
  });

  it('falls back to Dutch content and says so', () => {
    expect(localized({ nl: 'Fietsherstel', en: 'Bike repair' }, 'en')).toEqual({ text: 'Bike repair', locale: 'en', fellBack: false });
    expect(localized({ nl: 'Fietsherstel' }, 'tr')).toEqual({ text: 'Fietsherstel', locale: 'nl', fellBack: true });
    expect(localized({ fr: 'Réparation' }, 'en')).toEqual({ text: 'Réparation', locale: 'fr', fellBack: true });
    expect(localized({}, 'en')).toEqual({ text: '', locale: 'nl', fellBack: true });
  });
});
