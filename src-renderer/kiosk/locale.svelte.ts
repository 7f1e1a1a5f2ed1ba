import { translate, type MessageKey } from '../core/i18n';
import type { Locale, LocalizedText } from '../core/model';
import { localized } from '../core/i18n';

/** The visitor's language. Dutch until someone picks another; an idle reset brings Dutch back. */
class LocaleState {
  #current = $state<Locale>('nl');

  get current(): Locale {
    return this.#current;
  }

  set(locale: Locale): void {
    this.#current = locale;
    document.documentElement.lang = locale;
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.#current, key, params);
  }

  text(value: LocalizedText): string {
    return localized(value, this.#current).text;
  }
}

export const locale = new LocaleState();
