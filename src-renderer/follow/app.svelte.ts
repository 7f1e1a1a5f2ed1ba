// The follow-up page's state: language, the loaded catalogue, the clock and where the fragment
// points. One instance per page; components read it and call its methods, nothing else holds state.
import { parseCatalogue } from '../core/catalogue';
import { localized } from '../core/localized';
import type { Locale, LocalizedText } from '../core/model';
import type { CalendarContext } from './calendar';
import { CatalogueView } from './catalogue-view';
import { followText, preferredLocale, type FollowKey } from './i18n';
import { routeOf, type Route } from './route';

export type CatalogueStatus = 'loading' | 'ready' | 'error';

const LOCALE_STORAGE_KEY = 'wegwijzer-follow-locale';
const CLOCK_TICK_MS = 30_000;

export class FollowApp {
  #locale = $state<Locale>('nl');
  #hash = $state('');
  #now = $state(Date.now());
  #status = $state<CatalogueStatus>('loading');
  // Raw: the view is replaced whole when a catalogue loads, never mutated.
  #view = $state.raw<CatalogueView | undefined>(undefined);
  /** The code a path was edited from, so the phone's memory replaces it instead of keeping both. */
  #editedFrom: string | undefined;
  #pendingEditedFrom: string | undefined;

  readonly route: Route = $derived(routeOf(this.#hash));

  constructor(initialHash: string, languages: readonly string[] | undefined) {
    this.#hash = initialHash;
    this.#locale = storedLocale() ?? preferredLocale(languages);
  }

  get locale(): Locale {
    return this.#locale;
  }

  get now(): number {
    return this.#now;
  }

  get status(): CatalogueStatus {
    return this.#status;
  }

  get view(): CatalogueView | undefined {
    return this.#view;
  }

  setLocale(locale: Locale): void {
    this.#locale = locale;
    // The choice stays on the phone for the next visit; it is not a cookie and is never sent anywhere.
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Storage can be off (private modes); the language then simply resets next time.
    }
  }

  t(key: FollowKey, params?: Record<string, string | number>): string {
    return followText(this.#locale, key, params);
  }

  /** Catalogue text in the visitor's language, with the language it is really in (for `lang`). */
  text(value: LocalizedText | undefined): { text: string; lang: Locale } {
    const resolved = localized(value ?? {}, this.#locale, this.#view?.site.defaultLocale ?? 'nl');
    return { text: resolved.text, lang: resolved.locale };
  }

  /** Starts listening to the fragment and the clock, and loads the catalogue. Returns the stop function. */
  start(): () => void {
    const onHashChange = (): void => {
      this.#editedFrom = this.#pendingEditedFrom;
      this.#pendingEditedFrom = undefined;
      this.#hash = location.hash;
    };
    window.addEventListener('hashchange', onHashChange);
    const timer = setInterval(() => (this.#now = Date.now()), CLOCK_TICK_MS);
    void this.loadCatalogue();
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      clearInterval(timer);
    };
  }

  async loadCatalogue(): Promise<void> {
    this.#status = 'loading';
    try {
      const response = await fetch('./catalogue.json', { credentials: 'omit' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const parsed = parseCatalogue(await response.text());
      if (!parsed.ok) throw new Error(parsed.error);
      this.#view = new CatalogueView(parsed.catalogue);
      this.#now = Date.now();
      this.#status = 'ready';
    } catch {
      this.#status = 'error';
    }
  }

  /**
   * Opens a fragment as a new history entry (Back returns), like following a link. `replaces` is a
   * remembered path the new one supersedes (an activity added to it).
   */
  open(fragment: string, replaces?: string): void {
    this.#pendingEditedFrom = replaces;
    location.hash = fragment;
  }

  /**
   * Shows an edited path: the URL is replaced rather than pushed, so Back leaves the page instead of
   * stepping through every edit; `undefined` (nothing left) goes home.
   */
  replacePath(code: string | undefined, editedFrom: string): void {
    const url = `${location.pathname}${location.search}${code ? `#${code}` : ''}`;
    history.replaceState(null, '', url);
    this.#editedFrom = editedFrom;
    this.#hash = code ? `#${code}` : '';
  }

  /** The code the current path was edited from, if it was. */
  get editedFrom(): string | undefined {
    return this.#editedFrom;
  }

  /** Words and links for "add to calendar", in the current language. */
  calendarContext(view: CatalogueView): CalendarContext {
    return {
      view,
      now: this.#now,
      text: (value) => this.text(value).text,
      bookingSummary: (space, code) => this.t('booking.calendarSummary', { space, code }),
      bookingDescription: this.t('booking.cancel'),
      placeSummary: (activity, code) => this.t('place.calendarSummary', { activity, code }),
      placeDescription: this.t('place.cancel'),
      moreInfo: (url) => this.t('calendar.moreInfo', { url }),
      linkTo: (fragment) => this.linkTo(fragment),
    };
  }

  /** The link to share for a fragment: this very page, wherever it is hosted. */
  linkTo(fragment: string): string {
    return `${location.origin}${location.pathname}#${fragment}`;
  }
}

function storedLocale(): Locale | undefined {
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    return stored === 'nl' || stored === 'en' || stored === 'fr' || stored === 'tr' ? stored : undefined;
  } catch {
    return undefined;
  }
}
