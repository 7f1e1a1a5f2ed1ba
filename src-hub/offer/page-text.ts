// The words of the hub's public activity page (/activity/:id), in the site's languages. Kept with the
// hub, not in the kiosk's message tables: no screen shows them, and the kiosk's first bundle stays small.
import type { Locale } from '../../src-renderer/core/model';

const NL = {
  'when': 'Wanneer',
  'where': 'Waar',
  'organiser': 'Organisator',
  'price': 'Prijs',
  'free': 'Gratis',
  'payWhatYouCan': 'Betaal wat je kunt',
  'ages': 'Leeftijd',
  'agesFrom': 'Vanaf {min} jaar',
  'agesRange': '{min} tot {max} jaar',
  'noSessions': 'Er zijn geen sessies gepland.',
  'cancelled': 'Geannuleerd',
  'postponed': 'Uitgesteld',
  'unavailable': 'Gaat niet door',
  'full': 'Volzet',
  'source': 'Meer bij {name}',
  'followUp': 'Bekijk het op de opvolgpagina',
  'subscribe': 'Abonneer je op de agenda van {site}',
} as const;

export type PageTextKey = keyof typeof NL;

const TEXT: Record<Locale, Record<PageTextKey, string>> = {
  nl: NL,
  en: {
    'when': 'When',
    'where': 'Where',
    'organiser': 'Organiser',
    'price': 'Price',
    'free': 'Free',
    'payWhatYouCan': 'Pay what you can',
    'ages': 'Age',
    'agesFrom': 'From {min} years',
    'agesRange': '{min} to {max} years',
    'noSessions': 'No sessions are planned.',
    'cancelled': 'Cancelled',
    'postponed': 'Postponed',
    'unavailable': 'Not going ahead',
    'full': 'Full',
    'source': 'More at {name}',
    'followUp': 'See it on the follow-up page',
    'subscribe': 'Subscribe to the calendar of {site}',
  },
  fr: {
    'when': 'Quand',
    'where': 'Où',
    'organiser': 'Organisateur',
    'price': 'Prix',
    'free': 'Gratuit',
    'payWhatYouCan': 'Payez ce que vous pouvez',
    'ages': 'Âge',
    'agesFrom': 'À partir de {min} ans',
    'agesRange': 'De {min} à {max} ans',
    'noSessions': 'Aucune séance n’est prévue.',
    'cancelled': 'Annulé',
    'postponed': 'Reporté',
    'unavailable': 'N’a pas lieu',
    'full': 'Complet',
    'source': 'Plus chez {name}',
    'followUp': 'Voir sur la page de suivi',
    'subscribe': 'S’abonner à l’agenda de {site}',
  },
  tr: {
    'when': 'Ne zaman',
    'where': 'Nerede',
    'organiser': 'Düzenleyen',
    'price': 'Ücret',
    'free': 'Ücretsiz',
    'payWhatYouCan': 'Gücün kadar öde',
    'ages': 'Yaş',
    'agesFrom': '{min} yaş ve üstü',
    'agesRange': '{min}–{max} yaş',
    'noSessions': 'Planlanmış oturum yok.',
    'cancelled': 'İptal edildi',
    'postponed': 'Ertelendi',
    'unavailable': 'Yapılmayacak',
    'full': 'Dolu',
    'source': '{name} üzerinde daha fazlası',
    'followUp': 'Takip sayfasında görün',
    'subscribe': '{site} takvimine abone olun',
  },
};

/** A word of the page in `locale`, with `{name}` placeholders filled in. */
export function pageText(locale: Locale, key: PageTextKey, params: Record<string, string | number> = {}): string {
  return TEXT[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
