import type { HubRouteName } from '../../src-renderer/core/hub/contract';

/** The routes issue 9 added: accounts, sessions, screens and usage counts. */
export const ACCESS_ROUTES: ReadonlySet<HubRouteName> = new Set<HubRouteName>([
  'session',
  'signIn',
  'signOut',
  'changePassword',
  'setupStatus',
  'setup',
  'lobbyUnlock',
  'lobbyLock',
  'accounts',
  'saveAccount',
  'startPairing',
  'pollPairing',
  'claimPairing',
  'device',
  'deviceStatus',
  'screens',
  'updateScreen',
  'reloadScreen',
  'revokeScreen',
  'recordUsage',
  'usage',
  'usageCsv',
]);
