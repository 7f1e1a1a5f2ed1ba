import { describe, expect, it } from 'vitest';
import { badgeFragment, isClaimToken, routeOf } from '../../../src-renderer/follow/route';

describe('the learning pages in the fragment', () => {
  it('opens a claim, the wallet, a badge, the verify page and a playlist', () => {
    const token = 'AbC_def-1234567890xyz';
    expect(routeOf(`#claim=${token}`)).toEqual({ kind: 'claim', token });
    expect(routeOf('#badges')).toEqual({ kind: 'badges' });
    expect(routeOf(`#${badgeFragment('urn:uuid:6f1c2a4e-8d3b')}`)).toEqual({ kind: 'badge', id: 'urn:uuid:6f1c2a4e-8d3b' });
    expect(routeOf('#verify')).toEqual({ kind: 'verify' });
    expect(routeOf('#playlist=listening-to-playing')).toEqual({ kind: 'playlist', id: 'listening-to-playing' });
  });

  it('sends a damaged claim code to the claim page (which says it is not valid), and nonsense elsewhere home', () => {
    expect(routeOf('#claim=<script>')).toEqual({ kind: 'claim', token: '<script>' });
    expect(isClaimToken('<script>')).toBe(false);
    expect(isClaimToken('short')).toBe(false);
    expect(isClaimToken('A'.repeat(16))).toBe(true);
    expect(routeOf('#badge=%E0%A4%A')).toEqual({ kind: 'badges' });
    expect(routeOf('#playlist=../../etc')).toEqual({ kind: 'home' });
  });

  it('leaves paths and posters to the path codec', () => {
    expect(routeOf('#a/repair-cafe')).toEqual({ kind: 'activity', id: 'repair-cafe' });
    expect(routeOf('').kind).toBe('home');
  });
});
