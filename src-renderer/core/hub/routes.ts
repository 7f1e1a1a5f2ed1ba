// The hub's routes, named once. Apart from the contract's schemas, so a client that only needs the
// paths does not pull valibot and every schema into its first bundle.
/** Every route of the hub: `[method, path]`, `:name` marks a path parameter. */
export const HUB_ROUTES = {
  health: ['GET', '/api/health'],
  changes: ['GET', '/api/changes'],
  snapshot: ['GET', '/api/snapshot'],
  createBooking: ['POST', '/api/bookings'],
  cancelBooking: ['POST', '/api/bookings/cancel'],
  moveBooking: ['POST', '/api/bookings/:id/move'],
  createSeries: ['POST', '/api/series'],
  changeSeries: ['POST', '/api/series/:id/change'],
  skipSeriesDate: ['POST', '/api/series/:id/skip'],
  cancelSeries: ['POST', '/api/series/:id/cancel'],
  saveOrganisation: ['POST', '/api/organisations'],
  importOffer: ['POST', '/api/imports'],
  recordAudit: ['POST', '/api/audit'],
  backup: ['GET', '/api/backup'],
  restore: ['POST', '/api/restore'],
  log: ['POST', '/api/log'],
  siteBundle: ['GET', '/site/bundle.json'],
  siteAsset: ['GET', '/site/:file'],
} as const satisfies Record<string, readonly ['GET' | 'POST', string]>;

export type HubRouteName = keyof typeof HUB_ROUTES;

/** The path of a route with its parameters filled in (each encoded). */
export function routePath(name: HubRouteName, params: Record<string, string> = {}): string {
  return HUB_ROUTES[name][1].replace(/:([a-z]+)/gi, (_match, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`routePath(${name}): missing parameter ${key}`);
    return encodeURIComponent(value);
  });
}
