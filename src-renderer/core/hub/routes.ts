// The hub's routes, named once. Apart from the contract's schemas, so a client that only needs the
// paths does not pull valibot and every schema into its first bundle.
/** Every route of the hub: `[method, path]`, `:name` marks a path parameter. */
export const HUB_ROUTES = {
  health: ['GET', '/api/health'],
  changes: ['GET', '/api/changes'],
  snapshot: ['GET', '/api/snapshot'],
  createBooking: ['POST', '/api/bookings'],
  // A place on an activity's session (issue 11): a booking row of its own kind, cancelled by code like any.
  reservePlace: ['POST', '/api/places'],
  cancelBooking: ['POST', '/api/bookings/cancel'],
  // What a code would cancel, without cancelling: the kiosk shows it and asks once.
  previewCancel: ['POST', '/api/bookings/cancel/preview'],
  moveBooking: ['POST', '/api/bookings/:id/move'],
  createSeries: ['POST', '/api/series'],
  changeSeries: ['POST', '/api/series/:id/change'],
  skipSeriesDate: ['POST', '/api/series/:id/skip'],
  cancelSeries: ['POST', '/api/series/:id/cancel'],
  saveOrganisation: ['POST', '/api/organisations'],
  importOffer: ['POST', '/api/imports'],
  // Feeds in (issue 13): each feed's state; staff feeds saved and removed at the desk; a read now.
  feeds: ['GET', '/api/feeds'],
  saveFeed: ['POST', '/api/feeds'],
  removeFeed: ['POST', '/api/feeds/:id/remove'],
  refreshFeed: ['POST', '/api/feeds/:id/refresh'],
  // Badges (issue 12), for staff: claim QRs a host opens for a session, issued badges and revocation,
  // the issuer keys; mentors, achievements and playlists defined at the desk (written into site.json).
  badgeClaims: ['GET', '/api/badges/claims'],
  openBadgeClaim: ['POST', '/api/badges/claims'],
  closeBadgeClaim: ['POST', '/api/badges/claims/:id/close'],
  issuedBadges: ['GET', '/api/badges/issued'],
  revokeBadge: ['POST', '/api/badges/issued/:id/revoke'],
  issuerKeys: ['GET', '/api/badges/keys'],
  rotateIssuerKey: ['POST', '/api/badges/keys/rotate'],
  withdrawIssuerKey: ['POST', '/api/badges/keys/:id/withdraw'],
  saveLearningItem: ['POST', '/api/learning'],
  removeLearningItem: ['POST', '/api/learning/remove'],
  recordAudit: ['POST', '/api/audit'],
  backup: ['GET', '/api/backup'],
  restore: ['POST', '/api/restore'],
  log: ['POST', '/api/log'],
  // Staff accounts and sessions (issue 9). A desk session is an HttpOnly cookie; writes with it carry X-CSRF-Token.
  session: ['GET', '/api/session'],
  signIn: ['POST', '/api/session'],
  signOut: ['POST', '/api/session/end'],
  changePassword: ['POST', '/api/session/password'],
  setupStatus: ['GET', '/api/setup'],
  setup: ['POST', '/api/setup'],
  lobbyUnlock: ['POST', '/api/lobby/unlock'],
  lobbyLock: ['POST', '/api/lobby/lock'],
  accounts: ['GET', '/api/accounts'],
  saveAccount: ['POST', '/api/accounts'],
  // Screens: pairing, the device's own settings, central management.
  startPairing: ['POST', '/api/pairing'],
  pollPairing: ['POST', '/api/pairing/poll'],
  claimPairing: ['POST', '/api/pairing/claim'],
  device: ['GET', '/api/device'],
  deviceStatus: ['POST', '/api/device/status'],
  screens: ['GET', '/api/screens'],
  updateScreen: ['POST', '/api/screens/:id'],
  reloadScreen: ['POST', '/api/screens/:id/reload'],
  revokeScreen: ['POST', '/api/screens/:id/revoke'],
  // Usage counts: kiosks post hourly counts, coordinators read them.
  recordUsage: ['POST', '/api/usage'],
  usage: ['GET', '/api/usage'],
  usageCsv: ['GET', '/api/usage.csv'],
  // The city map's tiles (issue 11): from the hub's cache of the site's tile provider, or its PMTiles file.
  // `:y` may end in the format's extension (123.png).
  tile: ['GET', '/api/tiles/:z/:x/:y'],
  siteBundle: ['GET', '/site/bundle.json'],
  // The config the hub validated, so a screen need not validate it again (one validation per version).
  siteConfig: ['GET', '/site/config.json'],
  siteAsset: ['GET', '/site/:file'],
  // Feeds out (issue 13), for anyone: iCal feeds (`:file` is "<id>.ics"), the OpenActive RPDE feeds
  // (session-series, scheduled-sessions, facility-uses, facility-use-slots) and a page per activity.
  siteCalendar: ['GET', '/feeds/site.ics'],
  spaceCalendar: ['GET', '/feeds/spaces/:file'],
  organisationCalendar: ['GET', '/feeds/organisations/:file'],
  levelCalendar: ['GET', '/feeds/levels/:file'],
  openActive: ['GET', '/openactive/:feed'],
  activityPage: ['GET', '/activity/:id'],
  // Badges for anyone (issue 12): the issuer's trusted keys, revocation lists, achievements, and the
  // account-free claim a phone makes with a host's claim QR.
  badgeIssuer: ['GET', '/badges/issuer.json'],
  badgeStatusList: ['GET', '/badges/status/:list'],
  badgeAchievement: ['GET', '/badges/achievements/:id'],
  badgeClaimInfo: ['GET', '/badges/claim/:token'],
  claimBadge: ['POST', '/badges/claim'],
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
