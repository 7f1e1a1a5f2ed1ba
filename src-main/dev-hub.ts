// `npm run dev` only: the renderer comes from electron-vite's dev server, not from app://, so its
// fetches of /api, /site and /follow reach that server, which passes them on (electron.vite.config.ts)
// to the same hub app served over loopback HTTP on this port.
export const DEV_HUB_PORT = 5181;
export const DEV_HUB_PATHS = ['/api', '/site', '/follow'] as const;
