// What a site gets when site.json leaves something out: the three levels, the five seed themes and
// the opening hours. Every colour keeps at least 4.5:1 contrast with white text (WCAG AA).
import type { Level, LevelId, OpeningHours, Theme } from '../model';
import { WEEKDAYS } from '../model';

export const DEFAULT_LEVELS: Readonly<Record<LevelId, Level>> = {
  'see-do': {
    id: 'see-do',
    name: { nl: 'Zien doen', en: 'See-do', fr: 'Voir faire', tr: 'Gör ve tanı' },
    description: {
      nl: 'Kijken, proeven en ontdekken, zonder dat je je ergens aan vastlegt.',
      en: 'Watch, taste and discover, without committing to anything.',
      fr: 'Regarder, goûter et découvrir, sans engagement.',
      tr: 'Bak, tat ve keşfet; hiçbir şeye bağlanmadan.',
    },
    color: '#1f6feb',
    shape: 'circle',
  },
  'do-together': {
    id: 'do-together',
    name: { nl: 'Samen doen', en: 'Do-together', fr: 'Faire ensemble', tr: 'Birlikte yap' },
    description: {
      nl: 'Samen met anderen aan de slag, met iemand die je op weg helpt.',
      en: 'Get going with others, with someone to show you the way.',
      fr: 'Se lancer avec d’autres, avec quelqu’un pour vous guider.',
      tr: 'Başkalarıyla birlikte başla; sana yol gösteren biriyle.',
    },
    color: '#b34700',
    shape: 'square',
  },
  'do-yourself': {
    id: 'do-yourself',
    name: { nl: 'Zelf doen', en: 'Do-yourself', fr: 'Faire soi-même', tr: 'Kendin yap' },
    description: {
      nl: 'Zelfstandig verder, met de ruimtes en het materiaal van de site.',
      en: 'Carry on by yourself, with the site’s spaces and equipment.',
      fr: 'Continuer en autonomie, avec les espaces et le matériel du site.',
      tr: 'Sitenin alanları ve malzemeleriyle kendi başına devam et.',
    },
    color: '#1a7f37',
    shape: 'diamond',
  },
};

export const DEFAULT_THEMES: readonly Theme[] = [
  {
    id: 'relaxation',
    name: { nl: 'Ontspanning', en: 'Relaxation', fr: 'Détente', tr: 'Rahatlama' },
    icon: '🌿',
    color: '#6a4c93',
  },
  {
    id: 'making',
    name: { nl: 'Maken en ontwerpen', en: 'Making and designing', fr: 'Fabriquer et concevoir', tr: 'Yapmak ve tasarlamak' },
    icon: '🛠️',
    color: '#b3261e',
  },
  {
    id: 'food',
    name: { nl: 'Voeding', en: 'Food', fr: 'Alimentation', tr: 'Beslenme' },
    icon: '🍲',
    color: '#9a5b00',
  },
  {
    id: 'nature',
    name: { nl: 'Groen en natuur', en: 'Growing and nature', fr: 'Jardin et nature', tr: 'Yeşillik ve doğa' },
    icon: '🌻',
    color: '#2e7d32',
  },
  {
    id: 'thinking',
    name: { nl: 'Denken en praten', en: 'Thinking and discussing', fr: 'Penser et discuter', tr: 'Düşünmek ve konuşmak' },
    icon: '💬',
    color: '#00639b',
  },
];

export function defaultOpeningHours(): OpeningHours {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, [{ from: '09:00', to: '21:00' }]])) as OpeningHours;
}
