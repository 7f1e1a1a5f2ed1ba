// The kiosk's strings for taking part in an activity (issue 11): places per session on the activity
// sheet, the place dialog, and how to register elsewhere. Apart from core/i18n.ts because only screens
// that open on a tap use them (the sheet, the place dialog): they load with those, not with the
// kiosk's first download. Same rules as the main tables: Dutch is the source, ICU plurals, the same
// `{placeholders}` in every language, a key missing in a language is a type error.
import { formatMessage } from '../message-format';
import type { Locale } from '../model';

const nl = {
  'places.left': '{count, plural, one {Nog # plaats vrij} other {Nog # plaatsen vrij}}',
  'places.full': 'Volzet',
  'places.reserve': 'Plaats reserveren',
  'places.reserveFor': 'Plaats reserveren op {day} om {time}',
  'places.title': 'Een plaats reserveren',
  'places.summary': '{activity} · {day} · {from}–{to}',
  'places.done': 'Je plaats is gereserveerd!',
  'places.taken': 'Net volzet: de laatste plaats is weg. Kies een andere datum.',
  'places.gone': 'Deze sessie kan je niet meer reserveren. Kies een andere datum.',
  'places.help': 'Bewaar je code: daarmee annuleer je je plaats als je niet kunt komen.',
  'register.title': 'Zo schrijf je je in',
  'register.elsewhere': 'Inschrijven gebeurt niet aan deze zuil, maar bij {organiser}.',
  'register.scan': 'Scan om je in te schrijven',
  'register.qrAlt': 'QR-code naar de inschrijfpagina van {organiser}',
  'register.contact': 'Contact',
  'register.website': 'Website',
  'register.askDesk': 'Vraag aan het onthaal hoe je je inschrijft.',
} as const;

export type PlaceKey = keyof typeof nl;

const en: Record<PlaceKey, string> = {
  'places.left': '{count, plural, one {# place left} other {# places left}}',
  'places.full': 'Full',
  'places.reserve': 'Reserve a place',
  'places.reserveFor': 'Reserve a place on {day} at {time}',
  'places.title': 'Reserve a place',
  'places.summary': '{activity} · {day} · {from}–{to}',
  'places.done': 'Your place is reserved!',
  'places.taken': 'Just filled up: the last place has gone. Choose another date.',
  'places.gone': 'This session can no longer be reserved. Choose another date.',
  'places.help': 'Keep your code: with it you cancel your place if you cannot come.',
  'register.title': 'How to register',
  'register.elsewhere': 'You do not register at this screen but with {organiser}.',
  'register.scan': 'Scan to register',
  'register.qrAlt': 'QR code to the registration page of {organiser}',
  'register.contact': 'Contact',
  'register.website': 'Website',
  'register.askDesk': 'Ask at the reception desk how to register.',
};

const fr: Record<PlaceKey, string> = {
  'places.left': '{count, plural, one {Encore # place libre} other {Encore # places libres}}',
  'places.full': 'Complet',
  'places.reserve': 'Réserver une place',
  'places.reserveFor': 'Réserver une place le {day} à {time}',
  'places.title': 'Réserver une place',
  'places.summary': '{activity} · {day} · {from}–{to}',
  'places.done': 'Votre place est réservée !',
  'places.taken': 'Complet à l\'instant : la dernière place est partie. Choisissez une autre date.',
  'places.gone': 'Cette séance ne peut plus être réservée. Choisissez une autre date.',
  'places.help': 'Gardez votre code : il permet d\'annuler votre place si vous ne pouvez pas venir.',
  'register.title': 'Comment s\'inscrire',
  'register.elsewhere': 'L\'inscription ne se fait pas à cet écran, mais auprès de {organiser}.',
  'register.scan': 'Scannez pour vous inscrire',
  'register.qrAlt': 'Code QR vers la page d\'inscription de {organiser}',
  'register.contact': 'Contact',
  'register.website': 'Site web',
  'register.askDesk': 'Demandez à l\'accueil comment vous inscrire.',
};

const tr: Record<PlaceKey, string> = {
  'places.left': '{count, plural, one {# yer kaldı} other {# yer kaldı}}',
  'places.full': 'Dolu',
  'places.reserve': 'Yer ayırt',
  'places.reserveFor': '{day} saat {time} için yer ayırt',
  'places.title': 'Yer ayırt',
  'places.summary': '{activity} · {day} · {from}–{to}',
  'places.done': 'Yerin ayırtıldı!',
  'places.taken': 'Az önce doldu: son yer gitti. Başka bir tarih seç.',
  'places.gone': 'Bu oturum artık ayırtılamaz. Başka bir tarih seç.',
  'places.help': 'Kodunu sakla: gelemezsen yerini onunla iptal edersin.',
  'register.title': 'Nasıl kayıt olunur',
  'register.elsewhere': 'Kayıt bu ekranda değil, {organiser} üzerinden yapılır.',
  'register.scan': 'Kayıt olmak için tara',
  'register.qrAlt': '{organiser} kayıt sayfasına giden QR kodu',
  'register.contact': 'İletişim',
  'register.website': 'Web sitesi',
  'register.askDesk': 'Nasıl kayıt olacağını danışmaya sor.',
};

export const PLACE_MESSAGES: Record<Locale, Record<PlaceKey, string>> = { nl, en, fr, tr };

export function placeText(locale: Locale, key: PlaceKey, params: Record<string, string | number> = {}): string {
  return formatMessage(PLACE_MESSAGES[locale][key], locale, params);
}
