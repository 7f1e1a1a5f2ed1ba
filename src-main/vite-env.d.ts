// electron-vite builds main with Vite, which replaces import.meta.env.DEV at build time: true in
// the bundle `electron-vite dev` makes, false in the one `electron-vite build` makes (window.ts).
interface ImportMetaEnv {
  DEV: boolean;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
