/** prev_hash of the first row: the chain starts from a known value, so deleting the first row is detectable. */
export const GENESIS_HASH = '0'.repeat(64);

/** Version tag inside the canonical form, so a future change of the hashed fields cannot collide with this one. */
export const AUDIT_HASH_VERSION = 'bulwark.audit.v1';

/**
 * Key of the transaction-scoped advisory lock that serialises chain appends across every instance (ASCII "AUDIT").
 * Appends are rare and batched, so one global lock costs little and keeps the chain linear.
 */
export const AUDIT_CHAIN_LOCK_KEY = 0x41_55_44_49_54;

/** Largest batch `POST /v1/audit/events` accepts. */
export const AUDIT_INGEST_MAX = 500;

/** Rows read per query while verifying or exporting: bounded memory whatever the table size. */
export const AUDIT_SCAN_PAGE = 1_000;

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export const AUDIT_ACTOR_TYPES = ['api-key', 'user', 'anonymous', 'system'] as const;
