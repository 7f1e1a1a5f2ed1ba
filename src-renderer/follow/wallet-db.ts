// The phone's wallet (issue 12): its own key, the badges it received, the issuer keys it last saw and
// the playlist steps the visitor ticked. Everything stays on the phone (IndexedDB); the private key is
// a non-extractable WebCrypto key, stored as the CryptoKey object itself, so not even this page can
// read its bytes, and it is never sent anywhere. A database of its own beside the recent paths
// (recent-db.ts), so forgetting paths never touches badges. Loaded lazily (see wallet.ts).
import Dexie, { type EntityTable } from 'dexie';

/** The phone's one key pair; `id` is always "holder". */
export interface StoredHolderKey {
  id: 'holder';
  did: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  createdAt: number;
}

/** A badge the phone holds: the credential as the hub signed it, plus what the list shows without decoding. */
export interface StoredBadge {
  /** The credential's id ("urn:uuid:…"). */
  id: string;
  /** The compact JWS, exactly as received: the only thing that proves anything. */
  jws: string;
  receivedAt: number;
  achievementId: string;
  achievementName: string;
  issuerName: string;
  validFrom: number;
  validUntil?: number;
}

/** The issuer document of the hub (issuer.json) as last fetched: what offline verification trusts. */
export interface StoredIssuer {
  /** The hub's origin: a phone may hold badges of more than one site. */
  origin: string;
  document: unknown;
  fetchedAt: number;
}

/** A playlist step the visitor marked done; the key is "<playlist id>/<step index>". */
export interface StoredTick {
  key: string;
  playlistId: string;
  tickedAt: number;
}

export const HOLDER_KEY_ID = 'holder';

class WalletDatabase extends Dexie {
  keys!: EntityTable<StoredHolderKey, 'id'>;
  badges!: EntityTable<StoredBadge, 'id'>;
  issuers!: EntityTable<StoredIssuer, 'origin'>;
  ticks!: EntityTable<StoredTick, 'key'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ keys: '&id', badges: '&id, receivedAt', issuers: '&origin', ticks: '&key, playlistId' });
  }
}

export const WALLET_DATABASE = 'wegwijzer-wallet';

let database: WalletDatabase | undefined;

function db(): WalletDatabase {
  database ??= new WalletDatabase(WALLET_DATABASE);
  return database;
}

export async function loadHolderKey(): Promise<StoredHolderKey | undefined> {
  return db().keys.get(HOLDER_KEY_ID);
}

/**
 * Keeps the key made by `make` unless the phone already has one: the first key wins, so two tabs
 * claiming at once end with one key (the loser's key is dropped before it signed anything stored).
 */
export async function keepHolderKey(make: () => Promise<Omit<StoredHolderKey, 'id'>>): Promise<StoredHolderKey> {
  const existing = await loadHolderKey();
  if (existing) return existing;
  const made = { id: HOLDER_KEY_ID, ...(await make()) } as StoredHolderKey;
  return db().transaction('rw', db().keys, async () => {
    const raced = await db().keys.get(HOLDER_KEY_ID);
    if (raced) return raced;
    await db().keys.add(made);
    return made;
  });
}

/** Stores a received badge; receiving the same credential again keeps the first arrival's date. */
export async function keepBadge(badge: StoredBadge): Promise<void> {
  await db().transaction('rw', db().badges, async () => {
    const existing = await db().badges.get(badge.id);
    await db().badges.put(existing ? { ...badge, receivedAt: existing.receivedAt } : badge);
  });
}

/** Newest first. */
export function listBadges(): Promise<StoredBadge[]> {
  return db().badges.orderBy('receivedAt').reverse().toArray();
}

export function getBadge(id: string): Promise<StoredBadge | undefined> {
  return db().badges.get(id);
}

export async function removeBadge(id: string): Promise<void> {
  await db().badges.delete(id);
}

export async function keepIssuer(entry: StoredIssuer): Promise<void> {
  await db().issuers.put(entry);
}

export function loadIssuer(origin: string): Promise<StoredIssuer | undefined> {
  return db().issuers.get(origin);
}

export async function setTick(playlistId: string, step: number, done: boolean, now: number): Promise<void> {
  const key = `${playlistId}/${step}`;
  if (done) await db().ticks.put({ key, playlistId, tickedAt: now });
  else await db().ticks.delete(key);
}

/** The step indexes of a playlist marked done. */
export async function ticksOf(playlistId: string): Promise<number[]> {
  const rows = await db().ticks.where('playlistId').equals(playlistId).toArray();
  return rows.map((row) => Number(row.key.slice(playlistId.length + 1))).filter((step) => Number.isInteger(step) && step >= 0);
}

/** For tests: closes the connection so the database can be deleted. */
export function closeWallet(): void {
  database?.close();
  database = undefined;
}
