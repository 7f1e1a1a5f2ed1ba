// When the kiosk loads electron-vite's dev server instead of app://kiosk. A pure function, so the
// rule is tested rather than trusted: see test/main/dev-server.test.ts.
import { devServerOrigin } from './origin';

export interface DevServerInputs {
  env: Record<string, string | undefined>;
  isPackaged: boolean;
  /**
   * Whether this main bundle was made by `electron-vite dev` (Vite's `import.meta.env.DEV`, fixed
   * at build time). `electron-vite build` bakes in false, and that bundle is what `electron-vite
   * preview` and every packaged app run.
   */
  devBundle: boolean;
}

/**
 * The dev server URL to load, or null. ELECTRON_RENDERER_URL counts only in the unpackaged bundle
 * that `electron-vite dev` made and started, and only as plain http on loopback: the variable set
 * on a kiosk (an unpackaged preview or a packaged app) never turns it into a dev build with DevTools.
 */
export function devServerUrl({ env, isPackaged, devBundle }: DevServerInputs): string | null {
  const url = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !devBundle || url === undefined) return null;
  return devServerOrigin(url) === null ? null : url;
}
