// Small hand-made activities for the Explore logic tests: only what a test sets differs from a
// plain, free, all-ages see-do activity in a room of its own (so no two share a space by accident).
import fc from 'fast-check';
import type { Activity, LevelId, PriceKind } from '../../../src-renderer/core/model';
import { LEVEL_IDS } from '../../../src-renderer/core/model';

export const THEME_IDS = ['relaxation', 'making', 'food', 'nature', 'thinking'] as const;

export type ActivitySketch = Partial<Omit<Activity, 'id'>> & { id: string };

export function makeActivity({ id, ...rest }: ActivitySketch): Activity {
  return {
    id,
    title: { nl: id },
    summary: {},
    description: {},
    level: 'see-do',
    themes: [],
    organiser: 'site',
    space: `${id}-room`,
    schedule: [],
    ages: { min: 0 },
    price: { kind: 'free' },
    languages: ['nl'],
    registration: 'walk-in',
    badges: [],
    nextSteps: [],
    ...rest,
  };
}

/** An off-site partner activity: a place instead of a space. */
export function makePartnerActivity(sketch: ActivitySketch): Activity {
  const { space: _space, ...activity } = makeActivity({ organiser: 'partner', ...sketch });
  return { ...activity, place: { name: 'Atelier in de stad', address: 'Stadsplein 1, Genk', geo: { lat: 50.96, lon: 5.5 } } };
}

const levelArbitrary: fc.Arbitrary<LevelId> = fc.constantFrom(...LEVEL_IDS);
const priceArbitrary: fc.Arbitrary<PriceKind> = fc.constantFrom('free', 'paid', 'pay-what-you-can');

/** Random activities with unique ids ("a0", "a1", …), small pools of themes, organisers and spaces. */
export function activitiesArbitrary(maxLength = 12): fc.Arbitrary<Activity[]> {
  const sketch = fc.record({
    level: levelArbitrary,
    themes: fc.uniqueArray(fc.constantFrom(...THEME_IDS), { maxLength: 3 }),
    minAge: fc.integer({ min: 0, max: 80 }),
    span: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    price: priceArbitrary,
    organiser: fc.constantFrom('academy', 'repair-cafe', 'care-home'),
    space: fc.option(fc.constantFrom('hall', 'garden', 'workshop'), { nil: undefined }),
    title: fc.constantFrom('Atelier', 'atelier', 'Écoute', 'Zaal', 'tuin'),
  });
  return fc.array(sketch, { maxLength }).map((sketches) =>
    sketches.map((s, index) => {
      const base = { id: `a${index}`, title: { nl: s.title }, level: s.level, themes: s.themes, organiser: s.organiser, ages: s.span === undefined ? { min: s.minAge } : { min: s.minAge, max: s.minAge + s.span }, price: { kind: s.price } };
      return s.space === undefined ? makePartnerActivity(base) : makeActivity({ ...base, space: s.space });
    }),
  );
}
