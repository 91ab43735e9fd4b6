/**
 * Group commit for PostgreSQL: writes that arrive together are handed to `run` as one batch,
 * which runs them in one statement (one round trip, one transaction, one WAL flush) and
 * settles each write alone. Nobody is answered before that statement, COMMIT included, has
 * returned, so synchronous_commit keeps its meaning. At most `maxInFlight` batches run at once:
 * the writes that arrive meanwhile wait for the next batch instead of each taking a connection,
 * which is what makes the batches grow with the load.
 */
export type BatchOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

type Pending<I, T> = {
  input: I;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
};

export type BatcherOptions<I, T> = {
  /**
   * Runs a batch; resolves with one outcome per input, in order. Rejecting fails every write of
   * the batch with that error (nothing of it was committed, or the server cannot say).
   */
  run: (inputs: I[]) => Promise<Array<BatchOutcome<T>>>;
  /** At most this many writes share one batch. */
  maxBatch: number;
  /** At most this many batches run at once (each holds one connection). */
  maxInFlight: number;
};

export function createBatcher<I, T>({ run, maxBatch, maxInFlight }: BatcherOptions<I, T>) {
  let queue: Array<Pending<I, T>> = [];
  let inFlight = 0;
  let isScheduled = false;
  const idle: Array<() => void> = [];

  const settle = (batch: Array<Pending<I, T>>, outcomes: Array<BatchOutcome<T>>) => {
    batch.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) reject(new Error('The batch gave no outcome for this write'));
      else if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  };

  const flush = () => {
    isScheduled = false;
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      inFlight++;
      run(batch.map((p) => p.input))
        .then(
          (outcomes) => settle(batch, outcomes),
          (error: unknown) => {
            for (const { reject } of batch) reject(error);
          },
        )
        .finally(() => {
          inFlight--;
          if (queue.length > 0) schedule();
          else if (inFlight === 0) for (const done of idle.splice(0)) done();
        });
    }
  };

  // On setImmediate, as SQLite's group commit: the batch is what the I/O phase delivered.
  const schedule = () => {
    if (isScheduled) return;
    isScheduled = true;
    setImmediate(flush);
  };

  return {
    /** Queues a write; settles once the batch holding it has committed (or failed). */
    run(input: I): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        schedule();
      });
    },
    /** Resolves once every queued write has been settled: before the pool closes. */
    drain(): Promise<void> {
      if (queue.length === 0 && inFlight === 0) return Promise.resolve();
      return new Promise((done) => idle.push(done));
    },
  };
}
