import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The folder layout is enforced by lint rules (eslint.config.mjs); these tests show that each
// forbidden import really fails, so the rules cannot silently rot.
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../..') });

// The first lint loads the config and the parsers: slow on a busy machine, so it happens once
// here, with room, rather than inside the first test's five seconds.
beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: 'src-renderer/core/warm.ts' });
}, 120_000);

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

// The first lint of a run loads the whole typed config, seconds on a busy machine: a wide budget.
describe('layering lint rules', { timeout: 60_000 }, () => {
  it.each([
    ["import Dexie from 'dexie';", /no Dexie/],
    ["import { mount } from 'svelte';", /no Svelte/],
    ["import L from 'leaflet';", /no DOM libraries/],
    ["import { ipcRenderer } from 'electron';", /never imports Electron/],
    ["import { readFile } from 'node:fs/promises';", /no Node\.js modules/],
    ["import { getDatabase } from '../db/database';", /no Dexie, no db layer/],
    ["import { getPlatform } from '../platform/index';", /outer layer/],
  ])('core refuses %s', async (code, message) => {
    expect(await restrictedImports('src-renderer/core/example.ts', `${code}\nexport {};\n`)).toEqual([expect.stringMatching(message)]);
  });

  it('core may not touch the DOM globals', async () => {
    const messages = await restrictedImports('src-renderer/core/example.ts', 'export const here = document.title;\n');
    expect(messages).toEqual([expect.stringMatching(/document/)]);
  });

  it.each([
    ["import { app } from 'electron';", /never imports Electron/],
    ["import { readFileSync } from 'fs';", /no Node\.js modules/],
    ["import { createKioskWindow } from '../../src-main/window';", /never imports main-process code/],
  ])('the renderer refuses %s', async (code, message) => {
    expect(await restrictedImports('src-renderer/kiosk/example.ts', `${code}\nexport {};\n`)).toEqual([expect.stringMatching(message)]);
  });

  it.each(["import App from '../src-renderer/kiosk/App.svelte';", "import { useWho } from '../src-renderer/staff/who';", "import { getDatabase } from '../src-renderer/db/database';", "import L from 'leaflet';"])(
    'main refuses renderer UI: %s',
    async (code) => {
      expect(await restrictedImports('src-main/example.ts', `${code}\nexport {};\n`)).toEqual([expect.stringMatching(/Main never imports renderer UI/)]);
    },
  );

  it.each([
    ["import { app } from 'electron';", /The hub runs without Electron/],
    ["import { createKioskWindow } from '../src-main/window';", /never imports main-process code/],
    ["import { getDatabase } from '../src-renderer/db/database';", /imports only src-renderer\/core/],
    ["import App from '../src-renderer/kiosk/App.svelte';", /imports only src-renderer\/core/],
  ])('the hub refuses %s', async (code, message) => {
    expect(await restrictedImports('src-hub/example.ts', `${code}\nexport {};\n`)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['src-renderer/kiosk/example.ts', "import Dexie from 'dexie';", /Screens never open Dexie/],
    ['src-renderer/follow/example.ts', "import { liveQuery } from 'dexie';", /Screens never open Dexie/],
    ['src-renderer/kiosk/staff/example.ts', "import { openKioskDatabase } from '../../db/database';", /only through the store/],
    ['src-renderer/staff/example.ts', "import { openKioskDatabase } from '../db/database';", /only through the store/],
    ['src-renderer/staff/desk/example.ts', "import Dexie from 'dexie';", /Screens never open Dexie/],
    ['src-renderer/kiosk/booking/example.ts', "import { freeSlots } from '../../db/bookings';", /only through the store/],
    ['src-renderer/kiosk/example.ts', "import { HubClient } from '../db/hub-client';", /only through the store/],
  ])('screens reach data only through the store: %s refuses %s', async (file, code, message) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toEqual([expect.stringMatching(message)]);
  });

  it('screens refuse a db module in a Svelte component too', async () => {
    const component = "<script lang=\"ts\">\n  import { getDatabase } from '../../db/database';\n  export const db = getDatabase;\n</script>\n";
    expect(await restrictedImports('src-renderer/kiosk/staff/Example.svelte', component)).toEqual([expect.stringMatching(/only through the store/)]);
    expect(await restrictedImports('src-renderer/staff/Example.svelte', component)).toEqual([expect.stringMatching(/only through the store/)]);
  });

  it('the renderer refuses the hub', async () => {
    expect(await restrictedImports('src-renderer/kiosk/example.ts', "import { startHub } from '../../src-hub/index';\nexport {};\n")).toEqual([expect.stringMatching(/never imports the hub/)]);
  });

  it('allows what the layout allows', async () => {
    expect(await restrictedImports('src-hub/example.ts', "import { checkBooking } from '../src-renderer/core/booking/rules';\nimport { readFile } from 'node:fs/promises';\nexport const c = [checkBooking, readFile];\n")).toEqual([]);
    expect(await restrictedImports('src-renderer/core/example.ts', "import { Temporal } from 'temporal-polyfill';\nexport const t = Temporal;\n")).toEqual([]);
    // Screens: the store, liveState, and the db layer's types.
    expect(
      await restrictedImports(
        'src-renderer/kiosk/staff/example.ts',
        "import { useStore } from '../../db/store';\nimport { liveState } from '../../db/live.svelte';\nimport type { BookingRow } from '../../db/database';\nimport { type SeriesChangePlan } from '../../db/series';\nexport type R = [BookingRow, SeriesChangePlan];\nexport const s = [useStore, liveState];\n",
      ),
    ).toEqual([]);
    // The desk creates its own store and copy through db/store, like the kiosk.
    expect(await restrictedImports('src-renderer/staff/desk/example.ts', "import { createKioskStore } from '../../db/store';\nimport type { AccountView } from '../../core/hub/contract';\nexport type A = AccountView;\nexport const c = createKioskStore;\n")).toEqual([]);
    // The store itself, and the host bridge, are the db layer's own users.
    expect(await restrictedImports('src-renderer/db/example.ts', "import Dexie from 'dexie';\nexport const d = Dexie;\n")).toEqual([]);
    expect(await restrictedImports('src-renderer/platform/example.ts', "import { HubClient } from '../db/hub-client';\nexport const c = HubClient;\n")).toEqual([]);
    expect(await restrictedImports('src-renderer/follow/recent-db.ts', "import Dexie from 'dexie';\nexport const d = Dexie;\n")).toEqual([]);
    // A local module that happens to be called electron.ts is not the electron package.
    expect(await restrictedImports('src-renderer/platform/example.ts', "import { ElectronPlatform } from './electron';\nexport const p = ElectronPlatform;\n")).toEqual([]);
    expect(await restrictedImports('src-main/example.ts', "import type { SiteBundle } from '../src-renderer/core/model';\nexport type B = SiteBundle;\n")).toEqual([]);
  });
});
