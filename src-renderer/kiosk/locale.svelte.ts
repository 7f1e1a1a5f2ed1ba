import { localized, translate, type MessageKey } from '../core/i18n';
import type { Locale, LocalizedText } from '../core/model';

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

  // Arrow properties, so `locale.t` can be handed to helpers without losing `this`.
  readonly t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.#current, key, params);

  readonly text = (value: LocalizedText): string => localized(value, this.#current).text;
}

export const locale = new LocaleState();
