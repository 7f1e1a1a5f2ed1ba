import { describe, expect, it } from 'vitest';
import { publicContact, registersElsewhere, sessionPlaces, takesPlaces } from '../../../../src-renderer/core/booking/places';

const NOW = Date.UTC(2026, 11, 3, 12);
const LATER = NOW + 3_600_000;

describe('takesPlaces / registersElsewhere', () => {
  it('offers places for a config activity with places per session, walk-in or not', () => {
    expect(takesPlaces({ capacity: 20, registration: 'required' })).toBe(true);
    expect(takesPlaces({ capacity: 18, registration: 'walk-in', source: 'config' })).toBe(true);
    expect(registersElsewhere({ capacity: 20, registration: 'required', registrationUrl: 'https://example.org/' })).toBe(false);
  });

  it('leaves activities a feed or an import brought in to their source', () => {
    expect(takesPlaces({ capacity: 20, registration: 'required', source: 'import' })).toBe(false);
    expect(takesPlaces({ capacity: 20, registration: 'required', origin: { feed: 'uit', kind: 'uitdatabank', name: 'UiT', sourceId: 'e1' } })).toBe(false);
    expect(registersElsewhere({ capacity: 20, registration: 'required', source: 'feed' })).toBe(true);
  });

  it('sends a registration without places, or with a registration URL, elsewhere; a walk-in needs nothing', () => {
    expect(registersElsewhere({ registration: 'required' })).toBe(true);
    expect(registersElsewhere({ registration: 'walk-in', registrationUrl: 'https://example.org/form' })).toBe(true);
    expect(registersElsewhere({ registration: 'walk-in' })).toBe(false);
  });
});

describe('sessionPlaces', () => {
  it('counts the places left and says full at none', () => {
    expect(sessionPlaces(20, 0, { start: LATER }, NOW)).toEqual({ kind: 'open', left: 20 });
    expect(sessionPlaces(20, 19, { start: LATER }, NOW)).toEqual({ kind: 'open', left: 1 });
    expect(sessionPlaces(20, 20, { start: LATER }, NOW)).toEqual({ kind: 'full' });
    expect(sessionPlaces(20, 25, { start: LATER }, NOW)).toEqual({ kind: 'full' });
  });

  it('closes a session that has started or that its source called off', () => {
    expect(sessionPlaces(20, 0, { start: NOW }, NOW)).toEqual({ kind: 'closed' });
    expect(sessionPlaces(20, 0, { start: LATER, status: 'cancelled' }, NOW)).toEqual({ kind: 'closed' });
    expect(sessionPlaces(20, 0, { start: LATER, status: 'postponed' }, NOW)).toEqual({ kind: 'open', left: 20 });
  });
});

describe('publicContact', () => {
  it('shows the contact only when the organisation made it public, and the website always', () => {
    const contact = { name: 'Secretariaat', email: 'info@example.org', phone: '089 00 00 00' };
    expect(publicContact({ contact, url: 'https://example.org/' })).toEqual({ url: 'https://example.org/' });
    expect(publicContact({ contact: { ...contact, public: false } })).toBeUndefined();
    expect(publicContact({ contact: { ...contact, public: true } })).toEqual(contact);
    expect(publicContact(undefined)).toBeUndefined();
  });
});
