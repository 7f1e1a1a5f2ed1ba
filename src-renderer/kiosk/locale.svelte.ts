import { hasMessages, loadMessages, localized, translate, type MessageKey } from '../core/i18n';
import { LOCALES } from '../core/model';
import type { Locale, LocalizedText } from '../core/model';

/**
 * The visitor's language. The screen's start language (Dutch unless a coordinator set another for
 * this screen) until someone picks another; an idle reset brings the start language back.
 */
class LocaleState {
  #current = $state<Locale>('nl');
  #home = $state<Locale>('nl');
  #request = 0;

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

  /**
   * Switches language. A language whose strings are not loaded yet switches once they are (a few
   * milliseconds from the kiosk's own files); the latest choice wins when taps overlap. A table
   * that cannot be loaded leaves the screen in the language it speaks, and says so in the console.
   */
  set(locale: Locale): void {
    const request = ++this.#request;
    if (hasMessages(locale)) {
      this.#apply(locale);
      return;
    }
    loadMessages(locale).then(
      () => {
        if (request === this.#request) this.#apply(locale);
      },
      (error: unknown) => console.warn(`The ${locale} strings could not be loaded: ${String(error)}`),
    );
  }

  /**
   * Loads every language's strings in the background, so a later switch is instant and still
   * works when the hub that served the page is away. Call it once the first screen is up.
   */
  prefetch(): void {
    for (const code of LOCALES) void loadMessages(code).catch(() => undefined);
  }

  #apply(locale: Locale): void {
    this.#current = locale;
    document.documentElement.lang = locale;
  }

  // Arrow properties, so `locale.t` can be handed to helpers without losing `this`.
  readonly t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.#current, key, params);

  readonly text = (value: LocalizedText): string => localized(value, this.#current).text;
}

export const locale = new LocaleState();
