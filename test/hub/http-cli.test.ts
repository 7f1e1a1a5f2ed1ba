// `npm run hub`, `hub:backup` and `hub:restore`: what the command line turns into (parseHubCommand is
// pure), and the refusals a typo gets instead of a hub running on the wrong store.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHubCommand } from '../../src-hub/cli';

const CWD = '/srv/wegwijzer';
const SAMPLE = resolve(import.meta.dirname, '../../kiosk-config/regina-mundi');
const parse = (argv: string[], env: Record<string, string> = {}) => parseHubCommand(argv, env, CWD);

describe('parseHubCommand', () => {
  it('serves by default: the sample site, PGlite in ./.wegwijzer/hub-data, loopback, port 5180', () => {
    expect(parse([])).toEqual({
      ok: true,
      command: { kind: 'serve', siteDir: SAMPLE, siteFrom: 'default', store: { dataDir: join(CWD, '.wegwijzer/hub-data') }, host: '127.0.0.1', port: 5180, allowHosts: [] },
    });
    expect(parse(['serve'])).toEqual(parse([]));
  });

  it('turns --reset-password <name> into the reset command, on the same store options', () => {
    expect(parse(['--reset-password', 'an', '--data', '/var/lib/hub'])).toMatchObject({ ok: true, command: { kind: 'reset-password', name: 'an', store: { dataDir: '/var/lib/hub' } } });
    expect(parse(['--reset-password'])).toEqual({ ok: false, message: expect.stringMatching(/--reset-password needs a value/) });
    expect(parse(['--reset-password', 'an', '--port', '80'])).toMatchObject({ ok: false });
  });

  it('takes every option, in both spellings', () => {
    const parsed = parse(['--site', 'sites/genk', '--data=/var/lib/hub', '--host', '0.0.0.0', '--port=8080', '--allow-host', 'hub.local', '--allow-host=10.0.0.2']);
    expect(parsed).toEqual({
      ok: true,
      command: { kind: 'serve', siteDir: join(CWD, 'sites/genk'), siteFrom: 'argument', store: { dataDir: '/var/lib/hub' }, host: '0.0.0.0', port: 8080, allowHosts: ['hub.local', '10.0.0.2'] },
    });
  });

  it('uses PostgreSQL for a --database URL, or WEGWIJZER_DATABASE (which keeps the password out of ps)', () => {
    expect(parse(['--database', 'postgres://hub@db/wegwijzer'])).toMatchObject({ ok: true, command: { store: { database: 'postgres://hub@db/wegwijzer' } } });
    expect(parse([], { WEGWIJZER_DATABASE: 'postgresql://hub:pw@db/w' })).toMatchObject({ ok: true, command: { store: { database: 'postgresql://hub:pw@db/w' } } });
    // An explicit --data wins over the environment's database.
    expect(parse(['--data', 'here'], { WEGWIJZER_DATABASE: 'postgres://db/w' })).toMatchObject({ ok: true, command: { store: { dataDir: join(CWD, 'here') } } });
  });

  it('reads WEGWIJZER_SITE, WEGWIJZER_DATA and WEGWIJZER_ALLOWED_HOSTS', () => {
    expect(parse([], { WEGWIJZER_SITE: '/etc/wegwijzer/site', WEGWIJZER_DATA: '/var/lib/wegwijzer-hub', WEGWIJZER_ALLOWED_HOSTS: 'hub.local, kiosk-hub ,' })).toMatchObject({
      ok: true,
      command: { siteDir: '/etc/wegwijzer/site', siteFrom: 'environment', store: { dataDir: '/var/lib/wegwijzer-hub' }, allowHosts: ['hub.local', 'kiosk-hub'] },
    });
  });

  it('parses backup and restore', () => {
    expect(parse(['backup', '--out', 'b.json', '--database', 'postgres://db/w'])).toMatchObject({ ok: true, command: { kind: 'backup', out: join(CWD, 'b.json'), store: { database: 'postgres://db/w' } } });
    expect(parse(['restore', '--in', '/tmp/b.json', '--data', 'd'])).toMatchObject({ ok: true, command: { kind: 'restore', input: '/tmp/b.json', store: { dataDir: join(CWD, 'd') } } });
  });

  it.each([
    [['--prot', '80'], /Unknown option --prot/],
    [['--port'], /--port needs a value/],
    [['--port', '--site', 'x'], /--port needs a value/],
    [['--port', '70000'], /--port must be a number from 0 to 65535/],
    [['--port', '8o'], /--port must be a number/],
    [['--site', 'a', '--site', 'b'], /--site is given twice/],
    [['--database', 'mysql://db'], /postgres:\/\//],
    [['--database', 'postgres://db', '--data', 'd'], /not both/],
    [['backup'], /needs --out/],
    [['restore', '--out', 'x'], /Unknown option --out for restore/],
    [['backup', '--port', '1'], /Unknown option --port for backup/],
  ])('refuses %j', (argv, message) => {
    const parsed = parse(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('answers help', () => {
    expect(parse(['--help'])).toEqual({ ok: true, command: { kind: 'help' } });
    expect(parse(['help'])).toEqual({ ok: true, command: { kind: 'help' } });
  });
});
