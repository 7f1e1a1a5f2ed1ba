import { describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../../src-renderer/core/hub/contract';
import type { FeedConfig } from '../../../src-renderer/core/model';
import {
  checkForm,
  draftInput,
  emptyForm,
  feedSource,
  fieldOfPath,
  formFromFeed,
  placeRefusal,
  relativeTime,
  sortFeeds,
  stateKey,
  UITDATABANK_SEARCH_URL,
  withKind,
  type FeedForm,
} from '../../../src-renderer/staff/desk/feeds';
import { deskTranslate } from '../../../src-renderer/staff/messages';

const feed = (overrides: Partial<FeedConfig> = {}): FeedConfig => ({
  id: 'partner-cal',
  kind: 'ical',
  name: 'Partnerkalender',
  url: 'https://calendar.example.org/public/basic.ics',
  apiKeyEnv: 'UITDATABANK_API_KEY',
  refreshMinutes: 60,
  organisation: 'fablab-genk',
  level: 'do-together',
  themes: ['make'],
  terms: {},
  days: 90,
  ...overrides,
});

const status = (overrides: Partial<FeedStatus> = {}): FeedStatus => ({
  feed: feed(),
  source: 'staff',
  state: 'ok',
  failures: 0,
  items: 0,
  activities: 0,
  occurrences: 0,
  duplicates: 0,
  problems: [],
  ...overrides,
});

const filled = (overrides: Partial<FeedForm> = {}): FeedForm => ({
  ...emptyForm(),
  name: 'Partnerkalender',
  url: 'https://calendar.example.org/public/basic.ics',
  organisation: 'fablab-genk',
  ...overrides,
});

describe('a feed in words', () => {
  it('says whether a failing feed still shows a good copy, and never relies on colour for any state', () => {
    expect(deskTranslate('nl', stateKey({ state: 'ok' }))).toBe('OK');
    expect(deskTranslate('nl', stateKey({ state: 'failing', lastSuccessAt: 1 }))).toBe('Faalt — vorige goede kopie wordt getoond');
    expect(deskTranslate('nl', stateKey({ state: 'failing' }))).toBe('Faalt — er is nog geen goede kopie');
    expect(deskTranslate('nl', stateKey({ state: 'never' }))).toBe('Nog niet gelezen');
    expect(deskTranslate('nl', stateKey({ state: 'disabled' }))).toBe('Uitgeschakeld: API-sleutel ontbreekt');
    expect(deskTranslate('en', stateKey({ state: 'failing', lastSuccessAt: 1 }))).toBe('Failing — the last good copy is shown');
  });

  it('names where a feed reads from: the host of its URL, or the file name of a saved export', () => {
    expect(feedSource({ url: 'https://calendar.example.org:8443/public/basic.ics?key=1' })).toEqual({ kind: 'host', text: 'calendar.example.org:8443' });
    expect(feedSource({ file: 'feeds/uit-export.json', url: 'https://search.uitdatabank.be' })).toEqual({ kind: 'file', text: 'uit-export.json' });
    expect(feedSource({})).toBeUndefined();
  });

  it('lists the config feeds first, then the staff feeds, each by name', () => {
    const sorted = sortFeeds([
      status({ feed: feed({ id: 'b', name: 'Bibliotheek' }), source: 'staff' }),
      status({ feed: feed({ id: 'z', name: 'UiT in Genk' }), source: 'config' }),
      status({ feed: feed({ id: 'a', name: 'Atelier' }), source: 'staff' }),
      status({ feed: feed({ id: 'c', name: 'C-mine' }), source: 'config' }),
    ]);
    expect(sorted.map((s) => s.feed.id)).toEqual(['c', 'z', 'a', 'b']);
  });

  it('says a time relative to now in the chosen language, in the largest whole unit', () => {
    const now = Date.UTC(2026, 11, 2, 14, 30);
    expect(relativeTime(now - 10_000, now, 'nl')).toBe('nu');
    expect(relativeTime(now - 3 * 60_000, now, 'nl')).toBe('3 minuten geleden');
    expect(relativeTime(now + 45 * 60_000, now, 'en')).toBe('in 45 minutes');
    expect(relativeTime(now - 2 * 3_600_000, now, 'fr')).toBe('il y a 2 heures');
    expect(relativeTime(now - 26 * 3_600_000, now, 'nl')).toBe('gisteren');
    expect(relativeTime(now + 3 * 86_400_000, now, 'en')).toBe('in 3 days');
  });

  it('keeps a past read in the past and a planned one ahead when the clocks differ a little', () => {
    const now = Date.UTC(2026, 11, 2, 14, 30);
    expect(relativeTime(now + 50_000, now, 'nl', 'past')).toBe('nu');
    expect(relativeTime(now - 5 * 60_000, now, 'nl', 'past')).toBe('5 minuten geleden');
    expect(relativeTime(now - 2 * 60_000, now, 'en', 'future')).toBe('now');
    expect(relativeTime(now + 2 * 60_000, now, 'en', 'future')).toBe('in 2 minutes');
  });
});

describe('the feed form', () => {
  it('sends only what the kind uses, with numbers as numbers and empty optional fields left out', () => {
    const uit = filled({ kind: 'uitdatabank', url: UITDATABANK_SEARCH_URL, query: ' regions:nis-71016-Z ', postalCode: '3600', contentLocale: 'fr', days: '' });
    expect(draftInput(uit)).toEqual({
      kind: 'uitdatabank',
      name: 'Partnerkalender',
      url: UITDATABANK_SEARCH_URL,
      query: ' regions:nis-71016-Z ',
      postalCode: '3600',
      refreshMinutes: 60,
      organisation: 'fablab-genk',
      level: 'see-do',
      themes: [],
    });
    const ical = filled({ query: 'ignored', postalCode: '3600', contentLocale: 'fr', days: '30' });
    expect(draftInput(ical)).toEqual({
      kind: 'ical',
      name: 'Partnerkalender',
      url: 'https://calendar.example.org/public/basic.ics',
      refreshMinutes: 60,
      organisation: 'fablab-genk',
      level: 'see-do',
      themes: [],
      contentLocale: 'fr',
      days: 30,
    });
  });

  it('names the language of iCal and OpenActive feeds, never of UiTdatabank (which says it per text)', () => {
    expect(draftInput(filled({ kind: 'openactive', contentLocale: 'fr' }))).toMatchObject({ contentLocale: 'fr' });
    expect(draftInput(filled({ kind: 'uitdatabank', contentLocale: 'fr' }))).not.toHaveProperty('contentLocale');
    expect(draftInput(filled({ kind: 'ical', contentLocale: '' }))).not.toHaveProperty('contentLocale');
  });

  it('passes a good draft through the hub schema, trimmed', () => {
    const checked = checkForm(filled({ name: '  Partnerkalender  ', themes: ['make', 'nature'], days: '14' }));
    expect(checked.problems).toBeUndefined();
    expect(checked.draft).toMatchObject({ name: 'Partnerkalender', themes: ['make', 'nature'], days: 14 });
  });

  it('puts each problem on the field it concerns, with the schema the hub uses', () => {
    const checked = checkForm(filled({ name: ' ', url: 'ftp://calendar.example.org/x.ics', refreshMinutes: '2', organisation: '', days: '1.5' }));
    expect(checked.draft).toBeUndefined();
    expect(Object.keys(checked.problems ?? {}).sort()).toEqual(['days', 'name', 'organisation', 'refreshMinutes', 'url']);
    expect(checked.problems?.url).toEqual({ key: 'feeds.invalid.url' });
    expect(checkForm(filled({ url: 'https://user:secret@calendar.example.org/x.ics' })).problems).toEqual({ url: { key: 'feeds.invalid.url' } });
    expect(checkForm(filled({ refreshMinutes: '' })).problems).toEqual({ refreshMinutes: { key: 'feeds.invalid.refreshMinutes' } });
    expect(checkForm(filled({ kind: 'uitdatabank', postalCode: '36/00' })).problems).toEqual({ postalCode: { key: 'feeds.invalid.postalCode' } });
  });

  it('starts a UiT feed at the Search API and leaves that address when the kind changes back', () => {
    const uit = withKind(emptyForm(), 'uitdatabank');
    expect(uit.url).toBe(UITDATABANK_SEARCH_URL);
    expect(withKind(uit, 'openactive').url).toBe('');
    expect(withKind(filled(), 'uitdatabank').url).toBe('https://calendar.example.org/public/basic.ics');
  });

  it('edits a staff feed with the values it has, and sends them back unchanged', () => {
    const config = feed({ contentLocale: 'tr', days: 30, refreshMinutes: 15 });
    const form = formFromFeed(config);
    expect(form).toMatchObject({ refreshMinutes: '15', days: '30', contentLocale: 'tr', themes: ['make'] });
    expect(checkForm(form).draft).toEqual({
      kind: 'ical',
      name: config.name,
      url: config.url,
      refreshMinutes: 15,
      organisation: config.organisation,
      level: config.level,
      themes: ['make'],
      contentLocale: 'tr',
      days: 30,
    });
  });

  it('places the hub refusal on the fields its issues name, and keeps the rest for the form', () => {
    expect(fieldOfPath('draft.themes.3')).toBe('themes');
    expect(fieldOfPath('url')).toBe('url');
    expect(fieldOfPath('draft')).toBeUndefined();
    expect(fieldOfPath('idempotencyKey')).toBeUndefined();
    const placed = placeRefusal([
      { path: 'draft.organisation', message: 'no partner organisation "nobody" in the config' },
      { path: 'draft.url', message: 'an http:// or https:// URL without a user name or password (got "x")' },
      { path: 'id', message: 'a config feed is changed in site.json' },
    ]);
    expect(placed.problems).toEqual({
      organisation: { key: 'feeds.form.hubSays', detail: 'no partner organisation "nobody" in the config' },
      url: { key: 'feeds.form.hubSays', detail: 'an http:// or https:// URL without a user name or password (got "x")' },
    });
    expect(placed.rest).toEqual(['id: a config feed is changed in site.json']);
  });
});
