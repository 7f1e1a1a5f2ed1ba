// The Feeds page's words and forms, kept pure: a feed's state in words (never colour alone), where it
// reads from, times relative to now, and the form of a staff feed checked with the very schema the
// hub checks it with (FeedDraftSchema), so a refusal never comes as a surprise.
import * as v from 'valibot';
import { FeedDraftSchema, type FeedDraftBody, type FeedStatus } from '../../core/hub/contract';
import { LEVEL_IDS, type FeedConfig, type FeedKind, type LevelId, type Locale } from '../../core/model';
import type { DeskKey } from '../messages';

/** Product names: the same in every language. */
export const FEED_KIND_NAMES: Record<FeedKind, string> = { uitdatabank: 'UiTdatabank', openactive: 'OpenActive', ical: 'iCal' };

/** UiTdatabank's Search API: the address a new UiT feed starts with. */
export const UITDATABANK_SEARCH_URL = 'https://search.uitdatabank.be';

/** The feed's state as a sentence key: a failing feed says whether a good copy is still shown. */
export function stateKey(status: Pick<FeedStatus, 'state' | 'lastSuccessAt'>): DeskKey {
  switch (status.state) {
    case 'ok':
      return 'feeds.state.ok';
    case 'failing':
      return status.lastSuccessAt === undefined ? 'feeds.state.failingNone' : 'feeds.state.failingKept';
    case 'disabled':
      return 'feeds.state.disabled';
    case 'never':
      return 'feeds.state.never';
  }
}

/** Where a feed reads from: the file name of a saved export, or the host of its URL. */
export function feedSource(feed: Pick<FeedConfig, 'url' | 'file'>): { kind: 'file' | 'host'; text: string } | undefined {
  if (feed.file) return { kind: 'file', text: feed.file.split(/[\\/]/).pop() ?? feed.file };
  if (!feed.url) return undefined;
  try {
    return { kind: 'host', text: new URL(feed.url).host };
  } catch {
    return { kind: 'host', text: feed.url };
  }
}

/** Config feeds first (they are the site's), then staff feeds; by name within each. */
export function sortFeeds(feeds: readonly FeedStatus[]): FeedStatus[] {
  return [...feeds].sort((a, b) => (a.source === b.source ? 0 : a.source === 'config' ? -1 : 1) || a.feed.name.localeCompare(b.feed.name) || a.feed.id.localeCompare(b.feed.id));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * "3 minuten geleden", "over 2 uur", "nu": the largest whole unit, rounded towards the nearer one.
 * `side` keeps a past event in the past (and a planned one ahead) when the clocks of page and hub
 * differ by a little, or the page's clock last ticked a minute ago.
 */
export function relativeTime(ms: number, now: number, locale: Locale, side?: 'past' | 'future'): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const raw = ms - now;
  const diff = side === 'past' ? Math.min(raw, 0) : side === 'future' ? Math.max(raw, 0) : raw;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size || unit === 'minute') {
      const count = Math.round(diff / size);
      return format.format(count === 0 ? 0 : count, count === 0 ? 'second' : unit);
    }
  }
  return format.format(0, 'second');
}

/** The form's fields, as the inputs hold them (numbers as typed text). */
export interface FeedForm {
  kind: FeedKind;
  name: string;
  url: string;
  query: string;
  postalCode: string;
  refreshMinutes: string;
  organisation: string;
  level: LevelId;
  themes: string[];
  /** '' = the site's default language. */
  contentLocale: Locale | '';
  /** '' = the hub's default (90 days). */
  days: string;
}

export const FEED_FIELDS = ['kind', 'name', 'url', 'query', 'postalCode', 'refreshMinutes', 'organisation', 'level', 'themes', 'contentLocale', 'days'] as const;
export type FeedField = (typeof FEED_FIELDS)[number];

/**
 * A problem with one field: the form's own sentence for what the schema refused, or, when the hub
 * refused it for a reason the form cannot know (an unknown organisation, a UiT search without an
 * area), the hub's words in `detail`.
 */
export type FieldProblem = { key: DeskKey; detail?: undefined } | { key: 'feeds.form.hubSays'; detail: string };
export type FieldProblems = Partial<Record<FeedField, FieldProblem>>;

export function emptyForm(): FeedForm {
  return { kind: 'ical', name: '', url: '', query: '', postalCode: '', refreshMinutes: '60', organisation: '', level: LEVEL_IDS[0], themes: [], contentLocale: '', days: '' };
}

/** The form of a staff feed being edited. */
export function formFromFeed(feed: FeedConfig): FeedForm {
  return {
    kind: feed.kind,
    name: feed.name,
    url: feed.url ?? '',
    query: feed.query ?? '',
    postalCode: feed.postalCode ?? '',
    refreshMinutes: String(feed.refreshMinutes),
    organisation: feed.organisation,
    level: feed.level,
    themes: [...feed.themes],
    contentLocale: feed.contentLocale ?? '',
    days: String(feed.days),
  };
}

/** A change of kind: a UiT feed starts at the Search API, and leaves it when it becomes another kind. */
export function withKind(form: FeedForm, kind: FeedKind): FeedForm {
  if (kind === 'uitdatabank' && form.url.trim() === '') return { ...form, kind, url: UITDATABANK_SEARCH_URL };
  if (kind !== 'uitdatabank' && form.url === UITDATABANK_SEARCH_URL) return { ...form, kind, url: '' };
  return { ...form, kind };
}

/** iCal and OpenActive feeds are written in one language the form names; UiTdatabank says per text. */
export const writtenIn = (kind: FeedKind): boolean => kind !== 'uitdatabank';

const asNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** What the form sends: only the fields its kind uses, empty optional ones left out. */
export function draftInput(form: FeedForm): Record<string, unknown> {
  const uit = form.kind === 'uitdatabank';
  return {
    kind: form.kind,
    name: form.name,
    url: form.url,
    ...(uit && form.query.trim() !== '' ? { query: form.query } : {}),
    ...(uit && form.postalCode.trim() !== '' ? { postalCode: form.postalCode } : {}),
    refreshMinutes: asNumber(form.refreshMinutes),
    organisation: form.organisation,
    level: form.level,
    themes: form.themes,
    ...(writtenIn(form.kind) && form.contentLocale !== '' ? { contentLocale: form.contentLocale } : {}),
    ...(form.days.trim() !== '' ? { days: asNumber(form.days) } : {}),
  };
}

/** The field a schema path names: "url", "draft.url", "draft.themes.3" → its field; anything else → undefined. */
export function fieldOfPath(path: string): FeedField | undefined {
  const parts = path.split('.');
  const name = parts[0] === 'draft' ? parts[1] : parts[0];
  return FEED_FIELDS.find((field) => field === name);
}

/** The form checked with the hub's schema: the draft to send, or a problem per field. */
export function checkForm(form: FeedForm): { draft: FeedDraftBody; problems?: undefined } | { draft?: undefined; problems: FieldProblems } {
  const parsed = v.safeParse(FeedDraftSchema, draftInput(form));
  if (parsed.success) return { draft: parsed.output };
  const problems: FieldProblems = {};
  for (const issue of parsed.issues) {
    const field = fieldOfPath(v.getDotPath(issue) ?? '');
    if (field && !problems[field]) problems[field] = { key: `feeds.invalid.${field}` };
  }
  return { problems };
}

/**
 * A refusal of the hub, placed on the fields it names (`issues[].path` such as "draft.url"); what
 * names no field stays for the form as a whole.
 */
export function placeRefusal(issues: readonly { path: string; message: string }[]): { problems: FieldProblems; rest: string[] } {
  const problems: FieldProblems = {};
  const rest: string[] = [];
  for (const issue of issues) {
    const field = fieldOfPath(issue.path);
    if (!field) rest.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    else if (!problems[field]) problems[field] = { key: 'feeds.form.hubSays', detail: issue.message };
  }
  return { problems, rest };
}

/** How many of a feed's problems show before "more". */
export const PROBLEMS_SHOWN = 3;
