// Who may call each route of the hub, named once beside the routes. The hub enforces it (src-hub/http);
// the clients read it only to know which credentials to send. Pure data.
//
//  public       anyone who can reach the hub (health, the site's files, sign-in, pairing start)
//  device       a paired screen (its bearer token), not a desk session
//  reader       a paired screen or any signed-in staff member (the shared timeline)
//  staff        a signed-in person, on the desk or on a lobby screen; organisation accounts are
//               further limited to their own organisation's bookings and series by the hub
//  visitor      a paired screen (a visitor booking) or staff
//  coordinator  a signed-in coordinator (accounts, screens, usage figures, backup, imports)
import type { HubRouteName } from './routes';

export type Audience = 'public' | 'device' | 'reader' | 'staff' | 'visitor' | 'coordinator' | 'session';

export const ROUTE_AUDIENCE: Readonly<Record<HubRouteName, Audience>> = {
  health: 'public',
  changes: 'reader',
  snapshot: 'reader',
  createBooking: 'visitor',
  reservePlace: 'visitor',
  cancelBooking: 'visitor',
  previewCancel: 'visitor',
  moveBooking: 'staff',
  createSeries: 'staff',
  changeSeries: 'staff',
  skipSeriesDate: 'staff',
  cancelSeries: 'staff',
  saveOrganisation: 'coordinator',
  importOffer: 'coordinator',
  feeds: 'coordinator',
  saveFeed: 'coordinator',
  removeFeed: 'coordinator',
  refreshFeed: 'coordinator',
  // A host (staff, or an organisation account for its own sessions) awards and revokes; coordinators keep the keys and define.
  badgeClaims: 'staff',
  openBadgeClaim: 'staff',
  closeBadgeClaim: 'staff',
  issuedBadges: 'staff',
  revokeBadge: 'staff',
  issuerKeys: 'coordinator',
  rotateIssuerKey: 'coordinator',
  withdrawIssuerKey: 'coordinator',
  saveLearningItem: 'coordinator',
  removeLearningItem: 'coordinator',
  recordAudit: 'staff',
  backup: 'coordinator',
  restore: 'coordinator',
  // A screen's log lines, and the desk's (its errors reach the hub's log too); never anonymous ones.
  log: 'reader',
  // Images in <img> tags carry no token; the hub serves only its site's area, so it is no open proxy.
  tile: 'public',
  siteBundle: 'public',
  siteConfig: 'public',
  siteAsset: 'public',
  // `session`: the route works on the caller's own session (or makes one) and checks it itself.
  session: 'session',
  signIn: 'public',
  signOut: 'session',
  changePassword: 'session',
  setupStatus: 'public',
  setup: 'public',
  lobbyUnlock: 'device',
  lobbyLock: 'device',
  accounts: 'coordinator',
  saveAccount: 'coordinator',
  startPairing: 'public',
  pollPairing: 'public',
  claimPairing: 'coordinator',
  device: 'device',
  deviceStatus: 'device',
  screens: 'coordinator',
  updateScreen: 'coordinator',
  reloadScreen: 'coordinator',
  revokeScreen: 'coordinator',
  recordUsage: 'device',
  usage: 'coordinator',
  usageCsv: 'coordinator',
  // Feeds out: the site's public programme.
  siteCalendar: 'public',
  spaceCalendar: 'public',
  organisationCalendar: 'public',
  levelCalendar: 'public',
  openActive: 'public',
  activityPage: 'public',
  // Badges: anyone may verify and claim (a claim needs a valid claim token and proof of the phone's key).
  badgeIssuer: 'public',
  badgeStatusList: 'public',
  badgeAchievement: 'public',
  badgeClaimInfo: 'public',
  claimBadge: 'public',
};
