import { describe, expect, it } from 'vitest';
import type { Achievement, Mentor, Occurrence, Playlist } from '../../../src-renderer/core/model';
import { LEARNING_MESSAGES } from '../../../src-renderer/core/messages/learning';
import { addActivitiesToPath } from '../../../src-renderer/core/path-room';
import {
  badgesOf,
  mentorFor,
  playlistActivityIds,
  playlistsNaming,
  resolvePlaylist,
  suggestAfterBadge,
  type StepContext,
} from '../../../src-renderer/core/playlist-steps';
import { makeActivity } from '../core/activity-fixtures';

const NOW = Date.UTC(2026, 11, 2, 14, 30);
const HOUR = 3_600_000;

const activities = [
  makeActivity({ id: 'concert', level: 'see-do', themes: ['relaxation'], organiser: 'academy' }),
  makeActivity({ id: 'ensemble', level: 'do-together', themes: ['relaxation'], organiser: 'academy', badges: ['ensemble-beginner'] }),
  makeActivity({ id: 'choir', level: 'do-together', themes: ['relaxation'], organiser: 'choir-club' }),
  makeActivity({ id: 'band', level: 'do-together', themes: ['relaxation'], organiser: 'academy' }),
  makeActivity({ id: 'practice', level: 'do-yourself', themes: ['relaxation'], organiser: 'academy' }),
  makeActivity({ id: 'studio', level: 'do-yourself', themes: ['relaxation'], organiser: 'academy' }),
  makeActivity({ id: 'woodwork', level: 'do-yourself', themes: ['making'], organiser: 'makers' }),
];

const session = (activityId: string, startHours: number, extra: Partial<Occurrence> = {}): Occurrence => ({
  activityId,
  start: NOW + startHours * HOUR,
  end: NOW + (startHours + 1) * HOUR,
  ...extra,
});

const occurrences = new Map<string, Occurrence[]>([
  ['concert', [session('concert', -3), session('concert', 5)]],
  // choir's first session is called off; its next real one is after band's.
  ['choir', [session('choir', 1, { status: 'cancelled' }), session('choir', 30)]],
  ['band', [session('band', 20)]],
  ['practice', [session('practice', 48)]],
  ['studio', [session('studio', 3)]],
]);

const context: StepContext = { activities, occurrencesByActivity: occurrences, now: NOW };

const playlist: Playlist = {
  id: 'listen-to-play',
  title: { nl: 'Van luisteren naar spelen', en: 'From listening to playing' },
  goal: { nl: 'Zelf spelen' },
  organisation: 'academy',
  mentor: 'sofie',
  badge: 'ensemble-beginner',
  steps: [{ activity: 'concert' }, { level: 'do-together', theme: 'relaxation' }, { activity: 'ensemble' }, { activity: 'practice' }],
};

const achievement = (id: string, rest: Partial<Achievement> = {}): Achievement => ({
  id,
  name: { nl: id },
  description: { nl: id },
  criteria: { nl: `do ${id}` },
  organisation: 'academy',
  alignment: [],
  ...rest,
});

describe('resolvePlaylist', () => {
  const steps = resolvePlaylist(playlist, context);

  it('gives a named step its activity and the next session that has not ended', () => {
    expect(steps[0]!.activity?.id).toBe('concert');
    expect(steps[0]!.next?.start).toBe(NOW + 5 * HOUR);
    expect(steps[0]!.level).toBe('see-do');
  });

  it('gives a level+theme step the activity of the soonest matching session that goes ahead', () => {
    // ensemble has no sessions, choir's 1-hour session is cancelled: band (in 20 h) comes before choir (30 h).
    expect(steps[1]!.activity?.id).toBe('band');
    expect(steps[1]!.next?.start).toBe(NOW + 20 * HOUR);
    expect(steps[1]!.matches.map((a) => a.id)).toEqual(['band', 'choir', 'ensemble']);
    expect(steps[1]!.theme).toBe('relaxation');
  });

  it('keeps a step without sessions, and one whose activity is gone, without a next session', () => {
    expect(steps[2]!.activity?.id).toBe('ensemble');
    expect(steps[2]!.next).toBeUndefined();
    const gone = resolvePlaylist({ ...playlist, steps: [{ activity: 'removed' }, { level: 'do-yourself', theme: 'food' }] }, context);
    expect(gone.map((step) => step.activity)).toEqual([undefined, undefined]);
    expect(playlistActivityIds(gone)).toEqual([]);
  });

  it('lists the activities "add the whole playlist" adds, in step order', () => {
    expect(playlistActivityIds(steps)).toEqual(['concert', 'band', 'ensemble', 'practice']);
  });
});

describe('addActivitiesToPath', () => {
  it('adds in order and skips what is already in the path or named twice', () => {
    const result = addActivitiesToPath(['band', 'woodwork'], ['concert', 'band', 'ensemble', 'concert'], 10);
    expect(result.path).toEqual(['band', 'woodwork', 'concert', 'ensemble']);
    expect(result.added).toEqual(['concert', 'ensemble']);
    expect(result.duplicates).toEqual(['band', 'concert']);
    expect(result.leftOut).toEqual([]);
  });

  it('stops at the room left and says what did not fit, keeping the path as it was', () => {
    const result = addActivitiesToPath(['woodwork'], ['concert', 'band', 'ensemble'], 1);
    expect(result.path).toEqual(['woodwork', 'concert']);
    expect(result.leftOut).toEqual(['band', 'ensemble']);
    expect(addActivitiesToPath(['woodwork'], ['concert'], 0)).toMatchObject({ path: ['woodwork'], added: [], leftOut: ['concert'] });
  });
});

describe('an activity in playlists', () => {
  const mentors: Mentor[] = [
    { id: 'sofie', firstName: 'Sofie', organisation: 'academy', helpsWith: { nl: 'muziek' }, languages: ['nl'], findThem: { nl: 'woensdag' } },
    { id: 'mehmet', firstName: 'Mehmet', organisation: 'makers', helpsWith: { nl: 'hout' }, languages: ['tr'], findThem: { nl: 'zaterdag' } },
  ];

  it('names every playlist and the step that names it', () => {
    const other: Playlist = { ...playlist, id: 'other', steps: [{ activity: 'woodwork' }, { activity: 'ensemble' }, { activity: 'practice' }] };
    expect(playlistsNaming('ensemble', [playlist, other]).map(({ playlist: p, index }) => [p.id, index])).toEqual([
      ['listen-to-play', 2],
      ['other', 1],
    ]);
    expect(playlistsNaming('studio', [playlist, other])).toEqual([]);
  });

  it('leads to its own badges and to the badge of a playlist it ends', () => {
    const achievements = [achievement('ensemble-beginner'), achievement('soloist')];
    const ending = { ...playlist, badge: 'soloist' };
    expect(badgesOf(activities[1]!, achievements, [ending]).map((a) => a.id)).toEqual(['ensemble-beginner']);
    expect(badgesOf(activities[4]!, achievements, [ending]).map((a) => a.id)).toEqual(['soloist']);
    expect(badgesOf(makeActivity({ id: 'x', badges: ['unknown'] }), achievements, [])).toEqual([]);
  });

  it("asks the playlist's mentor, else a mentor of the organiser, else nobody", () => {
    expect(mentorFor(activities[0]!, [playlist], mentors)?.id).toBe('sofie');
    expect(mentorFor(activities[6]!, [playlist], mentors)?.id).toBe('mehmet');
    expect(mentorFor(activities[2]!, [playlist], mentors)).toBeUndefined();
  });
});

describe('suggestAfterBadge', () => {
  it('suggests the playlist steps after the one that awards the badge, then a level up in its theme, soonest first', () => {
    const suggestions = suggestAfterBadge(achievement('ensemble-beginner', { level: 'do-together', theme: 'relaxation' }), [playlist], context);
    expect(suggestions.map((s) => [s.activity.id, s.reason.kind])).toEqual([
      ['practice', 'playlist'],
      ['studio', 'level-up'],
    ]);
    expect(suggestions[0]!.reason).toMatchObject({ kind: 'playlist', index: 3 });
    expect(suggestions[1]!.next?.start).toBe(NOW + 3 * HOUR);
  });

  it("for the badge a playlist leads to: the steps after its last step at the badge's level", () => {
    const lastBadge = { ...playlist, badge: 'band-player', steps: [{ activity: 'concert' }, { activity: 'choir' }, { activity: 'band' }, { activity: 'practice' }] };
    const suggestions = suggestAfterBadge(achievement('band-player', { level: 'do-together', theme: 'making' }), [lastBadge], context);
    expect(suggestions.map((s) => [s.activity.id, s.reason.kind])).toEqual([
      ['practice', 'playlist'],
      ['woodwork', 'level-up'],
    ]);
    // Not the playlist's badge, and named by no step: only the level up.
    expect(suggestAfterBadge(achievement('other', { level: 'do-together', theme: 'making' }), [lastBadge], context).map((s) => s.activity.id)).toEqual(['woodwork']);
  });

  it('without a playlist: the level above in the theme, leaving out what is already in the path', () => {
    const badge = achievement('maker', { level: 'do-together', theme: 'making' });
    expect(suggestAfterBadge(badge, [], context).map((s) => s.activity.id)).toEqual(['woodwork']);
    expect(suggestAfterBadge(badge, [], context, { exclude: ['woodwork'] })).toEqual([]);
  });

  it('at the top of the ladder: other do-yourself activities of the theme', () => {
    const badge = achievement('player', { level: 'do-yourself', theme: 'relaxation' });
    expect(suggestAfterBadge(badge, [], context).map((s) => s.activity.id)).toEqual(['studio', 'practice']);
  });
});

describe('the learning strings', () => {
  it('have every key in every language, with the same placeholders as Dutch', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [locale, table] of Object.entries(LEARNING_MESSAGES)) {
      expect(Object.keys(table).sort(), locale).toEqual(Object.keys(LEARNING_MESSAGES.nl).sort());
      for (const [key, text] of Object.entries(table)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(LEARNING_MESSAGES.nl[key as keyof typeof table]));
      }
    }
  });
});
