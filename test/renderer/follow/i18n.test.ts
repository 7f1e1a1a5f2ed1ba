import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src-renderer/core/model';
import { FOLLOW_LOCALE_NAMES, FOLLOW_MESSAGES, followText, preferredLocale, type FollowKey } from '../../../src-renderer/follow/i18n';

describe('follow-up i18n', () => {
  const keys = Object.keys(FOLLOW_MESSAGES.nl).sort() as FollowKey[];
  const placeholders = (value: string): string[] => (value.match(/\{\w+\}/g) ?? []).sort();

  it.each(LOCALES)('%s has every key, none empty, with the same placeholders as Dutch', (locale) => {
    expect(Object.keys(FOLLOW_MESSAGES[locale]).sort()).toEqual(keys);
    for (const key of keys) {
      const text = FOLLOW_MESSAGES[locale][key];
      expect(text.trim(), `${locale}:${key}`).not.toBe('');
      expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(FOLLOW_MESSAGES.nl[key]));
    }
  });

  it('is really translated: no language copies Dutch wholesale', () => {
    for (const locale of ['en', 'fr', 'tr'] as const) {
      const same = keys.filter((key) => FOLLOW_MESSAGES[locale][key] === FOLLOW_MESSAGES.nl[key] && !/^\{?[€\w]*\}?$/.test(FOLLOW_MESSAGES.nl[key]));
      expect(same.length, `${locale}: ${same.join(', ')}`).toBeLessThanOrEqual(3);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(followText('en', 'path.lead.other', { count: 3, site: 'Regina Mundi' })).toBe('3 activities at Regina Mundi');
    expect(followText('nl', 'path.lead.other', { count: 3 })).toBe('3 activiteiten op {site}');
  });

  it('takes the first browser language it speaks, else Dutch', () => {
    expect(preferredLocale(['de-DE', 'fr-BE', 'en'])).toBe('fr');
    expect(preferredLocale(['TR'])).toBe('tr');
    expect(preferredLocale(['de', 'es'])).toBe('nl');
    expect(preferredLocale(undefined)).toBe('nl');
    expect(preferredLocale([undefined as unknown as string, 'en-US'])).toBe('en');
  });

  it('names each language in itself', () => {
    expect(FOLLOW_LOCALE_NAMES).toEqual({ nl: 'Nederlands', en: 'English', fr: 'Français', tr: 'Türkçe' });
  });
});
