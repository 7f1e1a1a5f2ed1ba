import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVEL_IDS, type Activity, type Occurrence } from '../../../src-renderer/core/model';
import { pathGuidance, suggestNextSteps } from '../../../src-renderer/core/next-steps';
import { activitiesArbitrary, makeActivity, makePartnerActivity } from './activity-fixtures';
import { PROPERTY_TIMEOUT_MS } from '../../support/property';

// A small Regina Mundi-like offer: three levels, five themes, two off-site partners.
const site = {
  techFair: makeActivity({ id: 'tech-fair', level: 'see-do', themes: ['making', 'thinking'], organiser: 'campus-t2' }),
  recital: makeActivity({ id: 'recital', level: 'see-do', themes: ['relaxation'], organiser: 'academy' }),
  gardensOpen: makeActivity({ id: 'gardens-open', level: 'see-do', themes: ['nature'], organiser: 'care-home', space: 'gardens' }),
  openWorkshop: makeActivity({ id: 'open-workshop', level: 'see-do', themes: ['making'], organiser: 'academy' }),
  foodMarket: makeActivity({ id: 'food-market', level: 'see-do', themes: ['food'], organiser: 'neighbours' }),
  debate: makeActivity({ id: 'debate', level: 'see-do', themes: ['thinking', 'food'], organiser: 'neighbours' }),
  repairCafe: makeActivity({ id: 'repair-cafe', level: 'do-together', themes: ['making'], organiser: 'repair-cafe', space: 'workshop' }),
  techDay: makeActivity({ id: 'tech-day', level: 'do-together', themes: ['making', 'thinking'], organiser: 'campus-t2' }),
  cookingKids: makeActivity({ id: 'cooking-kids', level: 'do-together', themes: ['food'], organiser: 'neighbours' }),
  gardenClub: makeActivity({ id: 'garden-club', level: 'do-together', themes: ['nature'], organiser: 'care-home', space: 'gardens' }),
  practiceRoom: makeActivity({ id: 'practice-room', level: 'do-yourself', themes: ['relaxation', 'making'], organiser: 'academy' }),
  makerBench: makeActivity({ id: 'maker-bench', level: 'do-yourself', themes: ['making'], organiser: 'repair-cafe', space: 'workshop' }),
  winterBar: makeActivity({ id: 'winter-bar', level: 'do-yourself', themes: ['food'], organiser: 'neighbours' }),
  craftsman: makePartnerActivity({ id: 'craftsman-city', level: 'do-together', themes: ['making'] }),
  cityExpo: makePartnerActivity({ id: 'city-expo', level: 'see-do', themes: ['making'] }),
};
const all: Activity[] = Object.values(site);

const ids = (activities: Activity[]): string[] => activities.map((activity) => activity.id);

function suggest(activity: Activity, options?: Parameters<typeof suggestNextSteps>[2], activities: Activity[] = all): { broaden: string[]; deepen: string[] } {
  const steps = suggestNextSteps(activity, activities, options);
  return { broaden: ids(steps.broaden), deepen: ids(steps.deepen) };
}

describe('deepen', () => {
  it('goes one level up within a shared theme', () => {
    expect(suggest(site.openWorkshop).deepen).toEqual(['craftsman-city', 'repair-cafe', 'tech-day']);
    expect(suggest(site.foodMarket).deepen).toEqual(['cooking-kids']);
    expect(suggest(site.repairCafe).deepen).toEqual(['maker-bench', 'practice-room']);
  });

  it('prefers more shared themes, then the same organiser', () => {
    expect(suggest(site.techFair).deepen).toEqual(['tech-day', 'craftsman-city', 'repair-cafe']);
    const organiserTwin = makeActivity({ id: 'z-repair-evening', level: 'do-together', themes: ['making'], organiser: 'academy' });
    expect(suggest(site.openWorkshop, {}, [...all, organiserTwin]).deepen).toEqual(['z-repair-evening', 'craftsman-city', 'repair-cafe']);
  });

  it('from do-yourself: off-site partners in the theme first, then other do-yourself in the theme, never see-do', () => {
    expect(suggest(site.makerBench).deepen).toEqual(['craftsman-city', 'practice-room']);
    expect(suggest(site.makerBench).deepen).not.toContain('city-expo');
    expect(suggest(site.winterBar).deepen).toEqual([]);
  });

  it('is empty when no activity shares a theme one level up', () => {
    expect(suggest(site.recital).deepen).toEqual([]);
  });
});

describe('broaden', () => {
  it('stays on the level and opens another theme, those sharing no theme first', () => {
    // debate shares "thinking" with the tech fair; open-workshop and city-expo bring no new theme.
    expect(suggest(site.techFair, { limit: 5 }).broaden).toEqual(['food-market', 'gardens-open', 'recital', 'debate']);
  });

  it('spreads across themes before repeating one', () => {
    const baking = makeActivity({ id: 'baking-demo', level: 'see-do', themes: ['food'] });
    // open-workshop leads (same organiser) with making; city-expo (making again) and food-market (food
    // again, after baking-demo) are passed over for debate, which opens thinking.
    expect(suggest(site.recital, { limit: 3 }, [...all, baking]).broaden).toEqual(['open-workshop', 'baking-demo', 'debate']);
    expect(suggest(site.recital, { limit: 5 }, [...all, baking]).broaden).toEqual(['open-workshop', 'baking-demo', 'debate', 'gardens-open', 'city-expo']);
  });

  it('breaks ties by familiar organiser, then by the same space', () => {
    const sameOrganiser = makeActivity({ id: 'zz-same-organiser', level: 'do-together', themes: ['thinking'], organiser: 'care-home' });
    const sameSpace = makeActivity({ id: 'zz-same-space', level: 'do-together', themes: ['relaxation'], space: 'gardens' });
    expect(suggest(site.gardenClub, { limit: 4 }, [...all, sameSpace, sameOrganiser]).broaden).toEqual(['zz-same-organiser', 'zz-same-space', 'cooking-kids', 'craftsman-city']);
  });

  it('does not repeat under broaden what it suggests to deepen', () => {
    const steps = suggest(site.makerBench, { limit: 10 });
    expect(steps.broaden).toEqual(['winter-bar']);
    expect(steps.deepen).toContain('practice-room');
  });
});

describe('hand-picked next steps', () => {
  const curated = { ...site.openWorkshop, nextSteps: ['maker-bench', 'recital', 'missing', 'open-workshop', 'recital'] };

  it('come first, in deepen when their level is higher and in broaden otherwise', () => {
    const steps = suggest(curated);
    expect(steps.deepen).toEqual(['maker-bench', 'craftsman-city', 'repair-cafe']);
    expect(steps.broaden[0]).toBe('recital');
    expect(steps.broaden.filter((id) => id === 'recital')).toHaveLength(1);
  });

  it('ignore unknown ids, the activity itself and excluded ids', () => {
    const steps = suggest(curated, { exclude: ['maker-bench'] });
    expect(steps.deepen).toEqual(['craftsman-city', 'repair-cafe', 'tech-day']);
    expect([...steps.broaden, ...steps.deepen]).not.toContain('missing');
    expect([...steps.broaden, ...steps.deepen]).not.toContain('open-workshop');
  });

  it('keep their organiser order and may fill the whole list', () => {
    const curatedBroaden = { ...site.techFair, nextSteps: ['recital', 'city-expo', 'food-market'] };
    expect(suggest(curatedBroaden).broaden).toEqual(['recital', 'city-expo', 'food-market']);
  });
});

describe('options', () => {
  it('limits each list, 3 by default', () => {
    expect(suggest(site.techFair, { limit: 10 }).broaden.length).toBeGreaterThan(3);
    expect(suggest(site.techFair).broaden).toHaveLength(3);
    expect(suggest(site.techFair, { limit: 1 })).toEqual({ broaden: ['food-market'], deepen: ['tech-day'] });
    expect(suggest(site.techFair, { limit: 0 })).toEqual({ broaden: [], deepen: [] });
  });

  it('never suggests excluded ids, such as those already in the path', () => {
    expect(suggest(site.openWorkshop, { exclude: ['craftsman-city', 'repair-cafe'] }).deepen).toEqual(['tech-day']);
  });

  it('puts activities that still happen first when upcoming occurrences are given', () => {
    const session: Occurrence = { activityId: 'tech-day', start: 0, end: 1 };
    const upcoming = new Map([['tech-day', [session]], ['repair-cafe', []]]);
    expect(suggest(site.openWorkshop, { upcoming }).deepen).toEqual(['tech-day', 'craftsman-city', 'repair-cafe']);
  });
});

describe('feed items (partner activities a feed brought in, each at its own place)', () => {
  const SITE = { lat: 50.965, lon: 5.5 };
  const feedItem = (id: string, level: Activity['level'], themes: string[], geo: { lat: number; lon: number }): Activity => ({
    ...makePartnerActivity({ id, level, themes, organiser: 'uit' }),
    place: { name: id, address: 'Genk', geo },
    origin: { feed: 'uit-genk', kind: 'uitdatabank', name: 'UiT in Genk', sourceId: id },
  });
  // Three city workshops in "making", 5 km, 1 km and 3 km from the site; ids deliberately out of distance order.
  const far = feedItem('uit-a-far', 'do-together', ['making'], { lat: 51.01, lon: 5.5 });
  const near = feedItem('uit-b-near', 'do-together', ['making'], { lat: 50.974, lon: 5.5 });
  const middle = feedItem('uit-c-middle', 'do-together', ['making'], { lat: 50.992, lon: 5.5 });
  const withFeed = [...all, far, near, middle];

  it('suggests them to deepen, nearest first among equals when the site point is known', () => {
    // Without the site point, ties fall back to id order (the partners' craftsman-city first, as before).
    expect(suggest(site.openWorkshop, { limit: 6 }, withFeed).deepen).toEqual(['craftsman-city', 'repair-cafe', 'tech-day', 'uit-a-far', 'uit-b-near', 'uit-c-middle']);
    // With it: on site before off site, then by distance (the craftsman's place is 0.6 km away).
    expect(suggest(site.openWorkshop, { limit: 6, from: SITE }, withFeed).deepen).toEqual(['repair-cafe', 'tech-day', 'craftsman-city', 'uit-b-near', 'uit-c-middle', 'uit-a-far']);
  });

  it('as "continue in the city" from do-yourself, nearest first', () => {
    expect(suggest(site.makerBench, { from: SITE }, withFeed).deepen).toEqual(['craftsman-city', 'uit-b-near', 'uit-c-middle']);
  });

  it('ranks an item whose sessions are all called off after those that still happen', () => {
    const upcoming = new Map<string, Occurrence[]>([
      ['uit-b-near', [{ activityId: 'uit-b-near', start: 1, end: 2, status: 'cancelled' }]],
      ['uit-a-far', [{ activityId: 'uit-a-far', start: 1, end: 2 }]],
    ]);
    expect(suggest(site.makerBench, { from: SITE, upcoming }, withFeed).deepen[0]).toBe('uit-a-far');
  });
});

describe('suggestNextSteps properties', () => {
  const scenario = activitiesArbitrary(14).chain((activities) =>
    fc.record({
      activities: fc.constant(activities),
      subject: fc.nat(),
      exclude: fc.subarray(activities.map((activity) => activity.id)),
      handPicked: fc.subarray(activities.map((activity) => activity.id)),
      limit: fc.integer({ min: 0, max: 6 }),
      shuffled: fc.shuffledSubarray(activities, { minLength: activities.length }),
    }),
  );

  it('is deterministic, within limits, without duplicates, the subject or excluded ids, and follows the level rules', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(scenario, ({ activities, subject, exclude, handPicked, limit, shuffled }) => {
        fc.pre(activities.length > 0);
        const activity = { ...activities[subject % activities.length]!, nextSteps: handPicked };
        const steps = suggestNextSteps(activity, activities, { exclude, limit });
        expect(suggestNextSteps(activity, shuffled, { exclude, limit })).toEqual(steps);

        const suggested = [...steps.broaden, ...steps.deepen].map((candidate) => candidate.id);
        expect(new Set(suggested).size).toBe(suggested.length);
        expect(suggested).not.toContain(activity.id);
        for (const id of exclude) expect(suggested).not.toContain(id);
        expect(steps.broaden.length).toBeLessThanOrEqual(limit);
        expect(steps.deepen.length).toBeLessThanOrEqual(limit);

        const rank = (candidate: Activity): number => LEVEL_IDS.indexOf(candidate.level);
        for (const candidate of steps.broaden.filter((c) => !handPicked.includes(c.id))) {
          expect(candidate.level).toBe(activity.level);
          expect(candidate.themes.some((theme) => !activity.themes.includes(theme))).toBe(true);
        }
        for (const candidate of steps.deepen) {
          if (handPicked.includes(candidate.id)) expect(rank(candidate)).toBeGreaterThan(rank(activity));
          else expect(candidate.themes.some((theme) => activity.themes.includes(theme))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('pathGuidance', () => {
  it('invites a do-together step when the path only watches', () => {
    expect(pathGuidance(['see-do'])).toBe('add-do-together');
    expect(pathGuidance(['see-do', 'see-do'])).toBe('add-do-together');
  });

  it('stays quiet otherwise, and on an empty path', () => {
    expect(pathGuidance([])).toBeNull();
    expect(pathGuidance(['see-do', 'do-together'])).toBeNull();
    expect(pathGuidance(['do-yourself'])).toBeNull();
  });
});
