// Playlists on the phone (issue 12), on the sample site: the catalogue carries them with public mentor
// fields and achievements; each step gets its next session; a path shows the playlists it touches.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCatalogue, parseCatalogue } from '../../../src-renderer/core/catalogue';
import { loadSiteConfig } from '../../../src-renderer/core/config';
import { SITE_FILES, type SiteBundle } from '../../../src-renderer/core/model';
import { CatalogueView } from '../../../src-renderer/follow/catalogue-view';
import { contactHref, mentorById, playlistById, playlistsForPath, playlistSteps, stepActivities } from '../../../src-renderer/follow/playlist-view';

const NOW = Date.parse('2026-03-20T00:00:00Z');
const SAMPLE = resolve(import.meta.dirname, '../../../kiosk-config/regina-mundi');
const bundle: SiteBundle = {
  source: 'regina-mundi',
  files: Object.fromEntries(SITE_FILES.map((name) => [name, existsSync(join(SAMPLE, name)) ? readFileSync(join(SAMPLE, name), 'utf8') : null])) as SiteBundle['files'],
};
const loaded = loadSiteConfig(bundle, { now: NOW });
if (!loaded.ok) throw new Error('the sample site does not validate');
const config = loaded.config;
const catalogue = buildCatalogue(config, { now: NOW });
const view = new CatalogueView(catalogue);

describe('the catalogue of the learning ecosystem', () => {
  it('carries every playlist, achievement and mentor, and a mentor contact only when it is public', () => {
    expect(catalogue.playlists.map((playlist) => playlist.id)).toEqual(config.playlists.map((playlist) => playlist.id));
    expect(catalogue.achievements.map((achievement) => achievement.id)).toEqual(config.achievements.map((achievement) => achievement.id));
    const sofie = catalogue.mentors.find((mentor) => mentor.id === 'sofie');
    const mehmet = catalogue.mentors.find((mentor) => mentor.id === 'mehmet');
    expect(sofie?.contact).toEqual({ kind: 'desk', value: 'Onthaal academie / academy reception' });
    expect(mehmet).toBeDefined();
    expect(mehmet?.contact).toBeUndefined();
    // Not in the published file at all, not even as text.
    expect(JSON.stringify(catalogue)).not.toContain('repair@example.org');
    expect(catalogue.achievements[0]).not.toHaveProperty('alignment');
  });

  it('reads back what it wrote, and an older catalogue without the learning parts reads as empty lists', () => {
    const parsed = parseCatalogue(JSON.stringify(catalogue));
    expect(parsed.ok && parsed.catalogue.playlists).toEqual(catalogue.playlists);
    expect(parsed.ok && parsed.catalogue.mentors).toEqual(catalogue.mentors);
    expect(parsed.ok && parsed.catalogue.achievements).toEqual(catalogue.achievements);
    const { playlists: _p, mentors: _m, achievements: _a, ...older } = catalogue;
    const old = parseCatalogue(JSON.stringify(older));
    expect(old.ok && [old.catalogue.playlists, old.catalogue.mentors, old.catalogue.achievements]).toEqual([[], [], []]);
  });

  it('drops hostile learning entries one by one: a script contact, a step that names nothing, a bad image', () => {
    const hostile = {
      ...catalogue,
      mentors: [{ id: 'x', firstName: 'X', organisation: 'o', helpsWith: {}, languages: ['nl', 'NOT'], findThem: {}, contact: { kind: 'url', value: 'javascript:alert(1)' } }, { id: 'no-name' }],
      achievements: [{ id: 'a', name: { nl: 'A' }, description: {}, criteria: {}, image: '../../etc/passwd.svg', organisation: 'o' }],
      playlists: [{ id: 'p', title: { nl: 'P' }, goal: {}, organisation: 'o', steps: [{ activity: 'repair-cafe' }, { level: 'nope', theme: 'making' }, { note: { nl: 'n' } }] }, { id: 'empty', steps: [{}] }],
    };
    const parsed = parseCatalogue(JSON.stringify(hostile));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.catalogue.mentors).toEqual([{ id: 'x', firstName: 'X', organisation: 'o', helpsWith: {}, languages: ['nl'], findThem: {} }]);
    expect(parsed.catalogue.achievements[0]).not.toHaveProperty('image');
    expect(parsed.catalogue.playlists).toEqual([{ id: 'p', title: { nl: 'P' }, goal: {}, organisation: 'o', steps: [{ activity: 'repair-cafe' }] }]);
  });
});

describe('a playlist on the phone', () => {
  const firstMaker = playlistById(view, 'first-maker')!;

  it('gives a named step its activity and a level+theme step the soonest matching session', () => {
    const steps = playlistSteps(view, firstMaker, NOW, new Set([1]));
    expect(steps.map((step) => step.done)).toEqual([false, true, false, false]);
    expect(steps[0]?.activity?.id).toBe('tech-fair');
    const open = steps[1]!;
    expect(open.activity).toBeUndefined();
    expect(open.level).toBe('do-together');
    const candidates = stepActivities(view, open.step);
    expect(candidates.length).toBeGreaterThan(1);
    expect(candidates.every((activity) => activity.level === 'do-together' && activity.themes.includes('making'))).toBe(true);
    // The soonest of all candidates' next sessions.
    const soonest = Math.min(...candidates.map((activity) => view.upcoming(activity.id, NOW, 1, true)[0]?.start ?? Infinity));
    expect(open.next?.span.start).toBe(soonest);
    expect(candidates.map((activity) => activity.id)).toContain(open.next?.activity.id);
    for (const step of steps) if (step.next) expect(step.next.span.end).toBeGreaterThan(NOW);
  });

  it('shows the playlists whose steps are in a path', () => {
    expect(playlistsForPath(view, ['maker-club']).map((playlist) => playlist.id)).toEqual(['first-maker']);
    // The repair café is named by one playlist and is "do together, making", a step of another.
    expect(playlistsForPath(view, ['repair-cafe', 'lunch-concert']).map((playlist) => playlist.id).sort()).toEqual(['first-maker', 'fix-it-yourself', 'listening-to-playing']);
    expect(playlistsForPath(view, ['lunch-concert']).map((playlist) => playlist.id)).toEqual(['listening-to-playing']);
    expect(playlistsForPath(view, [])).toEqual([]);
  });

  it('names the mentor and makes links only of real contacts', () => {
    expect(mentorById(view, 'sofie')?.firstName).toBe('Sofie');
    expect(mentorById(view, undefined)).toBeUndefined();
    expect(contactHref({ kind: 'email', value: 'help@example.org' })).toBe('mailto:help@example.org');
    expect(contactHref({ kind: 'phone', value: '+32 89 12 34 56' })).toBe('tel:+3289123456');
    expect(contactHref({ kind: 'url', value: 'https://example.org/ask' })).toBe('https://example.org/ask');
    expect(contactHref({ kind: 'url', value: 'javascript:alert(1)' })).toBeUndefined();
    expect(contactHref({ kind: 'desk', value: 'at the reception' })).toBeUndefined();
  });
});
