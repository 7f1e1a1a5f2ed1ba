import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsCalendar, type IcsEvent } from '../../../src-renderer/core/ics';

// Runs under whatever TZ the caller sets; the results must not depend on it (checked under UTC,
// Europe/Brussels and America/New_York).
const BRUSSELS = 'Europe/Brussels';

/** Parses a file the way a calendar would: its own VTIMEZONE registered, then every event's instants. */
function readBack(text: string): { uid: string; start: number; end: number; summary: string; description: string | null; location: string | null; url: string | null; startTzid: string | null }[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      start: event.startDate.toUnixTime() * 1000,
      end: event.endDate.toUnixTime() * 1000,
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: component.getFirstPropertyValue('url') as string | null,
      startTzid: component.getFirstProperty('dtstart')?.getParameter('tzid') as string | null,
    };
  });
}

function event(uid: string, startIso: string, minutes: number, extra: Partial<IcsEvent> = {}): IcsEvent {
  const start = Date.parse(startIso);
  return { uid, start, end: start + minutes * 60_000, summary: uid, ...extra };
}

describe('icsCalendar', () => {
  it('round-trips instants through ical.js across both DST changes of 2026 in Europe/Brussels', () => {
    const events = [
      event('before-spring', '2026-03-28T13:00:00Z', 60), // Sat 14:00 CET
      event('spring-day', '2026-03-29T12:00:00Z', 60), // Sun 14:00 CEST
      event('spring-gap-edge', '2026-03-29T01:00:00Z', 30), // 03:00 CEST, just after the gap
      event('autumn-day', '2026-10-25T13:00:00Z', 90), // Sun 14:00 CET
      event('autumn-fold-first', '2026-10-25T00:30:00Z', 20), // 02:30 CEST
      event('autumn-fold-second', '2026-10-25T01:30:00Z', 20), // 02:30 CET, the repeated hour
      event('across-years', '2026-12-31T22:00:00Z', 180),
    ];
    const parsed = readBack(icsCalendar({ name: 'Test', timeZone: BRUSSELS, events, now: Date.parse('2026-01-01T00:00:00Z') }));
    for (const original of events) {
      const back = parsed.find((item) => item.uid === original.uid);
      expect(back, original.uid).toBeDefined();
      expect(back?.start, original.uid).toBe(original.start);
      expect(back?.end, original.uid).toBe(original.end);
    }
  });

  it('writes site wall-clock times with TZID, and UTC only for times in the autumn fold', () => {
    const text = icsCalendar({
      name: 'Test',
      timeZone: BRUSSELS,
      events: [event('spring', '2026-03-29T12:00:00Z', 60), event('fold-first', '2026-10-25T00:30:00Z', 20), event('fold-second', '2026-10-25T01:30:00Z', 20)],
      now: 0,
    });
    expect(text).toContain('DTSTART;TZID=Europe/Brussels:20260329T140000\r\n');
    expect(text).toContain('DTSTART:20261025T003000Z\r\n');
    expect(text).toContain('DTSTART:20261025T013000Z\r\n');
    expect(text).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT');
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD');
  });

  it('has a VTIMEZONE that also converts for a zone without DST and one south of the equator', () => {
    for (const timeZone of ['Asia/Tokyo', 'Australia/Sydney', 'America/New_York', 'UTC']) {
      const events = [event('jan', '2027-01-15T09:00:00Z', 60), event('jul', '2027-07-15T09:00:00Z', 60), event('apr', '2027-04-04T15:30:00Z', 60)];
      const parsed = readBack(icsCalendar({ name: timeZone, timeZone, events, now: 0 }));
      expect(parsed.map((item) => item.start), timeZone).toEqual(events.map((item) => item.start).sort((a, b) => a - b));
      expect(parsed.every((item) => item.startTzid === timeZone), timeZone).toBe(true);
    }
  });

  it('is valid RFC 5545 structure: CRLF, required properties, lines of at most 75 octets', () => {
    const long = 'Samen koken met buren uit de wijk — çok güzel yemekler, «recettes» et 🍲 '.repeat(4);
    const text = icsCalendar({
      name: 'Mijn pad',
      timeZone: BRUSSELS,
      events: [event('x@regina-mundi', '2026-05-02T08:00:00Z', 120, { summary: long, description: long, location: 'Keuken, gebouw B; gelijkvloers', url: 'https://example.org/#AbC' })],
      now: Date.parse('2026-04-01T10:20:30Z'),
    });
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const encoder = new TextEncoder();
    for (const line of text.split('\r\n')) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(text).toContain('DTSTAMP:20260401T102030Z');
    const [back] = readBack(text);
    expect(back?.summary).toBe(long);
    expect(back?.description).toBe(long);
    expect(back?.location).toBe('Keuken, gebouw B; gelijkvloers');
    expect(back?.url).toBe('https://example.org/#AbC');
  });

  it('escapes text so that nothing a title holds can end a property or start a new one', () => {
    const hostile = 'a;b,c\\d\r\nEND:VEVENT\nBEGIN:VALARM\u0007';
    expect(escapeText(hostile)).toBe('a\\;b\\,c\\\\d\\nEND:VEVENT\\nBEGIN:VALARM');
    const text = icsCalendar({ name: hostile, timeZone: BRUSSELS, events: [event('u', '2026-05-02T08:00:00Z', 60, { summary: hostile, url: 'https://x.org/\r\nEND:VEVENT' })], now: 0 });
    const parsed = readBack(text);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]?.summary).toBe('a;b,c\\d\nEND:VEVENT\nBEGIN:VALARM');
    expect(parsed[0]?.url).toBe('https://x.org/END:VEVENT');
  });

  it('folds without splitting a multi-byte character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(foldLine('short')).toBe('short');
  });

  it('orders events by start and gives the same output for the same input', () => {
    const input = { name: 'x', timeZone: BRUSSELS, events: [event('late', '2026-06-02T08:00:00Z', 60), event('early', '2026-06-01T08:00:00Z', 60)], now: 0 };
    const text = icsCalendar(input);
    expect(text.indexOf('UID:early')).toBeLessThan(text.indexOf('UID:late'));
    expect(icsCalendar(input)).toBe(text);
    expect(readBack(text).map((item) => item.start)).toEqual([Date.parse('2026-06-01T08:00:00Z'), Date.parse('2026-06-02T08:00:00Z')]);
  });
});
