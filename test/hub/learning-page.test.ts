// The hub's public activity page says what the learning ecosystem says about an activity (issue 12):
// the badge it leads to, the playlist step it is, and whom to ask — never a contact the organisation
// kept private.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { activityPage } from '../../src-hub/offer/activity-page';
import { offerCalendar } from '../../src-hub/offer/calendar';
import { buildOffer } from '../../src-hub/offer/offer';
import { loadSiteConfig } from '../../src-renderer/core/config';
import { SITE_FILES, type SiteConfig } from '../../src-renderer/core/model';

const NOW = Date.parse('2026-12-02T10:00:00Z');

function sampleConfig(change: (config: SiteConfig) => void = () => {}): SiteConfig {
  const files = Object.fromEntries(SITE_FILES.map((file) => [file, readFileSync(new URL(`../../kiosk-config/regina-mundi/${file}`, import.meta.url), 'utf8')]));
  const result = loadSiteConfig({ source: 'sample', files: files as Record<(typeof SITE_FILES)[number], string> }, { now: NOW });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  change(result.config);
  return result.config;
}

const offerOf = (config: SiteConfig) => buildOffer(config, { activities: [], occurrences: [], organisations: [], spaces: [], bookings: [] }, 'v1');

function pageOf(config: SiteConfig, id: string): string {
  const offer = offerOf(config);
  const page = activityPage(offer, id, NOW, 'https://hub.example.org');
  if (!page) throw new Error(`no page for ${id}`);
  return page;
}

describe('the activity page and the learning ecosystem', () => {
  it('names the badge, the playlist step and the mentor, leaving out a contact kept private', () => {
    const page = pageOf(sampleConfig(), 'repair-cafe');
    expect(page).toContain('<dt>Badge</dt><dd>Hersteller — Heeft op het repair café een voorwerp mee hersteld.</dd>');
    expect(page).toContain('<dt>Leerlijn</dt><dd>Stap 2 van 4: Zelf leren herstellen</dd>');
    expect(page).toContain('<dt>Vraag het aan</dt><dd>Mehmet (');
    // Mehmet's e-mail is not public: it never reaches the page.
    expect(page).not.toContain('repair@example.org');
  });

  it('shows a contact the organisation made public, escaped', () => {
    const config = sampleConfig((site) => {
      const mehmet = site.mentors.find((mentor) => mentor.id === 'mehmet')!;
      mehmet.contact = { kind: 'email', value: 'repair+<b>@example.org', public: true };
    });
    expect(pageOf(config, 'repair-cafe')).toContain('<a href="mailto:repair+&lt;b&gt;@example.org">repair+&lt;b&gt;@example.org</a>');
  });

  it('says nothing of badges or playlists for an activity outside them', () => {
    const page = pageOf(sampleConfig(), 'chess-cafe');
    expect(page).not.toMatch(/<dt>(Badge|Leerlijn|Vraag het aan)<\/dt>/);
  });

  it('writes the same into the descriptions of the iCal feeds, read back by a calendar', () => {
    const result = offerCalendar(offerOf(sampleConfig()), { kind: 'organisation', id: 'repair-cafe-genk' }, NOW, 'https://hub.example.org');
    if (!result.ok) throw new Error(result.message);
    const events = new ICAL.Component(ICAL.parse(result.ics)).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    const repair = events.find((event) => event.summary === 'Repair Café');
    expect(repair?.description).toContain('Badge: Hersteller — Heeft op het repair café een voorwerp mee hersteld.');
    expect(repair?.description).toContain('Leerlijn: Stap 2 van 4: Zelf leren herstellen');
    expect(result.ics).not.toContain('repair@example.org');
  });
});
