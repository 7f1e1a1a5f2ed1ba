// Every UI string, in the kiosk's four languages. Dutch is the source of the keys: a key missing in
// any other language is a type error here and a failing unit test.
import type { Locale, LocalizedText } from './model';

const nl = {
  'app.name': 'Wegwijzer',
  'app.loading': 'De wegwijzer wordt geladen…',
  'config.error.title': 'De wegwijzer kan deze site nog niet tonen',
  'config.error.lead': 'Er zitten fouten in de instellingen van de site. Een medewerker kan ze zo oplossen:',
  'config.error.count': '{count} problemen gevonden in {source}',
  'config.error.file': 'Bestand',
  'config.error.where': 'Plaats',
  'config.error.retry': 'De wegwijzer probeert het opnieuw zodra de bestanden veranderen.',
  'map.label': 'Plattegrond van {site}',
  'map.legend': 'Niveaus',
  'map.activities': '{count} activiteiten op de site',
  'marker.label': '{title} — {level} — {space}',
  'staff.configWarning': 'Nieuwe instellingen afgekeurd; de vorige blijven actief.',
} as const;

export type MessageKey = keyof typeof nl;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  'app.name': 'Wegwijzer',
  'app.loading': 'Loading the signpost…',
  'config.error.title': 'The signpost cannot show this site yet',
  'config.error.lead': 'The site settings contain errors. A staff member can fix them like this:',
  'config.error.count': '{count} problems found in {source}',
  'config.error.file': 'File',
  'config.error.where': 'Where',
  'config.error.retry': 'The signpost tries again as soon as the files change.',
  'map.label': 'Site plan of {site}',
  'map.legend': 'Levels',
  'map.activities': '{count} activities on site',
  'marker.label': '{title} — {level} — {space}',
  'staff.configWarning': 'New settings were rejected; the previous ones stay in use.',
};

const fr: Messages = {
  'app.name': 'Wegwijzer',
  'app.loading': 'Chargement du guide…',
  'config.error.title': 'Le guide ne peut pas encore afficher ce site',
  'config.error.lead': 'Les réglages du site contiennent des erreurs. Un membre du personnel peut les corriger ainsi :',
  'config.error.count': '{count} problèmes trouvés dans {source}',
  'config.error.file': 'Fichier',
  'config.error.where': 'Emplacement',
  'config.error.retry': 'Le guide réessaie dès que les fichiers changent.',
  'map.label': 'Plan du site {site}',
  'map.legend': 'Niveaux',
  'map.activities': '{count} activités sur le site',
  'marker.label': '{title} — {level} — {space}',
  'staff.configWarning': 'Nouveaux réglages refusés ; les précédents restent actifs.',
};

const tr: Messages = {
  'app.name': 'Wegwijzer',
  'app.loading': 'Yol gösterici yükleniyor…',
  'config.error.title': 'Yol gösterici bu alanı henüz gösteremiyor',
  'config.error.lead': 'Alan ayarlarında hatalar var. Bir görevli bunları şöyle düzeltebilir:',
  'config.error.count': '{source} içinde {count} sorun bulundu',
  'config.error.file': 'Dosya',
  'config.error.where': 'Yer',
  'config.error.retry': 'Dosyalar değiştiğinde yol gösterici yeniden dener.',
  'map.label': '{site} alan planı',
  'map.legend': 'Seviyeler',
  'map.activities': 'Alanda {count} etkinlik',
  'marker.label': '{title} — {level} — {space}',
  'staff.configWarning': 'Yeni ayarlar reddedildi; öncekiler geçerli kalıyor.',
};

export const MESSAGES: Record<Locale, Messages> = { nl, en, fr, tr };

/** The language's own name, for the language picker. */
export const LOCALE_NAMES: Record<Locale, string> = { nl: 'Nederlands', en: 'English', fr: 'Français', tr: 'Türkçe' };

/** Translates a key and fills `{placeholders}`; an unknown placeholder stays visible rather than vanishing. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

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
