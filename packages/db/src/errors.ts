/** BAD_REQUEST: a rule about the stored data the request breaks (a report's causes): 400. */
export type DbErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'LOCKED' | 'BAD_REQUEST';

/**
 * A typed failure the API turns into 404 / 409 / 423 / 400; anything else is a 500.
 * `details` carries what the client needs to recover: the current value on a conflict, the
 * lock on a locked quarter.
 */
export class DbError extends Error {
  readonly code: DbErrorCode;
  readonly field: string | undefined;
  readonly details: unknown;
  /**
   * Why, where the client must tell this refusal from others of its code: the API's `error`
   * (e.g. 'last_admin', a 409 that no reload and retry can resolve).
   */
  readonly reason: string | undefined;

  constructor(
    code: DbErrorCode,
    message: string,
    options: { field?: string; details?: unknown; reason?: string } = {},
  ) {
    super(message);
    this.name = 'DbError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
    this.reason = options.reason;
  }
}

/**
 * Why the storage refused to work, when the fault is the storage's and not the request's:
 * another process holds the lock, the file or server is read-only, the disk is full, the disk
 * or the connection failed. The request may succeed unchanged a moment later (503), unlike a
 * bad request (4xx) or a bug (500).
 */
export type StorageFault = 'busy' | 'read_only' | 'full' | 'io' | 'unreachable';

/**
 * SQLite result codes as better-sqlite3 spells them on SqliteError#code. Extended codes keep
 * their primary code as prefix (SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED,
 * SQLITE_IOERR_FSYNC, SQLITE_CANTOPEN_ISDIR…), so prefixes cover them all.
 */
const SQLITE_FAULTS: ReadonlyArray<readonly [prefix: string, fault: StorageFault]> = [
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
  ['SQLITE_READONLY', 'read_only'],
  ['SQLITE_FULL', 'full'],
  ['SQLITE_IOERR', 'io'],
  ['SQLITE_CANTOPEN', 'unreachable'],
];

/**
 * PostgreSQL SQLSTATEs (node-postgres puts them on error.code) for the engine of the
 * scale-out issue. Class 08 is a lost or refused connection; 53 is out of resources.
 */
const PG_FAULTS: Readonly<Record<string, StorageFault>> = {
  '53100': 'full', // disk_full
  '53200': 'full', // out_of_memory
  '53300': 'busy', // too_many_connections
  '25006': 'read_only', // read_only_sql_transaction (a standby, or default_transaction_read_only)
  '55P03': 'busy', // lock_not_available (lock_timeout / NOWAIT)
  '57P01': 'unreachable', // admin_shutdown
  '57P02': 'unreachable', // crash_shutdown
  '57P03': 'unreachable', // cannot_connect_now (starting up, recovering)
  '58030': 'io', // io_error
};

/** Socket-level failures of a network database (node's error.code). */
const NETWORK_FAULTS: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

function faultOfCode(code: string): StorageFault | null {
  if (code.startsWith('SQLITE_')) {
    for (const [prefix, fault] of SQLITE_FAULTS) {
      if (code === prefix || code.startsWith(`${prefix}_`)) return fault;
    }
    return null;
  }
  if (/^08[0-9A-Z]{3}$/.test(code)) return 'unreachable'; // connection_exception class
  return PG_FAULTS[code] ?? (NETWORK_FAULTS.has(code) ? 'unreachable' : null);
}

/**
 * The codes on an error and on the errors it wraps, outermost first: the query builder wraps
 * driver errors (DrizzleQueryError#cause), while errors of BEGIN/COMMIT arrive bare. Stops
 * at a DbError, which is ours and carries no driver code.
 */
export function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof DbError) break;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** The storage fault behind an error, or null when the error is anything else. */
export function storageFaultOf(err: unknown): StorageFault | null {
  for (const code of errorCodes(err)) {
    const fault = faultOfCode(code);
    if (fault) return fault;
  }
  return null;
}

/** True when the storage, not the request, is at fault and the same request may work later. */
export const isStorageUnavailable = (err: unknown): boolean => storageFaultOf(err) !== null;
