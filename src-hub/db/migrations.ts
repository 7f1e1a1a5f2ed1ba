// The hub's schema as an ordered list of migrations, run identically on PGlite and PostgreSQL.
// Each migration runs once, in order, inside one transaction that holds an advisory lock, so two
// hubs starting on one database never migrate at the same time; `hub_migrations` records what ran.
// Never edit a migration that has shipped: add the next one.
//
// Rows keep the kiosk's shapes (core/rows.ts) whole in a `row jsonb`, so a row goes out to a kiosk
// exactly as it came in; the real columns beside it are what SQL has to enforce, index or search.
// Instants are epoch milliseconds in bigint columns, as everywhere else in the code.
import type { Sql } from './sql';

export interface Migration {
  id: number;
  name: string;
  /** One statement per entry: PGlite's parameterised query runs a single statement. */
  statements: readonly string[];
}

/** Advisory lock keys (any constant bigint; these spell "WgMi" and "WgCh"). */
const MIGRATION_LOCK = 0x57674d69;
const CHANGES_LOCK = 0x57674368;

/** Applied in this order; ids ascend with it. */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'runtime tables, change stream, idempotency',
    statements: [
      // Lets a GiST index compare text (space_id WITH =) next to ranges; ships with PGlite and Debian's PostgreSQL.
      'CREATE EXTENSION IF NOT EXISTS btree_gist',
      'CREATE TABLE hub_meta (key text PRIMARY KEY, value jsonb NOT NULL)',
      `CREATE TABLE bookings (
        id text PRIMARY KEY,
        space_id text NOT NULL,
        start_ms bigint NOT NULL,
        end_ms bigint NOT NULL,
        -- [start, end + the space's buffer): two ranges overlap exactly when the bookings come closer than the buffer.
        during tstzrange NOT NULL,
        status text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
        code text NOT NULL,
        series_id text,
        -- The space takes one booking at a time (capacity 1): the exclusion constraint guards it.
        exclusive boolean NOT NULL,
        row jsonb NOT NULL,
        CONSTRAINT bookings_no_overlap EXCLUDE USING gist (space_id WITH =, during WITH &&) WHERE (status = 'confirmed' AND exclusive)
      )`,
      'CREATE INDEX bookings_space_start ON bookings (space_id, start_ms)',
      // A visitor finds a booking by its code, so no two confirmed bookings share one.
      "CREATE UNIQUE INDEX bookings_confirmed_code ON bookings (code) WHERE status = 'confirmed'",
      'CREATE INDEX bookings_series ON bookings (series_id) WHERE series_id IS NOT NULL',
      // One row per space with capacity > 1, locked FOR UPDATE while a write counts its bookings.
      'CREATE TABLE space_locks (space_id text PRIMARY KEY)',
      'CREATE TABLE series (id text PRIMARY KEY, space_id text NOT NULL, organisation_id text NOT NULL, row jsonb NOT NULL)',
      // Staff (and, from old backups, imported) organisations; config ones come from the site folder.
      'CREATE TABLE organisations (id text PRIMARY KEY, source text NOT NULL, row jsonb NOT NULL)',
      'CREATE TABLE activities (id text PRIMARY KEY, organiser text NOT NULL, source text NOT NULL, row jsonb NOT NULL)',
      'CREATE INDEX activities_organiser ON activities (organiser)',
      `CREATE TABLE occurrences (
        id text PRIMARY KEY,
        activity_id text NOT NULL,
        space_id text,
        start_ms bigint NOT NULL,
        end_ms bigint NOT NULL,
        source text NOT NULL,
        row jsonb NOT NULL
      )`,
      'CREATE INDEX occurrences_space_start ON occurrences (space_id, start_ms) WHERE space_id IS NOT NULL',
      'CREATE INDEX occurrences_activity ON occurrences (activity_id)',
      // Staff spaces and kiosk settings exist only in kiosk backups; kept so a restore loses nothing.
      'CREATE TABLE spaces (id text PRIMARY KEY, row jsonb NOT NULL)',
      'CREATE TABLE kiosk_settings (key text PRIMARY KEY, value jsonb NOT NULL)',
      'CREATE TABLE audit_log (seq bigint PRIMARY KEY, at bigint NOT NULL, entity text NOT NULL, entity_id text, row jsonb NOT NULL)',
      // seq is gap-free in commit order (see changes.ts); `row` is absent for a delete.
      `CREATE TABLE changes (
        seq bigint PRIMARY KEY,
        at bigint NOT NULL,
        tbl text NOT NULL,
        op text NOT NULL CHECK (op IN ('put', 'delete')),
        key text NOT NULL,
        row jsonb
      )`,
      `CREATE TABLE idempotency (
        key text PRIMARY KEY,
        route text NOT NULL,
        request_hash text NOT NULL,
        response jsonb,
        at bigint NOT NULL
      )`,
      'CREATE INDEX idempotency_at ON idempotency (at)',
      // Takes the change stream's lock and then reads where the stream and the audit log stand, in
      // one round trip. A VOLATILE function reads with a fresh snapshot per statement, so the reads
      // see every commit made before the lock was granted.
      `CREATE FUNCTION hub_lock_stream() RETURNS TABLE (audit_top bigint, change_top bigint) LANGUAGE plpgsql VOLATILE AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock(${CHANGES_LOCK});
         RETURN QUERY SELECT (SELECT coalesce(max(seq), 0) FROM audit_log), (SELECT coalesce(max(seq), 0) FROM changes);
       END $$`,
    ],
  },
  {
    id: 2,
    name: 'accounts, sessions, screens, usage counts',
    statements: [
      // Hashes are argon2id strings; they never leave this table (AccountView has none).
      `CREATE TABLE accounts (
        id text PRIMARY KEY,
        name text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('coordinator', 'organisation')),
        organisation_id text,
        password_hash text NOT NULL,
        pin_hash text,
        must_change_password boolean NOT NULL DEFAULT false,
        disabled boolean NOT NULL DEFAULT false,
        -- Wrong passwords (desk) and wrong PINs (lobby) back off separately: a passer-by typing PINs
        -- never holds back the person's desk sign-in.
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until bigint,
        pin_failed_attempts integer NOT NULL DEFAULT 0,
        pin_locked_until bigint,
        created_at bigint NOT NULL,
        last_sign_in_at bigint,
        CHECK (role = 'coordinator' OR organisation_id IS NOT NULL)
      )`,
      'CREATE UNIQUE INDEX accounts_name ON accounts (lower(name))',
      // A session is known by the SHA-256 of its secret: a copy of this table opens no session.
      `CREATE TABLE staff_sessions (
        id_hash text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('desk', 'lobby')),
        screen_id text,
        csrf text NOT NULL,
        created_at bigint NOT NULL,
        last_used_at bigint NOT NULL,
        idle_ms bigint NOT NULL,
        expires_at bigint NOT NULL
      )`,
      'CREATE INDEX staff_sessions_account ON staff_sessions (account_id)',
      `CREATE TABLE screens (
        id text PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        row jsonb NOT NULL,
        last_seen_at bigint,
        app_version text,
        config_version text,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb
      )`,
      // Counts only: per hour, screen, event and key. Nothing here can be joined into one visitor's trail.
      `CREATE TABLE usage_counts (
        hour bigint NOT NULL,
        screen_id text NOT NULL,
        event text NOT NULL,
        key text NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (hour, screen_id, event, key)
      )`,
    ],
  },
  {
    id: 3,
    name: 'feeds in: staff feeds and each feed\'s last good copy',
    statements: [
      // Feeds saved at the staff desk (FeedConfig); the config's feeds come from site.json.
      'CREATE TABLE feeds (id text PRIMARY KEY, row jsonb NOT NULL, created_at bigint NOT NULL)',
      // Per feed: its last good copy (the text as fetched; for RPDE the merged items) and the state of
      // its reads. Kept when a feed is removed from the config, so putting it back needs no refetch.
      `CREATE TABLE feed_state (
        feed_id text PRIMARY KEY,
        state jsonb NOT NULL,
        copy text,
        copy_at bigint
      )`,
    ],
  },
  {
    id: 4,
    name: 'published OpenActive items',
    statements: [
      // What the OpenActive feeds have said (db/published.ts): each item's last data and its hash, so a
      // change gets a new `modified` and an item that is gone is answered as deleted. `modified` only
      // grows (every sync takes the next value above all before it), and ids compare byte-wise.
      `CREATE TABLE published_items (
        feed text NOT NULL,
        id text COLLATE "C" NOT NULL,
        modified bigint NOT NULL,
        hash text,
        data jsonb,
        deleted boolean NOT NULL DEFAULT false,
        PRIMARY KEY (feed, id)
      )`,
      'CREATE INDEX published_items_order ON published_items (feed, modified, id)',
    ],
  },
  {
    id: 5,
    name: 'badges: issuer keys, claim QRs, issued badges',
    statements: [
      // The site's Ed25519 issuer keys (JWKs). One is current; retired ones still verify what they
      // signed; withdrawn ones are no longer trusted. Kept forever: a badge lives on its holder's phone.
      `CREATE TABLE issuer_keys (
        did text PRIMARY KEY,
        public_jwk jsonb NOT NULL,
        private_jwk jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('current', 'retired', 'withdrawn')),
        created_at bigint NOT NULL,
        retired_at bigint,
        withdrawn_at bigint
      )`,
      "CREATE UNIQUE INDEX issuer_keys_one_current ON issuer_keys (state) WHERE state = 'current'",
      // A claim QR a host opened for one session. The token is kept as it is (not hashed): the host
      // shows the same QR again during the session. It is worth nothing after expires_at.
      `CREATE TABLE badge_claims (
        id text PRIMARY KEY,
        token text NOT NULL UNIQUE,
        achievement_id text NOT NULL,
        activity_id text NOT NULL,
        session_start bigint NOT NULL,
        opened_by text NOT NULL,
        opened_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        max_claims integer NOT NULL CHECK (max_claims > 0),
        claims integer NOT NULL DEFAULT 0,
        closed_at bigint,
        CHECK (claims <= max_claims)
      )`,
      'CREATE INDEX badge_claims_opened ON badge_claims (opened_at)',
      // Per issued badge only what revocation needs: no holder did, no name, no address. The status
      // index is drawn at random inside its list (Bitstring Status List: herd privacy).
      `CREATE TABLE badges_issued (
        id text PRIMARY KEY,
        claim_id text NOT NULL,
        achievement_id text NOT NULL,
        activity_id text NOT NULL,
        session_start bigint NOT NULL,
        issued_at bigint NOT NULL,
        key_did text NOT NULL,
        status_list integer NOT NULL CHECK (status_list > 0),
        status_index integer NOT NULL CHECK (status_index >= 0),
        revoked_at bigint,
        revoked_by text,
        UNIQUE (status_list, status_index)
      )`,
      'CREATE INDEX badges_issued_claim ON badges_issued (claim_id)',
      'CREATE INDEX badges_issued_activity ON badges_issued (activity_id, session_start)',
      // While a claim can be claimed: SHA-256 of (claim id, holder did) per phone that claimed, so a
      // phone asking again gets its own badge again instead of a second place. Not the did itself,
      // and deleted once the claim has ended (then nobody can claim anyway).
      `CREATE TABLE badge_claim_holders (
        claim_id text NOT NULL REFERENCES badge_claims (id) ON DELETE CASCADE,
        holder_hash text NOT NULL,
        badge_id text NOT NULL,
        PRIMARY KEY (claim_id, holder_hash)
      )`,
    ],
  },
  {
    id: 6,
    name: 'place reservations on activity sessions',
    statements: [
      // A place reservation (issue 11) is a booking row with an activityId: counted per session under
      // an advisory lock (db/places.ts), never part of the exclusion constraint (stored non-exclusive).
      "CREATE INDEX bookings_places ON bookings ((row->>'activityId'), start_ms) WHERE (row->>'activityId') IS NOT NULL",
    ],
  },
];

/**
 * Brings the schema up to date; returns the ids it applied. Refuses a database that a newer hub
 * has migrated further than this one knows, rather than running on a schema it does not understand.
 */
export async function migrate(sql: Sql): Promise<number[]> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS hub_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await tx.query<{ id: number }>('SELECT id FROM hub_migrations ORDER BY id');
    const applied = new Set(rows.map((row) => row.id));
    const newest = Math.max(0, ...MIGRATIONS.map((migration) => migration.id));
    const unknown = rows.find((row) => row.id > newest);
    if (unknown) throw new Error(`The database was migrated by a newer hub (migration ${unknown.id}); this hub knows up to ${newest}. Update the hub.`);
    const done: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.id)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO hub_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      done.push(migration.id);
    }
    return done;
  });
}
