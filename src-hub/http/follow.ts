// The follow-up page's catalogue as the hub serves it at /follow/catalogue.json, kept current by the
// hub: built from the published offer (offer/offer.ts — the config with the store's staff, imported
// and feed activities and their sessions), so nothing waits for a manual publish. Before the store
// is open it is built from the config alone, as `npm run publish:follow` does. Building means
// expanding every schedule, so the text is kept until its source changes (the config version, the
// change stream's position) or it has aged past the hour (its list of dates starts at "now").
import { buildCatalogue, type Catalogue } from '../../src-renderer/core/catalogue';
import { loadSiteConfig } from '../../src-renderer/core/config';
import type { ServedSite } from '../service';
import { offerCatalogue, type Offer } from '../offer/offer';

export const CATALOGUE_MAX_AGE_MS = 60 * 60 * 1000;

export interface BuiltCatalogue {
  catalogue: Catalogue;
  json: string;
}

/** Where the catalogue comes from: the published offer, or (the store not open yet) the config files. */
export type CatalogueSource = { offer: Offer } | { site: ServedSite };

export function createCatalogueCache(now: () => number): (source: CatalogueSource) => BuiltCatalogue | null {
  let cached: { version: string; builtAt: number; built: BuiltCatalogue | null } | undefined;
  return (source) => {
    const at = now();
    const version = 'offer' in source ? `offer:${source.offer.version}` : `site:${source.site.version}`;
    if (cached && cached.version === version && at - cached.builtAt < CATALOGUE_MAX_AGE_MS) return cached.built;
    const built = 'offer' in source ? withJson(offerCatalogue(source.offer, at)) : fromSite(source.site, at);
    cached = { version, builtAt: at, built };
    return built;
  };
}

function fromSite(site: ServedSite, at: number): BuiltCatalogue | null {
  const loaded = loadSiteConfig(site.bundle, { now: at });
  return loaded.ok ? withJson(buildCatalogue(loaded.config, { now: at })) : null;
}

function withJson(catalogue: Catalogue): BuiltCatalogue {
  return { catalogue, json: JSON.stringify(catalogue) };
}
