import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './test/support/chromium';

// End-to-end tests run the real renderer build served by the hub, in Debian's Chromium, as a kiosk:
// touch, landscape 1920×1080. Each test starts its own hub on PGlite (see test/e2e/fixtures.ts), on a
// copy of one migrated data folder that global-setup makes once per run.
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1920, height: 1080 },
    hasTouch: true,
    locale: 'nl-BE',
    timezoneId: 'Europe/Brussels',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
});
