/**
 * Group commit for SQLite. With synchronous=FULL every COMMIT waits for an fsync of the
 * WAL, which on an ordinary disk caps one-transaction-per-write at about a hundred writes a
 * second. Writes that arrive together are therefore run in ONE transaction, each inside its
 * own savepoint: a write that fails (stale version, locked quarter) rolls back alone, the
 * others commit together with a single fsync. No promise resolves before the COMMIT has
 * returned, so an acknowledged write is as durable as before; what changes is only that
 * concurrent writers share the wait.
 *
 * The batch is whatever was queued while the event loop was busy: the flush runs on
 * `setImmediate`, after the I/O phase that delivered the requests.
 */
export type Job<Tx, T> = (tx: Tx) => T;

type Pending<Tx> = {
  job: Job<Tx, unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
};

export type GroupCommitOptions<Tx> = {
  /** Runs `body` in one transaction (BEGIN … COMMIT), rolling back when it throws. */
  transaction: (body: (tx: Tx) => void) => void;
  /** Runs `body` in a savepoint nested in `tx`, rolled back alone when it throws. */
  savepoint: <T>(tx: Tx, body: (tx: Tx) => T) => T;
  /**
   * Whether the batch's transaction is still open. SQLite rolls the whole transaction back
   * itself on some errors (a full disk, an I/O error): then no write of the batch can stand.
   */
  isInTransaction: () => boolean;
  /** Called once after each batch that committed at least one write. */
  onCommit?: () => void;
  /** At most this many writes share one transaction (bounds the time the loop is held). */
  maxBatch?: number;
};

export function createGroupCommit<Tx>({
  transaction,
  savepoint,
  isInTransaction,
  onCommit,
  maxBatch = 256,
}: GroupCommitOptions<Tx>) {
  let queue: Array<Pending<Tx>> = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    // Already drained (by a close) since this flush was scheduled.
    if (queue.length === 0) return;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(maxBatch);
    if (queue.length > 0) schedule();
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      transaction((tx) => {
        for (const { job } of batch) {
          try {
            outcomes.push({ ok: true, value: savepoint(tx, job) });
          } catch (error) {
            // The engine undid the whole transaction, the writes before this one included:
            // the batch fails as one, with this error (a storage fault, answered 503).
            if (!isInTransaction()) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The COMMIT failed, or the engine rolled the transaction back (disk full, I/O error):
      // nothing of the batch is stored, and every writer is told so.
      for (const { reject } of batch) reject(error);
      return;
    }
    if (outcomes.some((o) => o.ok)) onCommit?.();
    batch.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) resolve(outcome.value);
      else reject(outcome?.error);
    });
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    /** Queues a write; resolves with its result once the transaction holding it committed. */
    run<T>(job: Job<Tx, T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ job, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    /** Commits everything queued now, synchronously: before the connection closes. */
    drain() {
      while (queue.length > 0) flush();
    },
  };
}
