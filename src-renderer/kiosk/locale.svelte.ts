import { localized, translate, type MessageKey } from '../core/i18n';
import type { Locale, LocalizedText } from '../core/model';

/**
 * The visitor's language. The screen's start language (Dutch unless a coordinator set another for
 * this screen) until someone picks another; an idle reset brings the start language back.
 */
class LocaleState {
  #current = $state<Locale>('nl');
  #home = $state<Locale>('nl');

  get current(): Locale {
    return this.#current;
  }

  /** The language the attract screen starts in. */
  get home(): Locale {
    return this.#home;
  }

  setHome(locale: Locale): void {
    this.#home = locale;
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
