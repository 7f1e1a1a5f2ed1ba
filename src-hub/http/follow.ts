// The follow-up page's catalogue as the hub serves it at /follow/catalogue.json: built from the config
// the hub serves now, the same way `npm run publish:follow` builds the static one. Building means
// validating and expanding the whole config, so the text is kept until the config changes or it has
// aged past the hour (its list of dates starts at "now").
import { buildCatalogue, type Catalogue } from '../../src-renderer/core/catalogue';
import { loadSiteConfig } from '../../src-renderer/core/config';
import type { ServedSite } from '../service';

export const CATALOGUE_MAX_AGE_MS = 60 * 60 * 1000;

export interface BuiltCatalogue {
  catalogue: Catalogue;
  json: string;
}

export function createCatalogueCache(now: () => number): (site: ServedSite) => BuiltCatalogue | null {
  let cached: { version: string; builtAt: number; built: BuiltCatalogue | null } | undefined;
  return (site) => {
    const at = now();
    if (cached && cached.version === site.version && at - cached.builtAt < CATALOGUE_MAX_AGE_MS) return cached.built;
    const loaded = loadSiteConfig(site.bundle, { now: at });
    const built = loaded.ok ? withJson(buildCatalogue(loaded.config, { now: at })) : null;
    cached = { version: site.version, builtAt: at, built };
    return built;
  };
}

function withJson(catalogue: Catalogue): BuiltCatalogue {
  return { catalogue, json: JSON.stringify(catalogue) };
}
