// Content text (a title, a summary: the site's own words) in the wanted language. Apart from the UI
// strings of core/i18n.ts, so a page that shows content only (the follow-up page) carries no tables.
import { intlLocale } from './datetime';
import type { Locale, LocalizedText } from './model';

export interface ResolvedText {
  text: string;
  /** The locale the text is really in; differs from the requested one when it fell back. */
  locale: Locale;
  fellBack: boolean;
}

/** Picks content text in the wanted locale, falling back to the site's default locale (Dutch). */
export function localized(text: LocalizedText, locale: Locale, fallback: Locale = 'nl'): ResolvedText {
  const wanted = text[locale];
  if (wanted) return { text: wanted, locale, fellBack: false };
  const backup = text[fallback];
  if (backup) return { text: backup, locale: fallback, fellBack: locale !== fallback };
  const any = Object.entries(text).find(([, value]) => value);
  return { text: any?.[1] ?? '', locale: (any?.[0] as Locale | undefined) ?? fallback, fellBack: true };
}

/** A language's name in the reader's language ("Engels" for Dutch readers), for "not translated yet: in …". */
export function languageName(language: Locale, reader: Locale): string {
  try {
    return new Intl.DisplayNames([intlLocale(reader)], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}
