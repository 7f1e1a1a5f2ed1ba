import { describe, expect, it } from 'vitest';
import type { Mentor, Playlist } from '../../../src-renderer/core/model';
import {
  addStep,
  checkItem,
  emptyForm,
  itemFromForm,
  MAX_STEPS,
  mentorForm,
  moveStep,
  placeErrors,
  playlistForm,
  removeStep,
  type MentorForm,
  type PlaylistForm,
} from '../../../src-renderer/staff/desk/learning';

const LOCALES = ['nl', 'en'] as const;
const sofie: Mentor = {
  id: 'sofie',
  firstName: 'Sofie',
  organisation: 'academie-genk',
  helpsWith: { nl: 'Muziek', en: 'Music', fr: 'Musique' },
  languages: ['nl', 'en'],
  findThem: { nl: 'Woensdag', en: 'Wednesday' },
  contact: { kind: 'desk', value: 'Onthaal', public: true },
};
const playlist: Playlist = {
  id: 'first-maker',
  title: { nl: 'Eerste maker' },
  goal: { nl: 'Zelf iets maken' },
  organisation: 'campus-t2',
  mentor: 'lotte',
  steps: [{ activity: 'tech-fair', note: { nl: 'Kijk eerst' } }, { level: 'do-together', theme: 'making' }, { activity: 'maker-club' }],
};

describe('learning forms: item ↔ form', () => {
  it('gives back the same mentor, keeping texts only in the site\'s languages', () => {
    const item = itemFromForm(mentorForm(sofie), LOCALES);
    expect(item).toEqual({ ...sofie, helpsWith: { nl: 'Muziek', en: 'Music' } });
  });

  it('gives back the same playlist, notes and the level+theme step included', () => {
    expect(itemFromForm(playlistForm(playlist), ['nl', 'en', 'fr', 'tr'])).toEqual(playlist);
  });

  it('leaves empty optional fields out instead of writing ""', () => {
    const form: MentorForm = { ...(emptyForm('mentor') as MentorForm), id: ' lars ', firstName: 'Lars ', organisation: 'c-mine', helpsWith: { nl: ' Hout ', en: '  ' }, findThem: { nl: 'Maandag' }, languages: 'NL, en;fr' };
    expect(itemFromForm(form, LOCALES)).toEqual({ id: 'lars', firstName: 'Lars', organisation: 'c-mine', helpsWith: { nl: 'Hout' }, languages: ['nl', 'en', 'fr'], findThem: { nl: 'Maandag' } });
  });
});

describe('learning forms: checks before the hub sees them', () => {
  it('accepts a complete mentor', () => {
    expect(checkItem(mentorForm(sofie), LOCALES, 'nl').errors).toEqual([]);
  });

  it('says which field is wrong, relative to the item, and asks for the default language', () => {
    const form: MentorForm = { ...mentorForm(sofie), id: 'Not An Id', helpsWith: { en: 'Music' } };
    const { errors } = checkItem(form, LOCALES, 'nl');
    expect(errors.map((error) => error.path)).toEqual(['id', 'helpsWith.nl']);
  });

  it('refuses a playlist with fewer than three steps, and an achievement with a validity that is not a whole number', () => {
    const short: PlaylistForm = { ...playlistForm(playlist), steps: playlistForm(playlist).steps.slice(0, 2) };
    expect(checkItem(short, LOCALES, 'nl').errors.map((error) => error.path)).toContain('steps');
    const achievement = { ...emptyForm('achievement'), id: 'chef', organisation: 'x', name: { nl: 'Chef' }, description: { nl: 'd' }, criteria: { nl: 'c' }, validDays: '1.5' };
    expect(checkItem(achievement, LOCALES, 'nl').errors.map((error) => error.path)).toEqual(['validDays']);
  });
});

describe('learning forms: the hub\'s problems beside their fields', () => {
  it('places problems about this item, by its place in site.json, and lists the rest', () => {
    const form = playlistForm(playlist);
    const placed = placeErrors(
      [
        { file: 'site.json', path: 'playlists[2].mentor', message: 'mentor `lotte` does not exist in `mentors`' },
        { file: 'site.json', path: 'playlists[2].steps[1].theme', message: 'theme `making` does not exist' },
        { file: 'site.json', path: 'playlists[2].steps[1]', message: 'goes down the ladder' },
        { file: 'site.json', path: 'playlists[2].title.en', message: 'too long' },
        { file: 'site.json', path: 'playlists[0].badge', message: 'another playlist' },
        { file: 'site.json', path: 'mentors[1].organisation', message: 'another list' },
        { file: 'site.json', path: '', message: 'the whole file' },
      ],
      form,
      ['nl', 'en'],
      2,
    );
    expect(placed.fields).toEqual({
      mentor: 'mentor `lotte` does not exist in `mentors`',
      'steps[1]': 'theme `making` does not exist; goes down the ladder',
      'title.en': 'too long',
    });
    expect(placed.rest).toEqual(['playlists[0].badge: another playlist', 'mentors[1].organisation: another list', 'the whole file']);
  });

  it('reads paths relative to the item too, and keeps a problem of a field the form lacks in the list', () => {
    const placed = placeErrors(
      [
        { file: 'site.json', path: 'item.firstName', message: 'too long' },
        { file: 'site.json', path: 'contact.value', message: 'must not be empty' },
        { file: 'site.json', path: 'unknownField', message: 'unknown field' },
      ],
      mentorForm(sofie),
      ['nl'],
      0,
    );
    expect(placed.fields).toEqual({ firstName: 'too long', contact: 'must not be empty' });
    expect(placed.rest).toEqual(['unknownField: unknown field']);
  });
});

describe('learning forms: ordering steps', () => {
  const steps = playlistForm(playlist).steps;

  it('moves a step up and down, and not past either end', () => {
    expect(moveStep(steps, 2, -1).map((step) => step.activity || step.theme)).toEqual(['tech-fair', 'maker-club', 'making']);
    expect(moveStep(steps, 0, 1).map((step) => step.activity || step.theme)).toEqual(['making', 'tech-fair', 'maker-club']);
    expect(moveStep(steps, 0, -1)).toEqual(steps);
    expect(moveStep(steps, 2, 1)).toEqual(steps);
  });

  it('keeps between three and eight steps', () => {
    expect(removeStep(steps, 0)).toHaveLength(3);
    let many = steps;
    for (let i = 0; i < 10; i++) many = addStep(many);
    expect(many).toHaveLength(MAX_STEPS);
    expect(removeStep(many, 0)).toEqual(many.slice(1));
    expect(addStep(many)).toHaveLength(MAX_STEPS);
  });
});
