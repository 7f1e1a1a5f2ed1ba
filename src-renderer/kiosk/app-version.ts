// The app's version as package.json says at build time: only the field is bundled (Vite's JSON
// named exports), not the rest of the manifest.
import { version } from '../../package.json';

export const APP_VERSION: string = version;
