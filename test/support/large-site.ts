// Writes a large, valid site folder for the benchmarks: 200 rooms, ~60 organisations, 2,000
// activities whose series put about 20,000 occurrences in the window the kiosk seeds. Every
// session in a room that holds one thing at a time sits in its own cell of a weekly grid, so the
// config is clash-free by construction while validation still has to prove it the slow way.
// CITY_SITE is the same at city scale: 10,000 activities in 500 rooms, ~100,000 occurrences.
// `npx tsx test/support/large-site.ts <dir> [city]` writes one from the command line.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LevelId, LocalizedText } from '../../src-renderer/core/model';
import { findRefCollisions } from '../../src-renderer/core/path-code';
import { seededRandom } from './random';

export interface LargeSiteOptions {
  activities?: number;
  spaces?: number;
  /** Occurrences wanted in the seeded window [yesterday, now + 60 days]; met to within a few percent. */
  occurrencesTarget?: number;
  organisations?: number;
  /** Same seed and same `now` date, same files. */
  seed?: number;
  /** The instant the window is planned around (epoch ms); defaults to the current time. */
  now?: number;
}

export interface LargeSiteSummary {
  dir: string;
  spaces: number;
  concurrentSpaces: number;
  organisations: number;
  activities: number;
  offSiteActivities: number;
  /** Occurrences the generator planned inside the seeded window (local days, approximate at the edges). */
  plannedOccurrences: number;
}

/** A neighbourhood's whole offer on one kiosk (issue 14): five times the large site. */
export const CITY_SITE: Readonly<LargeSiteOptions> = { activities: 10_000, spaces: 500, occurrencesTarget: 100_000, organisations: 150 };

const SAMPLE_SITE = resolve(import.meta.dirname, '../../kiosk-config/regina-mundi');
const TIME_ZONE = 'Europe/Brussels';
const PLAN = { width: 2000, height: 1400 };
const GRID = { columns: 20, rows: 10, left: 60, top: 120, right: 60, bottom: 60 };

/** 20 × 10 rooms up to 200; more rooms get a finer grid of the same plan (columns twice the rows). */
function gridFor(count: number): typeof GRID {
  if (count <= GRID.columns * GRID.rows) return GRID;
  const rows = Math.ceil(Math.sqrt(count / 2));
  return { ...GRID, columns: Math.ceil(count / rows), rows };
}
/** The kiosk seeds [start of yesterday, now + 60 days]. */
const WINDOW_DAYS_BEFORE = 1;
const WINDOW_DAYS_AFTER = 60;
/** Weekly cells of a room: seven two-hour blocks from 08:00 to 22:00 on each day. */
const SLOT_STARTS = ['08:00', '10:00', '12:00', '14:00', '16:00', '18:00', '20:00'];
const SESSION_MINUTES = [60, 90, 120];
const RRULE_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const DAY_MS = 86_400_000;

type Kind = 'weekly' | 'biweekly' | 'monthly';

/** One planned series: a room cell (day, block) pattern plus its phase or ordinal. */
interface Series {
  kind: Kind;
  space?: string;
  slot: number;
  days: number[];
  /** biweekly: 0 or 1, the week parity; monthly: 1–4, the ordinal weekday of the month. */
  variant: number;
  minutes: number;
  concurrent: boolean;
}

/** What a room's weekly cell (space, day, block) already holds. */
type Cell = { kind: 'weekly' } | { kind: 'biweekly'; used: Set<number> } | { kind: 'monthly'; used: Set<number> };


function localDate(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** Calendar arithmetic on "YYYY-MM-DD" through UTC midnights (no zone involved). */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00Z`).getUTCDay() + 6) % 7;
}

function ordinalInMonth(date: string): number {
  return Math.ceil(Number(date.slice(8, 10)) / 7);
}

function compactDate(date: string): string {
  return date.replaceAll('-', '');
}

interface Topic {
  key: string;
  nl: string;
  en: string;
  fr: string;
  tr: string;
  themes: string[];
  rooms: string[];
}

const TOPICS: Topic[] = [
  { key: 'piano', nl: 'piano', en: 'piano', fr: 'piano', tr: 'piyano', themes: ['relaxation'], rooms: ['practice-room'] },
  { key: 'guitar', nl: 'gitaar', en: 'guitar', fr: 'guitare', tr: 'gitar', themes: ['relaxation'], rooms: ['practice-room'] },
  { key: 'drums', nl: 'drums', en: 'drums', fr: 'batterie', tr: 'davul', themes: ['relaxation'], rooms: ['practice-room'] },
  { key: 'choir', nl: 'koorzang', en: 'choir singing', fr: 'chant choral', tr: 'koro', themes: ['relaxation'], rooms: ['hall', 'community-room'] },
  { key: 'painting', nl: 'schilderen', en: 'painting', fr: 'peinture', tr: 'resim', themes: ['making'], rooms: ['studio'] },
  { key: 'drawing', nl: 'tekenen', en: 'drawing', fr: 'dessin', tr: 'çizim', themes: ['making'], rooms: ['studio'] },
  { key: 'ceramics', nl: 'keramiek', en: 'ceramics', fr: 'céramique', tr: 'seramik', themes: ['making'], rooms: ['workshop', 'studio'] },
  { key: 'sewing', nl: 'naaien', en: 'sewing', fr: 'couture', tr: 'dikiş', themes: ['making'], rooms: ['workshop'] },
  { key: 'woodwork', nl: 'houtbewerking', en: 'woodwork', fr: 'travail du bois', tr: 'ahşap işleri', themes: ['making'], rooms: ['workshop'] },
  { key: 'bike-repair', nl: 'fietsherstel', en: 'bike repair', fr: 'réparation de vélos', tr: 'bisiklet tamiri', themes: ['making'], rooms: ['workshop'] },
  { key: 'electronics', nl: 'elektronica', en: 'electronics', fr: 'électronique', tr: 'elektronik', themes: ['making', 'thinking'], rooms: ['workshop', 'meeting-room'] },
  { key: 'coding', nl: 'programmeren', en: 'coding', fr: 'programmation', tr: 'kodlama', themes: ['thinking', 'making'], rooms: ['meeting-room'] },
  { key: 'robots', nl: 'robots bouwen', en: 'robot building', fr: 'construction de robots', tr: 'robot yapımı', themes: ['making', 'thinking'], rooms: ['workshop'] },
  { key: 'cooking', nl: 'koken', en: 'cooking', fr: 'cuisine', tr: 'yemek pişirme', themes: ['food'], rooms: ['kitchen'] },
  { key: 'baking', nl: 'bakken', en: 'baking', fr: 'pâtisserie', tr: 'fırıncılık', themes: ['food'], rooms: ['kitchen'] },
  { key: 'world-food', nl: 'wereldkeuken', en: 'world cuisine', fr: 'cuisine du monde', tr: 'dünya mutfağı', themes: ['food', 'thinking'], rooms: ['kitchen'] },
  { key: 'gardening', nl: 'tuinieren', en: 'gardening', fr: 'jardinage', tr: 'bahçecilik', themes: ['nature'], rooms: ['garden'] },
  { key: 'beekeeping', nl: 'imkeren', en: 'beekeeping', fr: 'apiculture', tr: 'arıcılık', themes: ['nature'], rooms: ['garden'] },
  { key: 'composting', nl: 'composteren', en: 'composting', fr: 'compostage', tr: 'kompost', themes: ['nature'], rooms: ['garden'] },
  { key: 'debate', nl: 'debatteren', en: 'debating', fr: 'débat', tr: 'münazara', themes: ['thinking'], rooms: ['meeting-room', 'community-room'] },
  { key: 'philosophy', nl: 'filosoferen', en: 'philosophy', fr: 'philosophie', tr: 'felsefe', themes: ['thinking'], rooms: ['meeting-room'] },
  { key: 'dutch', nl: 'Nederlands oefenen', en: 'Dutch practice', fr: 'pratique du néerlandais', tr: 'Felemenkçe pratiği', themes: ['thinking'], rooms: ['meeting-room', 'community-room'] },
  { key: 'chess', nl: 'schaken', en: 'chess', fr: 'échecs', tr: 'satranç', themes: ['thinking', 'relaxation'], rooms: ['community-room'] },
  { key: 'dance', nl: 'dansen', en: 'dancing', fr: 'danse', tr: 'dans', themes: ['relaxation'], rooms: ['movement-room', 'hall'] },
  { key: 'yoga', nl: 'yoga', en: 'yoga', fr: 'yoga', tr: 'yoga', themes: ['relaxation'], rooms: ['movement-room'] },
  { key: 'football', nl: 'voetbal', en: 'football', fr: 'football', tr: 'futbol', themes: ['relaxation'], rooms: ['sports'] },
  { key: 'basketball', nl: 'basketbal', en: 'basketball', fr: 'basket', tr: 'basketbol', themes: ['relaxation'], rooms: ['sports'] },
  { key: 'photography', nl: 'fotografie', en: 'photography', fr: 'photographie', tr: 'fotoğrafçılık', themes: ['making'], rooms: ['studio', 'meeting-room'] },
  { key: 'theatre', nl: 'theater', en: 'theatre', fr: 'théâtre', tr: 'tiyatro', themes: ['relaxation', 'thinking'], rooms: ['hall', 'movement-room'] },
  { key: 'storytelling', nl: 'verhalen vertellen', en: 'storytelling', fr: 'contes', tr: 'hikâye anlatımı', themes: ['thinking'], rooms: ['childrens-room', 'community-room'] },
];

interface Format {
  level: LevelId;
  key: string;
  title: (topic: Topic) => LocalizedText;
  summary: (topic: Topic) => LocalizedText;
}

const FORMATS: Format[] = [
  {
    level: 'see-do',
    key: 'watch',
    title: (t) => ({ nl: `Kijk mee: ${t.nl}`, en: `Come and watch: ${t.en}`, fr: `Viens voir : ${t.fr}`, tr: `Gel izle: ${t.tr}` }),
    summary: (t) => ({ nl: `Zie hoe anderen met ${t.nl} bezig zijn.`, en: `See how others go about ${t.en}.`, fr: `Vois comment d'autres pratiquent : ${t.fr}.`, tr: `Başkalarının ${t.tr} ile nasıl uğraştığını gör.` }),
  },
  {
    level: 'see-do',
    key: 'showcase',
    title: (t) => ({ nl: `Toonmoment ${t.nl}`, en: `${capitalise(t.en)} showcase`, fr: `Présentation : ${t.fr}`, tr: `${capitalise(t.tr)} gösterisi` }),
    summary: (t) => ({ nl: `Leerlingen tonen wat ze met ${t.nl} gemaakt hebben.`, en: `Learners show what they made with ${t.en}.` }),
  },
  {
    level: 'do-together',
    key: 'club',
    title: (t) => ({ nl: `Club ${t.nl}`, en: `${capitalise(t.en)} club`, fr: `Club ${t.fr}`, tr: `${capitalise(t.tr)} kulübü` }),
    summary: (t) => ({ nl: `Samen ${t.nl}, met iemand die het je voordoet.`, en: `${capitalise(t.en)} together, with someone who shows you how.` }),
  },
  {
    level: 'do-together',
    key: 'workshop',
    title: (t) => ({ nl: `Workshop ${t.nl} voor beginners`, en: `Beginners' ${t.en} workshop`, fr: `Atelier ${t.fr} pour débutants`, tr: `Yeni başlayanlar için ${t.tr} atölyesi` }),
    summary: (t) => ({ nl: `Je eerste stappen in ${t.nl}, in een kleine groep.`, en: `Your first steps in ${t.en}, in a small group.` }),
  },
  {
    level: 'do-yourself',
    key: 'open',
    title: (t) => ({ nl: `Vrij oefenen: ${t.nl}`, en: `Open practice: ${t.en}`, fr: `Pratique libre : ${t.fr}`, tr: `Serbest çalışma: ${t.tr}` }),
    summary: (t) => ({ nl: `Werk in je eigen tempo aan ${t.nl}.`, en: `Work on ${t.en} at your own pace.` }),
  },
  {
    level: 'do-yourself',
    key: 'project',
    title: (t) => ({ nl: `Eigen project ${t.nl}`, en: `Your own ${t.en} project`, fr: `Projet personnel : ${t.fr}`, tr: `Kendi ${t.tr} projen` }),
    summary: (t) => ({ nl: `Kies zelf wat je met ${t.nl} wilt doen en vraag hulp als je vastloopt.`, en: `Choose what to do with ${t.en} yourself and ask for help when you get stuck.` }),
  },
];

const AUDIENCES = [
  { nl: 'kinderen', en: 'children', ages: { min: 6, max: 12 } },
  { nl: 'jongeren', en: 'young people', ages: { min: 12, max: 18 } },
  { nl: 'volwassenen', en: 'adults', ages: { min: 18 } },
  { nl: 'iedereen', en: 'everyone', ages: { min: 0 } },
  { nl: 'ouders en kinderen', en: 'parents and children', ages: { min: 4 } },
];

const ROOM_KINDS: { kind: string; nl: string; en: string; concurrent?: boolean; equipment: string[] }[] = [
  { kind: 'practice-room', nl: 'Oefenlokaal', en: 'Practice room', equipment: ['piano', 'music stands'] },
  { kind: 'studio', nl: 'Atelier', en: 'Studio', equipment: ['easels', 'sink'] },
  { kind: 'workshop', nl: 'Werkplaats', en: 'Workshop', equipment: ['workbenches', 'tools'] },
  { kind: 'kitchen', nl: 'Keuken', en: 'Kitchen', equipment: ['ovens', 'cooking islands'] },
  { kind: 'meeting-room', nl: 'Vergaderlokaal', en: 'Meeting room', equipment: ['screen', 'whiteboard'] },
  { kind: 'community-room', nl: 'Buurtlokaal', en: 'Community room', equipment: ['tables', 'coffee corner'] },
  { kind: 'movement-room', nl: 'Bewegingszaal', en: 'Movement room', equipment: ['mirrors', 'mats'] },
  { kind: 'sports', nl: 'Sportzaal', en: 'Sports hall', equipment: ['goals', 'balls'] },
  { kind: 'childrens-room', nl: 'Kinderhoek', en: "Children's corner", equipment: ['books', 'play mats'] },
  { kind: 'garden', nl: 'Tuin', en: 'Garden', equipment: ['tools', 'water'] },
  { kind: 'hall', nl: 'Zaal', en: 'Hall', concurrent: true, equipment: ['stage', 'chairs'] },
  { kind: 'courtyard', nl: 'Binnenplein', en: 'Courtyard', concurrent: true, equipment: [] },
];

const ORGANISATION_WORDS = ['Academie', 'Atelier', 'Buurtwerk', 'Club', 'Collectief', 'Huis', 'Kring', 'Lab', 'School', 'Vereniging', 'Werkplaats', 'Centrum'];
const PLACE_NAMES = ['Genk', 'Zwartberg', 'Waterschei', 'Winterslag', 'Bokrijk', 'Kolderbos', 'Termien', 'Sledderlo', 'Boxbergheide', 'Hoevenzavel', 'Langerlo', 'Bret'];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  const item = list[Math.floor(rng() * list.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

function shuffled<T>(rng: () => number, list: readonly T[]): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

interface PlannedSpace {
  id: string;
  kind: string;
  concurrent: boolean;
  json: Record<string, unknown>;
  rect: { x: number; y: number; width: number; height: number };
  label: string;
}

function planSpaces(count: number, rng: () => number): PlannedSpace[] {
  const grid = gridFor(count);
  const cellWidth = (PLAN.width - grid.left - grid.right) / grid.columns;
  const cellHeight = (PLAN.height - grid.top - grid.bottom) / grid.rows;
  const spaces: PlannedSpace[] = [];
  for (let index = 0; index < count; index++) {
    const column = index % grid.columns;
    const row = Math.floor(index / grid.columns) % grid.rows;
    const building = String.fromCharCode(65 + Math.floor(column / 5) + 4 * Math.floor(row / 5));
    // Every 12th room shares (halls, courtyards); the rest hold one session at a time.
    const roomKind = index % 12 === 11 ? pick(rng, ROOM_KINDS.filter((kind) => kind.concurrent)) : pick(rng, ROOM_KINDS.filter((kind) => !kind.concurrent));
    const number = `${building}.${String(index + 1).padStart(3, '0')}`;
    const rect = {
      x: Math.round(grid.left + column * cellWidth + 6),
      y: Math.round(grid.top + row * cellHeight + 6),
      width: Math.round(cellWidth - 12),
      height: Math.round(cellHeight - 12),
    };
    const id = `room-${number.replace('.', '-').toLowerCase()}`;
    const concurrent = roomKind.concurrent === true;
    const json: Record<string, unknown> = {
      id,
      name: { nl: `${roomKind.nl} ${number}`, en: `${roomKind.en} ${number}`, fr: `${roomKind.en} ${number}`, tr: `${roomKind.en} ${number}` },
      kind: roomKind.kind,
      building,
      floor: 0,
      at: { x: Math.round(rect.x + rect.width / 2), y: Math.round(rect.y + rect.height / 2) },
      outline: [
        { x: rect.x, y: rect.y },
        { x: rect.x + rect.width, y: rect.y },
        { x: rect.x + rect.width, y: rect.y + rect.height },
        { x: rect.x, y: rect.y + rect.height },
      ],
      capacity: 8 + Math.floor(rng() * 40),
      equipment: roomKind.equipment,
      concurrent,
    };
    if (!concurrent && index % 7 === 0) {
      json.booking = { bookableBy: 'visitors', slotMinutes: 30, minMinutes: 30, maxMinutes: 120, bufferMinutes: 10, maxDaysAhead: 14 };
    }
    spaces.push({ id, kind: roomKind.kind, concurrent, json, rect, label: number });
  }
  return spaces;
}

function planSvg(spaces: readonly PlannedSpace[]): string {
  const rooms = spaces.map(({ rect, label, concurrent }) => {
    const fill = concurrent ? '#dfe9d4' : '#ffffff';
    return `<rect x="${rect.x}" y="${rect.y}" width="${rect.width}" height="${rect.height}" rx="4" fill="${fill}" stroke="#9a907f" stroke-width="2"/><text x="${rect.x + 8}" y="${rect.y + 20}" font-size="13" fill="#4b443a">${label}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PLAN.width}" height="${PLAN.height}" viewBox="0 0 ${PLAN.width} ${PLAN.height}" font-family="system-ui, sans-serif" role="img" aria-labelledby="plan-title">`,
    '<title id="plan-title">Grondplan van een grote leersite (gegenereerd)</title>',
    `<rect width="${PLAN.width}" height="${PLAN.height}" fill="#f3f0e8"/>`,
    '<text x="60" y="70" font-size="30" font-weight="700" fill="#2f2b26">Grote leersite (benchmark)</text>',
    `<rect x="40" y="100" width="${PLAN.width - 80}" height="${PLAN.height - 140}" rx="18" fill="#e6e9d8" stroke="#b9c9a5" stroke-width="8"/>`,
    ...rooms,
    '</svg>',
    '',
  ].join('\n');
}

interface PlannedOrganisation {
  id: string;
  kind: 'resident' | 'guest' | 'partner';
  json: Record<string, unknown>;
}

function planOrganisations(count: number, today: string, rng: () => number): PlannedOrganisation[] {
  const organisations: PlannedOrganisation[] = [];
  for (let index = 0; index < count; index++) {
    // One in five is an off-site partner, one in ten a guest; the rest live on the site.
    const kind = index % 5 === 4 ? 'partner' : index % 10 === 3 ? 'guest' : 'resident';
    const place = PLACE_NAMES[index % PLACE_NAMES.length] ?? 'Genk';
    const name = `${ORGANISATION_WORDS[index % ORGANISATION_WORDS.length]} ${place} ${index + 1}`;
    const id = `org-${String(index + 1).padStart(3, '0')}`;
    const json: Record<string, unknown> = {
      id,
      name,
      kind,
      description: {
        nl: `${name} organiseert activiteiten voor de buurt: leren, maken en samen bezig zijn.`,
        en: `${name} runs activities for the neighbourhood: learning, making and doing things together.`,
      },
      contact: { name: 'Onthaal', email: `info@${id}.example.org` },
      url: `https://${id}.example.org/`,
    };
    // A guest period that covers the seeded window, so the planned occurrence count holds.
    if (kind === 'guest') json.period = { from: addDays(today, -200), until: addDays(today, 200 + Math.floor(rng() * 300)) };
    if (kind === 'partner') {
      json.place = {
        name: `${name} (${place})`,
        address: `${place}straat ${1 + Math.floor(rng() * 200)}, 3600 Genk`,
        geo: { lat: Number((50.94 + rng() * 0.06).toFixed(4)), lon: Number((5.44 + rng() * 0.1).toFixed(4)) },
      };
    }
    organisations.push({ id, kind, json });
  }
  return organisations;
}

/** The room grid: hands out cells so that no two sessions meet in a room that is not concurrent. */
class RoomGrid {
  readonly #cells = new Map<string, Cell>();

  /** Claims `days` at `slot` in `space` for a series of `kind`/`variant`; false when any cell is taken. */
  claim(space: string, slot: number, days: readonly number[], kind: Kind, variant: number): boolean {
    const keys = days.map((day) => `${space}|${day}|${slot}`);
    if (!keys.every((key) => this.#fits(this.#cells.get(key), kind, variant))) return false;
    for (const key of keys) {
      const cell = this.#cells.get(key);
      if (kind === 'weekly') this.#cells.set(key, { kind });
      else if (cell && cell.kind === kind) cell.used.add(variant);
      else this.#cells.set(key, { kind, used: new Set([variant]) });
    }
    return true;
  }

  #fits(cell: Cell | undefined, kind: Kind, variant: number): boolean {
    if (!cell) return true;
    if (cell.kind === 'weekly' || cell.kind !== kind) return false;
    return !cell.used.has(variant);
  }
}

/** Occurrences of a series on the local days [first, last], the way the kiosk's window sees them. */
function occurrencesIn(series: Series, anchorMonday: string, first: string, last: string): number {
  let count = 0;
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const day = weekdayOf(date);
    if (!series.days.includes(day)) continue;
    if (series.kind === 'biweekly') {
      const weeks = Math.round((Date.parse(`${addDays(date, -day)}T00:00Z`) - Date.parse(`${anchorMonday}T00:00Z`)) / (7 * DAY_MS));
      if (weeks % 2 !== series.variant) continue;
    }
    if (series.kind === 'monthly' && ordinalInMonth(date) !== series.variant) continue;
    count++;
  }
  return count;
}

/** The schedule entry of a series, starting on its first day on or after the anchor Monday. */
function scheduleEntry(series: Series, anchorMonday: string, untilDate: string | undefined, except: string[]): Record<string, unknown> {
  const time = SLOT_STARTS[series.slot] ?? '08:00';
  const days = [...series.days].sort((a, b) => a - b);
  const firstDay = days[0] ?? 0;
  let start = addDays(anchorMonday, firstDay + (series.kind === 'biweekly' ? 7 * series.variant : 0));
  if (series.kind === 'monthly') {
    while (ordinalInMonth(start) !== series.variant || weekdayOf(start) !== firstDay) start = addDays(start, 1);
  }
  const endMinutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) + series.minutes;
  const end = `${String(Math.floor(endMinutes / 60)).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
  const byDay = days.map((day) => RRULE_DAYS[day]).join(',');
  const parts =
    series.kind === 'weekly'
      ? [`FREQ=WEEKLY`, `BYDAY=${byDay}`]
      : series.kind === 'biweekly'
        ? [`FREQ=WEEKLY`, `INTERVAL=2`, `BYDAY=${byDay}`]
        : [`FREQ=MONTHLY`, `BYDAY=${series.variant}${RRULE_DAYS[firstDay]}`];
  if (untilDate) parts.push(`UNTIL=${compactDate(untilDate)}`);
  return {
    start: `${start}T${time}`,
    end: `${start}T${end}`,
    rrule: parts.join(';'),
    ...(except.length > 0 ? { except } : {}),
  };
}

export async function generateLargeSite(dir: string, options: LargeSiteOptions = {}): Promise<LargeSiteSummary> {
  const { activities: activityCount = 2000, spaces: spaceCount = 200, occurrencesTarget = 20_000, organisations: organisationCount = 60, seed = 20_261_128, now = Date.now() } = options;
  const rng = seededRandom(seed);
  const today = localDate(now);
  const windowFirst = addDays(today, -WINDOW_DAYS_BEFORE);
  const windowLast = addDays(today, WINDOW_DAYS_AFTER);
  // Series begin on a Monday ten weeks back, so the kiosk sees them running, never starting.
  const anchorMonday = addDays(today, -weekdayOf(today) - 70);

  const spaces = planSpaces(spaceCount, rng);
  const organisations = planOrganisations(organisationCount, today, rng);
  const onSite = organisations.filter((organisation) => organisation.kind !== 'partner');
  const partners = organisations.filter((organisation) => organisation.kind === 'partner');
  const grid = new RoomGrid();

  // Pass 1: every activity gets one series on one day in a room cell that suits it.
  const plans: { topic: Topic; format: Format; organiser: PlannedOrganisation; series: Series; offSite: boolean }[] = [];
  for (let index = 0; index < activityCount; index++) {
    const topic = TOPICS[index % TOPICS.length] as Topic;
    const format = FORMATS[Math.floor(index / TOPICS.length) % FORMATS.length] as Format;
    const offSite = index % 12 === 5 && partners.length > 0;
    const organiser = offSite ? pick(rng, partners) : pick(rng, onSite);
    const roll = rng();
    const kind: Kind = roll < 0.5 ? 'weekly' : roll < 0.8 ? 'biweekly' : 'monthly';
    const minutes = pick(rng, SESSION_MINUTES);
    const series = offSite
      ? { kind, slot: Math.floor(rng() * SLOT_STARTS.length), days: [Math.floor(rng() * 7)], variant: kind === 'biweekly' ? index % 2 : kind === 'monthly' ? 1 + (index % 4) : 0, minutes, concurrent: true }
      : placeSeries(grid, spaces, topic, kind, minutes, rng);
    plans.push({ topic, format, organiser, series, offSite });
  }

  // Pass 2: extra weekdays for weekly and fortnightly series until the window holds the target.
  const countOf = (series: Series) => occurrencesIn(series, anchorMonday, windowFirst, windowLast);
  let planned = plans.reduce((sum, plan) => sum + countOf(plan.series), 0);
  const growable = shuffled(rng, plans.filter((plan) => plan.series.kind !== 'monthly'));
  for (let round = 0; round < 6 && planned < occurrencesTarget; round++) {
    for (const { series } of growable) {
      if (planned >= occurrencesTarget) break;
      const day = shuffled(rng, [0, 1, 2, 3, 4, 5, 6]).find((candidate) => !series.days.includes(candidate));
      if (day === undefined) continue;
      if (!series.concurrent && (!series.space || !grid.claim(series.space, series.slot, [day], series.kind, series.variant))) continue;
      const before = countOf(series);
      series.days.push(day);
      planned += countOf(series) - before;
    }
  }

  const ids = plans.map((plan, index) => `${plan.topic.key}-${plan.format.key}-${String(index + 1).padStart(4, '0')}`);
  const collisions = findRefCollisions(ids);
  if (collisions.length > 0) throw new Error(`generated ids share a follow-up reference: ${JSON.stringify(collisions)}; change the seed`);

  const activities = plans.map((plan, index) => {
    const audience = pick(rng, AUDIENCES);
    const title = plan.format.title(plan.topic);
    // A few series end after the window or skip a holiday, as real ones do.
    const until = index % 9 === 0 ? addDays(today, 90 + Math.floor(rng() * 200)) : undefined;
    const except = index % 11 === 0 ? [addDays(today, 400)] : [];
    const activity: Record<string, unknown> = {
      id: ids[index],
      title,
      summary: plan.format.summary(plan.topic),
      description: {
        nl: `${title.nl} voor ${audience.nl}. ${plan.format.summary(plan.topic).nl} Je hoeft niets mee te brengen: het materiaal ligt klaar. Wie na de sessie verder wil, krijgt tips voor de volgende stap op de site of bij onze partners.`,
        en: `${title.en} for ${audience.en}. ${plan.format.summary(plan.topic).en} No need to bring anything: materials are ready. If you want to carry on afterwards, you get tips for a next step on the site or with our partners.`,
      },
      level: plan.format.level,
      themes: plan.topic.themes,
      organiser: plan.organiser.id,
      ...(plan.offSite ? {} : { space: plan.series.space }),
      schedule: [scheduleEntry(plan.series, anchorMonday, until, except)],
      ages: audience.ages,
      price: index % 4 === 0 ? { kind: 'paid', amount: 2 + (index % 8) * 3, support: { nl: 'Met UiTPAS aan kansentarief betaal je 20%.', en: 'With an UiTPAS at the reduced rate you pay 20%.' } } : { kind: 'free' },
      languages: index % 3 === 0 ? ['nl', 'en'] : ['nl'],
      registration: plan.format.level === 'see-do' ? 'walk-in' : index % 2 === 0 ? 'required' : 'walk-in',
      accessibility: { nl: 'Gelijkvloers en rolstoeltoegankelijk.', en: 'Ground floor, wheelchair accessible.' },
      nextSteps: [ids[(index + TOPICS.length) % ids.length], ids[(index + 2 * TOPICS.length) % ids.length]].filter((step) => step !== ids[index]),
    };
    if (plan.format.level !== 'see-do') activity.capacity = 6 + (index % 20);
    return activity;
  });

  const sample = JSON.parse(await readFile(join(SAMPLE_SITE, 'site.json'), 'utf8')) as Record<string, unknown> & { map: { plan: Record<string, unknown> } };
  const site = {
    ...sample,
    id: 'large-benchmark-site',
    name: { nl: 'Grote leersite (benchmark)', en: 'Large learning site (benchmark)', fr: "Grand site d'apprentissage (benchmark)", tr: 'Büyük öğrenme alanı (kıyaslama)' },
    timeZone: TIME_ZONE,
    map: { ...sample.map, plan: { image: 'plan.svg', width: PLAN.width, height: PLAN.height } },
    // The sample's mentors, achievements and playlists name its own organisations and activities.
    mentors: [],
    achievements: [],
    playlists: [],
  };

  await mkdir(dir, { recursive: true });
  const write = (file: string, value: unknown) => writeFile(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  await Promise.all([
    write('site.json', site),
    write('spaces.json', { $schema: '../schema/spaces.schema.json', spaces: spaces.map((space) => space.json) }),
    write('organisations.json', { $schema: '../schema/organisations.schema.json', organisations: organisations.map((organisation) => organisation.json) }),
    write('activities.json', { $schema: '../schema/activities.schema.json', activities }),
    writeFile(join(dir, 'plan.svg'), planSvg(spaces)),
  ]);
  return {
    dir,
    spaces: spaces.length,
    concurrentSpaces: spaces.filter((space) => space.concurrent).length,
    organisations: organisations.length,
    activities: activities.length,
    offSiteActivities: plans.filter((plan) => plan.offSite).length,
    plannedOccurrences: planned,
  };
}

/** A room of a kind that suits the topic, and a free cell in it; shared rooms take anything. */
function placeSeries(grid: RoomGrid, spaces: readonly PlannedSpace[], topic: Topic, kind: Kind, minutes: number, rng: () => number): Series {
  const suitable = spaces.filter((space) => topic.rooms.includes(space.kind));
  const candidates = [...shuffled(rng, suitable.length > 0 ? suitable : spaces), ...shuffled(rng, spaces)];
  for (let attempt = 0; attempt < 400; attempt++) {
    const space = candidates[attempt % candidates.length] as PlannedSpace;
    const slot = Math.floor(rng() * SLOT_STARTS.length);
    const day = Math.floor(rng() * 7);
    const variant = kind === 'biweekly' ? Math.floor(rng() * 2) : kind === 'monthly' ? 1 + Math.floor(rng() * 4) : 0;
    // A shared room may hold overlapping sessions; its cells are never claimed.
    if (space.concurrent || grid.claim(space.id, slot, [day], kind, variant)) {
      return { kind, space: space.id, slot, days: [day], variant, minutes, concurrent: space.concurrent };
    }
  }
  throw new Error(`no free room cell left for a ${kind} ${topic.key} series; lower the activity count or raise the room count`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npx tsx test/support/large-site.ts <dir> [city]');
    process.exitCode = 2;
  } else {
    const summary = await generateLargeSite(resolve(dir), process.argv[3] === 'city' ? CITY_SITE : {});
    console.log(JSON.stringify(summary, null, 2));
  }
}
