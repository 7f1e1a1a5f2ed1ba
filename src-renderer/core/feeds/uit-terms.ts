// The built-in table that places UiTdatabank terms (event types, themes, place types) on the
// kiosk's three levels and five default themes. Ids come from UiTdatabank's taxonomy
// (https://taxonomy.uitdatabank.be; labels as UiTdatabank's own editor names them); labels that
// changed over the years are listed too, because an old export still carries the old label. A
// site overrides any row in site.json `feeds[].terms`, keyed by the term id or its label
// (docs/feeds.md, "UiTdatabank"). Themes a site does not have are dropped by the reader.
//
// How the levels are read (core/config/defaults.ts):
// - see-do: watching, visiting, tasting — concerts, shows, exhibitions, tours, fairs, places to visit.
// - do-together: taking part with others and someone who guides — courses, workshops, camps, sport, games.
// - do-yourself: carrying on alone — routes to walk or cycle, open spaces and parks.
import type { FeedTermMapping } from '../model';

export interface UitTermRow extends FeedTermMapping {
  /** UiTdatabank term id; absent for a label-only row (a label used in older exports or by other UiT tools). */
  id?: string;
  /** The term's Dutch label at UiTdatabank. */
  label: string;
  domain: 'eventtype' | 'theme' | 'facility';
}

export const UIT_TERM_TABLE: readonly UitTermRow[] = [
  // Event types: what kind of activity it is. These decide the level.
  { id: '0.50.4.0.0', label: 'Concert', domain: 'eventtype', level: 'see-do', themes: ['relaxation'] },
  { id: '0.0.0.0.0', label: 'Tentoonstelling', domain: 'eventtype', level: 'see-do', themes: ['thinking'] },
  { id: '0.50.6.0.0', label: 'Film', domain: 'eventtype', level: 'see-do', themes: ['relaxation'] },
  { id: '0.55.0.0.0', label: 'Theatervoorstelling', domain: 'eventtype', level: 'see-do', themes: ['relaxation'] },
  { id: '0.54.0.0.0', label: 'Dansvoorstelling', domain: 'eventtype', level: 'see-do', themes: ['relaxation'] },
  { id: '0.5.0.0.0', label: 'Festival', domain: 'eventtype', level: 'see-do', themes: ['relaxation'] },
  { id: '0.7.0.0.0', label: 'Begeleide uitstap of rondleiding', domain: 'eventtype', level: 'see-do', themes: ['thinking'] },
  { label: 'Begeleide rondleiding', domain: 'eventtype', level: 'see-do', themes: ['thinking'] },
  { id: '0.3.2.0.0', label: 'Lezing of congres', domain: 'eventtype', level: 'see-do', themes: ['thinking'] },
  { id: '0.3.3.0.0', label: 'Congres of studiedag', domain: 'eventtype', level: 'see-do', themes: ['thinking'] },
  { id: '0.6.0.0.0', label: 'Beurs', domain: 'eventtype', level: 'see-do' },
  { id: '0.12.0.0.0', label: 'Opendeurdag', domain: 'eventtype', level: 'see-do' },
  { id: '0.28.0.0.0', label: 'Festiviteit', domain: 'eventtype', level: 'see-do', themes: ['relaxation'] },
  { label: 'Kermis of feestelijkheid', domain: 'eventtype', level: 'see-do', themes: ['relaxation'] },
  { id: '0.37.0.0.0', label: 'Markt, braderie of kermis', domain: 'eventtype', level: 'see-do' },
  { label: 'Markt of braderie', domain: 'eventtype', level: 'see-do' },
  { id: '0.49.0.0.0', label: 'Party of fuif', domain: 'eventtype', level: 'see-do', themes: ['relaxation'] },
  { id: '0.19.0.0.0', label: 'Sportwedstrijd bekijken', domain: 'eventtype', level: 'see-do', themes: ['relaxation'] },
  { id: '1.50.0.0.0', label: 'Eet- of drankfestijn', domain: 'eventtype', level: 'see-do', themes: ['food'] },
  { label: 'Eten en drinken', domain: 'eventtype', level: 'see-do', themes: ['food'] },
  { label: 'Kijken en luisteren', domain: 'eventtype', level: 'see-do' },
  { id: '0.3.1.0.0', label: 'Lessenreeks', domain: 'eventtype', level: 'do-together' },
  { label: 'Cursus of workshop', domain: 'eventtype', level: 'do-together', themes: ['making'] },
  { label: 'Workshop', domain: 'eventtype', level: 'do-together', themes: ['making'] },
  { id: '0.3.1.0.1', label: 'Cursus met open sessies', domain: 'eventtype', level: 'do-together' },
  { id: '0.57.0.0.0', label: 'Kamp of vakantie', domain: 'eventtype', level: 'do-together' },
  { id: '0.59.0.0.0', label: 'Sportactiviteit', domain: 'eventtype', level: 'do-together', themes: ['relaxation'] },
  { label: 'Sport en beweging', domain: 'eventtype', level: 'do-together', themes: ['relaxation'] },
  { id: '0.50.21.0.0', label: 'Spel of quiz', domain: 'eventtype', level: 'do-together', themes: ['relaxation'] },
  { id: '0.17.0.0.0', label: 'Fiets- of wandelroute', domain: 'eventtype', level: 'do-yourself', themes: ['nature'] },
  { label: 'Route', domain: 'eventtype', level: 'do-yourself', themes: ['nature'] },
  // Place types (a place in the feed, or an event's location type): where one goes to look or to go on alone.
  { id: '0.14.0.0.0', label: 'Monument', domain: 'eventtype', level: 'see-do', themes: ['thinking'] },
  { id: '0.15.0.0.0', label: 'Natuurgebied of park', domain: 'eventtype', level: 'do-yourself', themes: ['nature'] },
  { id: '0.16.0.0.0', label: 'Park of tuin', domain: 'eventtype', level: 'do-yourself', themes: ['nature'] },
  { id: 'GnPFp9uvOUyqhOckIFMKmg', label: 'Museum of galerij', domain: 'eventtype', level: 'see-do', themes: ['thinking'] },
  { id: 'kI7uAyn2uUu9VV6Z3uWZTA', label: 'Bibliotheek of documentatiecentrum', domain: 'eventtype', level: 'do-yourself', themes: ['thinking'] },
  { id: 'JCjA0i5COUmdjMwcyjNAFA', label: 'Jeugdhuis of jeugdcentrum', domain: 'eventtype', level: 'do-together' },
  { id: 'Yf4aZBfsUEu2NsQqsprngw', label: 'Cultuur- of ontmoetingscentrum', domain: 'eventtype', level: 'see-do' },
  { id: 'eBwaUAAhw0ur0Z02i5ttnw', label: 'Sportcentrum', domain: 'eventtype', level: 'do-yourself', themes: ['relaxation'] },
  // Themes: what it is about. They add themes and never decide the level.
  { id: '1.65.0.0.0', label: 'Voeding', domain: 'theme', themes: ['food'] },
  { id: '1.64.0.0.0', label: 'Milieu en natuur', domain: 'theme', themes: ['nature'] },
  { id: '1.63.0.0.0', label: 'Landbouw en platteland', domain: 'theme', themes: ['nature'] },
  { id: '1.42.0.0.0', label: 'Creativiteit', domain: 'theme', themes: ['making'] },
  { id: '1.21.0.0.0', label: 'Computer en techniek', domain: 'theme', themes: ['making'] },
  { id: '1.41.0.0.0', label: 'Kunst en kunsteducatie', domain: 'theme', themes: ['making'] },
  { id: '1.2.2.0.0', label: 'Design', domain: 'theme', themes: ['making'] },
  { id: '1.0.5.0.0', label: 'Decoratieve kunst', domain: 'theme', themes: ['making'] },
  { id: '1.62.0.0.0', label: 'Gezondheid en wellness', domain: 'theme', themes: ['relaxation'] },
  { id: '0.52.0.0.0', label: 'Circus', domain: 'theme', themes: ['relaxation'] },
  { id: '1.3.10.0.0', label: 'Humor en comedy', domain: 'theme', themes: ['relaxation'] },
  { id: '1.37.2.0.0', label: 'Samenleving', domain: 'theme', themes: ['thinking'] },
  { id: '1.52.0.0.0', label: 'Politiek en maatschappij', domain: 'theme', themes: ['thinking'] },
  { id: '1.25.0.0.0', label: 'Wetenschap', domain: 'theme', themes: ['thinking'] },
  { id: '1.44.0.0.0', label: 'Zingeving, filosofie en religie', domain: 'theme', themes: ['thinking'] },
  { id: '1.11.0.0.0', label: 'Geschiedenis', domain: 'theme', themes: ['thinking'] },
  { id: '1.10.0.0.0', label: 'Literatuur', domain: 'theme', themes: ['thinking'] },
  { id: '1.40.0.0.0', label: 'Erfgoed', domain: 'theme', themes: ['thinking'] },
];

const BY_ID = new Map(UIT_TERM_TABLE.filter((row) => row.id).map((row) => [row.id!, row]));
const BY_LABEL = new Map(UIT_TERM_TABLE.map((row) => [normalLabel(row.label), row]));

/** A term as UiTdatabank puts it on an event or place. */
export interface UitTerm {
  id?: string;
  label?: string;
  domain?: string;
}

/**
 * What one term says about level and themes: the feed's own mapping (by id, then by label, ignoring
 * case) wins over the built-in row (by id, then by label); undefined when neither knows the term.
 */
export function mapUitTerm(term: UitTerm, overrides: Readonly<Record<string, FeedTermMapping>>): FeedTermMapping | undefined {
  const label = term.label ? normalLabel(term.label) : undefined;
  const own = (term.id !== undefined ? overrides[term.id] : undefined) ?? (label !== undefined ? overrideByLabel(overrides, label) : undefined);
  if (own) return own;
  const row = (term.id !== undefined ? BY_ID.get(term.id) : undefined) ?? (label !== undefined ? BY_LABEL.get(label) : undefined);
  return row ? { ...(row.level ? { level: row.level } : {}), ...(row.themes ? { themes: row.themes } : {}) } : undefined;
}

function overrideByLabel(overrides: Readonly<Record<string, FeedTermMapping>>, label: string): FeedTermMapping | undefined {
  for (const [key, mapping] of Object.entries(overrides)) if (normalLabel(key) === label) return mapping;
  return undefined;
}

function normalLabel(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, ' ');
}
