// The staff writes on both engines: series (create, edit, skip, cancel), organisations, audit
// entries from staff tools, and partner imports — the kiosk's db tests of each, against the hub.
import { expect, it } from 'vitest';
import { SeriesRefused, ImportRefused } from '../../src-renderer/core/booking/errors';
import type { SeriesDefinition } from '../../src-renderer/core/booking/series';
import type { CreateSeriesRequest, ImportOfferRequest } from '../../src-renderer/core/hub/contract';
import { importedActivityId } from '../../src-renderer/core/ical-import';
import { HubRequestError, type HubService } from '../../src-hub/service';
import { at, local } from '../renderer/core/booking/fixtures';
import { describeEngines, key, TEST_TIMEOUT } from './harness';

const staff = { staff: 'An' };

function definition(overrides: Partial<SeriesDefinition> = {}): SeriesDefinition {
  return { spaceId: 'practice-1', organisationId: 'choir-club', startTime: '19:00', minutes: 120, pattern: { kind: 'weekly', interval: 1 }, from: '2026-03-24', until: '2026-04-28', exceptions: [], ...overrides };
}

function series(overrides: Partial<SeriesDefinition> = {}, options: Partial<CreateSeriesRequest> = {}): CreateSeriesRequest {
  return { idempotencyKey: key(), definition: definition(overrides), skipConflicts: false, knownConflicts: [], by: staff, ...options };
}

async function seriesRefusal(promise: Promise<unknown>): Promise<SeriesRefused> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SeriesRefused);
  return error as SeriesRefused;
}

function book(hub: HubService, start: string, end: string) {
  return hub.createBooking({ idempotencyKey: key(), spaceId: 'practice-1', start: at(start), end: at(end), holder: { kind: 'visitor', nickname: 'Mo' }, by: 'kiosk' });
}

describeEngines('hub series', (harness) => {
  it('refuses a conflict staff did not see, names the booking by code, and writes the series with the conflict skipped only when asked', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { booking: visitor } = await book(hub, '2026-03-31T20:00', '2026-03-31T21:00');
    const unseen = await seriesRefusal(hub.createSeries(series()));
    expect(unseen.message).toMatch(/1 session\(s\) collide since the plan was made/);
    expect(unseen.conflicts.map((c) => [c.date, c.from, c.collidesWith.map((i) => i.code)])).toEqual([['2026-03-31', '19:00', [visitor.code]]]);

    await seriesRefusal(hub.createSeries(series({}, { knownConflicts: ['2026-03-31'] })));
    expect((await hub.snapshot()).rows).toMatchObject({ series: [], bookings: [visitor] });

    const committed = await hub.createSeries(series({}, { knownConflicts: ['2026-03-31'], skipConflicts: true }));
    expect(committed.bookings.map((b) => local(b.start))).toEqual(['2026-03-24T19:00', '2026-04-07T19:00', '2026-04-14T19:00', '2026-04-21T19:00', '2026-04-28T19:00']);
    expect(committed.series.exceptions).toEqual(['2026-03-31']);
    expect(committed.skipped.map((c) => c.date)).toEqual(['2026-03-31']);
    for (const b of committed.bookings) expect(b).toMatchObject({ seriesId: committed.series.id, holder: { kind: 'organisation', id: 'choir-club' }, source: 'staff', status: 'confirmed' });
    expect(new Set(committed.bookings.map((b) => b.code)).size).toBe(5);
    const { rows } = await hub.snapshot();
    expect(rows.series).toEqual([committed.series]);
    expect(rows.bookings.filter((b) => b.seriesId === committed.series.id)).toHaveLength(5);
    expect(rows.auditLog.find((e) => e.entity === 'series')).toMatchObject({ action: 'created', actor: 'staff:An', entityId: committed.series.id });
  });

  it('re-checks inside the commit: a booking made after planning refuses the whole series', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    await book(hub, '2026-03-31T18:00', '2026-03-31T19:00');
    const error = await seriesRefusal(hub.createSeries(series({}, { skipConflicts: true })));
    expect(error.conflicts.map((c) => c.date)).toEqual(['2026-03-31']);
    expect((await hub.snapshot()).rows.series).toEqual([]);
    expect((await hub.snapshot()).rows.bookings).toHaveLength(1);
  });

  it("creates a guest's occurrences only inside its period", { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { organisation } = await hub.saveOrganisation({ idempotencyKey: key(), draft: { name: 'Visiting band', kind: 'guest', period: { from: '2026-04-01', until: '2026-04-15' } }, by: staff });
    const { bookings } = await hub.createSeries(series({ organisationId: organisation.id }));
    expect(bookings.map((b) => local(b.start).slice(0, 10))).toEqual(['2026-04-07', '2026-04-14']);
  });

  it('edits "this", "this and following" and "all"', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { series: created, bookings } = await hub.createSeries(series());
    const [first, second, third] = bookings;
    const change = (id: string, body: Partial<Parameters<HubService['changeSeries']>[1]>) =>
      hub.changeSeries(id, { idempotencyKey: key(), scope: 'all', skipConflicts: false, knownConflicts: [], by: staff, ...body });

    const thisDone = await change(created.id, { scope: 'this', bookingId: second!.id, startTime: '18:00', minutes: 90 });
    expect(thisDone.updated.map((b) => [local(b.start), local(b.end)])).toEqual([['2026-03-31T18:00', '2026-03-31T19:30']]);
    expect((await hub.snapshot()).rows.series[0]?.startTime).toBe('19:00');

    const followDone = await change(created.id, { scope: 'following', bookingId: third!.id, startTime: '20:00', spaceId: 'practice-2' });
    expect(followDone.seriesId).not.toBe(created.id);
    expect(followDone.updated.map((b) => [b.spaceId, local(b.start)])).toEqual([
      ['practice-2', '2026-04-07T20:00'], ['practice-2', '2026-04-14T20:00'], ['practice-2', '2026-04-21T20:00'], ['practice-2', '2026-04-28T20:00'],
    ]);
    const byId = new Map((await hub.snapshot()).rows.series.map((s) => [s.id, s]));
    expect(byId.get(created.id)).toMatchObject({ until: '2026-04-06', startTime: '19:00' });
    expect(byId.get(followDone.seriesId)).toMatchObject({ from: '2026-04-07', startTime: '20:00', spaceId: 'practice-2' });

    const allDone = await change(created.id, { scope: 'all', startTime: '19:30' });
    expect(allDone.updated.map((b) => b.id)).toEqual([first!.id, second!.id]);
    expect(allDone.updated.map((b) => [local(b.start), local(b.end)])).toEqual([['2026-03-24T19:30', '2026-03-24T21:30'], ['2026-03-31T19:30', '2026-03-31T21:30']]);
    expect((await hub.snapshot()).rows.series.find((s) => s.id === created.id)?.startTime).toBe('19:30');
  });

  it('keeps a conflicting occurrence at its old time when staff skip the conflict', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { series: created, bookings } = await hub.createSeries(series({ until: '2026-03-31' }));
    const { booking: blocker } = await book(hub, '2026-03-31T18:00', '2026-03-31T18:30');
    const body = { idempotencyKey: key(), scope: 'all' as const, startTime: '18:30', minutes: 90, skipConflicts: false, knownConflicts: [], by: staff };
    const unseen = await seriesRefusal(hub.changeSeries(created.id, body));
    expect(unseen.conflicts.map((c) => [(c as { bookingId?: string }).bookingId, c.collidesWith.map((i) => i.code)])).toEqual([[bookings[1]!.id, [blocker.code]]]);
    const known = [bookings[1]!.id];
    await seriesRefusal(hub.changeSeries(created.id, { ...body, idempotencyKey: key(), knownConflicts: known }));
    const done = await hub.changeSeries(created.id, { ...body, idempotencyKey: key(), knownConflicts: known, skipConflicts: true });
    expect(done.updated.map((b) => b.id)).toEqual([bookings[0]!.id]);
    expect(done.kept.map((k) => k.bookingId)).toEqual([bookings[1]!.id]);
    expect(local((await hub.snapshot()).rows.bookings.find((b) => b.id === bookings[1]!.id)!.start)).toBe('2026-03-31T19:00');
  });

  it('skips one date as an exception, and cancels the rest of a series', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock } = await harness.open();
    const { series: created } = await hub.createSeries(series());
    const { cancelled } = await hub.skipSeriesDate(created.id, { idempotencyKey: key(), date: '2026-04-14', by: staff });
    expect(local(cancelled!.start)).toBe('2026-04-14T19:00');
    expect(cancelled!.status).toBe('cancelled');
    expect((await hub.snapshot()).rows.series[0]?.exceptions).toEqual(['2026-04-14']);
    await expect(hub.skipSeriesDate(created.id, { idempotencyKey: key(), date: '2026-04-15', by: staff })).resolves.toEqual({});
    clock.now = at('2026-04-01T12:00');
    const { cancelled: rest } = await hub.cancelSeries(created.id, { idempotencyKey: key(), by: staff });
    expect(rest.map((b) => local(b.start).slice(0, 10))).toEqual(['2026-04-07', '2026-04-21', '2026-04-28']);
    expect((await hub.snapshot()).rows.bookings.filter((b) => b.status === 'confirmed')).toHaveLength(2);
  });

  it('refuses unknown series, spaces, organisations and occurrences, and broken definitions', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    await expect(hub.createSeries(series({ spaceId: 'ghost' }))).rejects.toMatchObject({ status: 404 });
    await expect(hub.createSeries(series({ organisationId: 'ghost' }))).rejects.toMatchObject({ status: 404 });
    await expect(hub.createSeries(series({ until: '2026-03-01' }))).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/last date comes before the first/) as string });
    await expect(hub.cancelSeries('ghost', { idempotencyKey: key(), by: staff })).rejects.toMatchObject({ status: 404 });
    const { series: created } = await hub.createSeries(series());
    await expect(hub.changeSeries(created.id, { idempotencyKey: key(), scope: 'this', bookingId: 'ghost', skipConflicts: false, knownConflicts: [], by: staff })).rejects.toMatchObject({ status: 404 });
    await expect(hub.changeSeries(created.id, { idempotencyKey: key(), scope: 'this', skipConflicts: false, knownConflicts: [], by: staff })).rejects.toMatchObject({ status: 400 });
    expect((await hub.snapshot()).rows.series).toHaveLength(1);
  });
});

describeEngines('hub organisations and audit', (harness) => {
  it('creates and changes a staff organisation, auditing both with who, before and after', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock } = await harness.open();
    clock.now = 1000;
    const { organisation: created } = await hub.saveOrganisation({
      idempotencyKey: key(),
      draft: { name: ' Koor Genk ', kind: 'guest', period: { from: '2026-01-01', until: '2026-06-30' }, contact: { name: 'Els', email: '', phone: '089 00 00 00' }, color: '#aa3300' },
      by: { staff: 'AB' },
    });
    expect(created).toMatchObject({ name: 'Koor Genk', kind: 'guest', source: 'staff', contact: { name: 'Els', phone: '089 00 00 00' }, color: '#aa3300' });
    expect(created.contact).not.toHaveProperty('email');
    clock.now = 2000;
    const { organisation: changed } = await hub.saveOrganisation({ idempotencyKey: key(), id: created.id, draft: { name: 'Koor Genk', kind: 'resident', color: '#aa3300' }, by: { staff: 'AB' } });
    expect(changed.kind).toBe('resident');
    expect(changed).not.toHaveProperty('period');
    const { rows } = await hub.snapshot();
    expect(rows.organisations).toEqual([changed]);
    const entries = rows.auditLog.filter((e) => e.entity === 'organisation');
    expect(entries.map((e) => [e.action, e.actor, e.at])).toEqual([
      ['created', 'staff:AB', 1000],
      ['changed', 'staff:AB', 2000],
    ]);
    expect(entries[1]?.before).toMatchObject({ kind: 'guest' });
  });

  it('refuses a config organisation, an unknown one and an invalid draft, writing nothing', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const before = await hub.snapshot();
    await expect(hub.saveOrganisation({ idempotencyKey: key(), id: 'choir-club', draft: { name: 'X', kind: 'resident' }, by: staff })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/site config/) as string });
    await expect(hub.saveOrganisation({ idempotencyKey: key(), id: 'ghost', draft: { name: 'X', kind: 'resident' }, by: staff })).rejects.toMatchObject({ status: 404 });
    await expect(hub.saveOrganisation({ idempotencyKey: key(), draft: { name: 'Gast', kind: 'guest' }, by: staff })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/guest needs a period/) as string });
    await expect(hub.saveOrganisation({ idempotencyKey: key(), draft: { name: ' ', kind: 'resident' }, by: staff })).rejects.toBeInstanceOf(HubRequestError);
    expect(await hub.snapshot()).toEqual(before);
  });

  it('records what staff tools did, numbered after the entries before it', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { seq } = await hub.recordAudit({ idempotencyKey: key(), entity: 'backup', action: 'exported', detail: { bookings: 3, counts: { a: 1 }, note: null }, by: { staff: 'Bea' } });
    expect(seq).toBe(2);
    const { seq: next } = await hub.recordAudit({ idempotencyKey: key(), entity: 'poster', entityId: 'practice-1', action: 'printed', by: { staff: 'Bea' } });
    expect(next).toBe(3);
    const { rows } = await hub.snapshot();
    expect(rows.auditLog.slice(1)).toEqual([
      { seq: 2, at: expect.any(Number) as number, entity: 'backup', action: 'exported', actor: 'staff:Bea', detail: { bookings: 3, counts: { a: 1 }, note: null } },
      { seq: 3, at: expect.any(Number) as number, entity: 'poster', entityId: 'practice-1', action: 'printed', actor: 'staff:Bea' },
    ]);
  });

  it('rolls an audit entry back with the write it records', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, sql } = await harness.open();
    const before = await hub.snapshot();
    // A real failure late in the transaction: the change stream refuses its insert.
    await sql.query("CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$");
    await sql.query('CREATE TRIGGER refuse_change BEFORE INSERT ON changes FOR EACH ROW EXECUTE FUNCTION refuse_change()');
    try {
      await expect(book(hub, '2026-03-23T18:00', '2026-03-23T19:00')).rejects.toThrow('disk full');
      expect(await hub.snapshot()).toEqual(before);
    } finally {
      await sql.query('DROP TRIGGER refuse_change ON changes');
      await sql.query('DROP FUNCTION refuse_change()');
    }
  });
});

// Runs under whatever TZ the caller sets: every instant below is UTC or Brussels-explicit.
const IMPORT_NOW = Date.parse('2026-03-20T09:00:00Z');

function feed(events: { uid?: string; summary: string; start: string; rrule?: string }[]): string {
  const lines = events.flatMap((event) => [
    'BEGIN:VEVENT',
    ...(event.uid ? [`UID:${event.uid}`] : []),
    'DTSTAMP:20260101T000000Z',
    `SUMMARY:${event.summary}`,
    `DTSTART;TZID=Europe/Brussels:${event.start}`,
    'DURATION:PT2H',
    ...(event.rrule ? [`RRULE:${event.rrule}`] : []),
    'END:VEVENT',
  ]);
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Bib//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

const offer = feed([
  { uid: 'story@bib', summary: 'Voorleesuur', start: '20260321T140000', rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=8' },
  { uid: 'quiz@bib', summary: 'Boekenquiz', start: '20260326T190000' },
]);

function importing(ics: string, extra: Partial<ImportOfferRequest> = {}): ImportOfferRequest {
  return { idempotencyKey: key(), organisationId: 'bib', level: 'do-together', themes: ['relaxation'], price: 'free', contentLocale: 'nl', days: 60, ics, removeMissing: false, by: { staff: 'Tester' }, ...extra };
}

async function imported(hub: HubService) {
  const { rows } = await hub.snapshot();
  return { activities: rows.activities, occurrences: rows.occurrences, auditLog: rows.auditLog };
}

describeEngines('hub imports', (harness) => {
  it('writes activities, occurrences and one audit entry, with source "import"', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock } = await harness.open();
    clock.now = IMPORT_NOW;
    const result = await hub.importOffer(importing(offer, { source: 'bib.ics' }));
    expect(result).toEqual({ counts: { new: 2, updated: 0, unchanged: 0 }, activities: 2, occurrences: 9, removed: 0, problems: [] });
    const { activities, occurrences, auditLog } = await imported(hub);
    expect(activities.map((row) => row.title.nl).sort()).toEqual(['Boekenquiz', 'Voorleesuur']);
    expect(activities.every((row) => row.source === 'import' && row.organiser === 'bib' && row.level === 'do-together' && row.place?.name === 'Bib Genk')).toBe(true);
    expect(occurrences).toHaveLength(9);
    expect(occurrences.every((row) => row.source === 'import' && row.spaceId === undefined && row.id === `${row.activityId}@${row.start}`)).toBe(true);
    // 14:00 in Brussels on both sides of 29 March.
    expect(occurrences.map((row) => row.start)).toEqual(expect.arrayContaining([Date.parse('2026-03-21T13:00:00Z'), Date.parse('2026-03-28T13:00:00Z'), Date.parse('2026-04-04T12:00:00Z')]));
    expect(auditLog.at(-1)).toMatchObject({ actor: 'staff:Tester', entity: 'import', entityId: 'bib', action: 'imported', detail: { source: 'bib.ics', events: 2, occurrences: 9 } });
  });

  it('updates instead of duplicating on re-import, recognises an unchanged file, and streams what went', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock } = await harness.open();
    clock.now = IMPORT_NOW;
    await hub.importOffer(importing(offer));
    expect((await hub.importOffer(importing(offer))).counts).toEqual({ new: 0, updated: 0, unchanged: 2 });
    expect((await imported(hub)).occurrences).toHaveLength(9);

    const { epoch, seq } = await hub.position();
    // The partner moves the story hour to 15:00 and renames the quiz.
    const changed = feed([
      { uid: 'story@bib', summary: 'Voorleesuur', start: '20260321T150000', rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=8' },
      { uid: 'quiz@bib', summary: 'Grote boekenquiz', start: '20260326T190000' },
      { uid: 'new@bib', summary: 'Nieuw', start: '20260401T100000' },
    ]);
    expect((await hub.importOffer(importing(changed))).counts).toEqual({ new: 1, updated: 2, unchanged: 0 });
    const { activities, occurrences } = await imported(hub);
    expect(activities).toHaveLength(3);
    expect(occurrences.filter((row) => row.start === Date.parse('2026-03-21T13:00:00Z'))).toEqual([]);
    expect(occurrences).toHaveLength(10);
    const stream = await hub.changesSince(seq, epoch);
    if (stream.reset) throw new Error('unexpected reset');
    const deleted = stream.changes.filter((c) => c.op === 'delete').map((c) => c.key);
    expect(deleted).toHaveLength(8);
    expect(deleted).toContain(`${importedActivityId('bib', 'story@bib')}@${Date.parse('2026-03-21T13:00:00Z')}`);
  });

  it('removes activities the file no longer holds only when asked', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock } = await harness.open();
    clock.now = IMPORT_NOW;
    await hub.importOffer(importing(offer));
    const onlyStory = feed([{ uid: 'story@bib', summary: 'Voorleesuur', start: '20260321T140000', rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=8' }]);
    await hub.importOffer(importing(onlyStory));
    expect((await imported(hub)).activities).toHaveLength(2);
    expect((await hub.importOffer(importing(onlyStory, { removeMissing: true }))).removed).toBe(1);
    const { activities, occurrences } = await imported(hub);
    expect(activities).toHaveLength(1);
    expect(occurrences).toHaveLength(8);
  });

  it('lists the events it left out with their reasons, and refuses a file that is not iCalendar, changing nothing', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock } = await harness.open();
    clock.now = IMPORT_NOW;
    const partial = await hub.importOffer(importing(feed([{ uid: 'kapot@bib', summary: 'Kapot', start: '20260322T100000', rrule: 'FREQ=SECONDLY' }, { uid: 'ok@bib', summary: 'OK', start: '20260322T100000' }])));
    expect(partial.activities).toBe(1);
    expect(partial.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/SECONDLY/) as string })]);
    const before = await imported(hub);
    const error = await hub.importOffer(importing('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY broken\r\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRefused);
    expect((error as Error).message).toMatch(/line 5/);
    expect(await imported(hub)).toEqual(before);
  });

  it('refuses ids that belong to rows that were not imported, and unknown partners or themes, writing nothing', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock, sql } = await harness.open();
    clock.now = IMPORT_NOW;
    const id = importedActivityId('bib', 'story@bib');
    await sql.query("INSERT INTO activities (id, organiser, source, row) VALUES ($1, 'bib', 'staff', $2::jsonb)", [id, JSON.stringify({ id, organiser: 'bib', schedule: [], source: 'staff' })]);
    const before = await imported(hub);
    await expect(hub.importOffer(importing(offer))).rejects.toThrow(ImportRefused);
    await expect(hub.importOffer(importing(offer, { organisationId: 'ghost' }))).rejects.toMatchObject({ status: 404 });
    await expect(hub.importOffer(importing(offer, { themes: ['ghost'] }))).rejects.toMatchObject({ status: 400 });
    expect(await imported(hub)).toEqual(before);
  });
});
