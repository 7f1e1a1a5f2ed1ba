// Mentors, achievements and playlists saved at the staff desk, written into site.json (issue 12), on
// both engines: a valid change is written (the previous file kept) and served; a change that breaks
// the folder is refused with the validation's problems and the file stays byte for byte; removing an
// achievement that issued badges leaves those badges valid.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LearningItemResponse } from '../../src-renderer/core/hub/contract';
import { badgeSetup, badgeSite, DURING_SESSION, phone, SINGER } from './badges-site';
import { describeEngines, key, TEST_TIMEOUT } from './harness';
import { makeFolders, type Folders } from './http-fakes';

let folders: Folders;
beforeAll(async () => {
  folders = await makeFolders();
});
afterAll(() => rm(folders.root, { recursive: true, force: true }));

const staff = { staff: 'x' };

describeEngines('hub learning items', (harness) => {
  const open = async () => {
    const opened = await harness.open({ change: badgeSite, hub: { feeds: { autoStart: false } } });
    opened.clock.now = DURING_SESSION;
    return badgeSetup(opened, folders);
  };

  it('writes a valid mentor, achievement or playlist into site.json and serves it; refuses a broken one with the problems and writes nothing', { timeout: TEST_TIMEOUT }, async () => {
    const setup = await open();
    const path = join(setup.siteDir, 'site.json');
    const original = await readFile(path, 'utf8');
    const post = async (route: 'learning' | 'learning/remove', body: Record<string, unknown>) => {
      const answer = await setup.send(`/api/${route}`, { body: { idempotencyKey: key(), by: staff, ...body }, headers: setup.credentials.staff });
      expect(answer.status, answer.text).toBe(200);
      return answer.body as unknown as LearningItemResponse;
    };

    const coder = { id: 'coder', name: { nl: 'Codeur' }, description: { nl: 'Schrijft een programma.' }, criteria: { nl: 'Maakte een spel.' }, organisation: 'bib', validDays: 30 };
    expect(await post('learning', { kind: 'achievement', item: coder })).toEqual({ ok: true, errors: [] });
    const written = JSON.parse(await readFile(path, 'utf8')) as { achievements: { id: string }[] };
    expect(written.achievements.map((item) => item.id)).toEqual(['singer', 'band-player', 'reader', 'coder']);
    expect(await readFile(`${path}.bak`, 'utf8')).toBe(original);
    expect(setup.hub.site()?.validated?.config.achievements.map((item) => item.id)).toContain('coder');
    expect((await setup.send('/badges/achievements/coder')).body).toMatchObject({ name: 'Codeur' });

    // A change replaces the item where it was; under a new id it would leave the playlist's mentor behind.
    const anneke = { id: 'ann', firstName: 'Anneke', organisation: 'choir-club', helpsWith: { nl: 'Zingen en spelen' }, findThem: { nl: 'Donderdag' } };
    expect(await post('learning', { kind: 'mentor', replaces: 'ann', item: anneke })).toEqual({ ok: true, errors: [] });
    expect((JSON.parse(await readFile(path, 'utf8')) as { mentors: unknown[] }).mentors).toEqual([anneke]);
    const renamed = await post('learning', { kind: 'mentor', replaces: 'ann', item: { ...anneke, id: 'anneke' } });
    expect(renamed.ok).toBe(false);
    expect(renamed.errors.map((error) => error.message).join(' ')).toMatch(/mentor `ann` does not exist/);

    // Refused: a playlist naming a mentor that does not exist, and an achievement of an unknown organisation.
    const before = await readFile(path, 'utf8');
    const broken = await post('learning', { kind: 'playlist', item: { id: 'lost', title: { nl: 'Kwijt' }, goal: { nl: 'Niets' }, organisation: 'choir-club', mentor: 'nobody', steps: [{ activity: 'choir' }, { activity: 'choir' }, { activity: 'band' }] } });
    expect(broken.ok).toBe(false);
    expect(broken.errors).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'site.json', message: expect.stringMatching(/mentor `nobody` does not exist/) })]));
    const unknownOrganisation = await post('learning', { kind: 'achievement', item: { ...coder, id: 'ghost', organisation: 'nowhere' } });
    expect(unknownOrganisation.errors.map((error) => error.message).join(' ')).toMatch(/organisation `nowhere` does not exist/);
    // Removing the mentor a playlist names is refused the same way.
    const mentorInUse = await post('learning/remove', { kind: 'mentor', id: 'ann' });
    expect(mentorInUse.ok).toBe(false);
    expect(mentorInUse.errors.map((error) => error.message).join(' ')).toMatch(/mentor `ann` does not exist/);
    expect(await readFile(path, 'utf8')).toBe(before);

    expect((await setup.send('/api/learning/remove', { body: { idempotencyKey: key(), kind: 'playlist', id: 'nothing', by: staff }, headers: setup.credentials.staff })).status).toBe(404);
    const audit = (await setup.hub.snapshot()).rows.auditLog.filter((entry) => ['mentor', 'achievement', 'playlist'].includes(entry.entity));
    expect(audit.map((entry) => `${entry.entity} ${entry.action} ${entry.entityId}`)).toEqual(['achievement created coder', 'mentor changed ann']);
  });

  it('removes an achievement that issued badges: the badges stay valid and verifiable', { timeout: TEST_TIMEOUT }, async () => {
    const setup = await open();
    const claim = await setup.openClaim();
    const jws = String((await setup.claim(claim.token, await phone())).body['credential']);
    // The playlist leads to "singer": it goes first, then the achievement.
    const remove = (kind: string, id: string) => setup.send('/api/learning/remove', { body: { idempotencyKey: key(), kind, id, by: staff }, headers: setup.credentials.staff });
    expect((await remove('playlist', 'sing-and-play')).body).toEqual({ ok: true, errors: [] });
    expect((await remove('achievement', SINGER.id)).body).toEqual({ ok: true, errors: [] });
    expect(setup.hub.site()?.validated?.config.achievements.map((item) => item.id)).not.toContain(SINGER.id);
    const verified = await setup.verify(jws);
    expect(verified.valid, JSON.stringify(verified.checks)).toBe(true);
    expect((await setup.sql.query('SELECT id FROM badges_issued')).rows).toHaveLength(1);
    // The claim QR of the removed achievement can give no more badges.
    const late = await setup.claim(claim.token, await phone());
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'badge-refused', reason: 'rules' });
  });
});
