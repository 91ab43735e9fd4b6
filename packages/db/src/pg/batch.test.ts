import { describe, expect, it } from 'vitest';
import { type BatchOutcome, createBatcher } from './batch';

/** A batch runner that records its batches and settles them when told to. */
function recorder() {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  let running = 0;
  let maxRunning = 0;
  const run = (inputs: number[]) =>
    new Promise<Array<BatchOutcome<number>>>((resolve) => {
      batches.push(inputs);
      running++;
      maxRunning = Math.max(maxRunning, running);
      pending.push(() => {
        running--;
        resolve(
          inputs.map((n) =>
            n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: n * 10 },
          ),
        );
      });
    });
  const settleAll = async () => {
    while (pending.length > 0) {
      for (const settle of pending.splice(0)) settle();
      // Lets the batcher see the slots freed (promise callbacks) and start the batches that
      // waited for one (on the next setImmediate).
      for (let turn = 0; turn < 2; turn++) await new Promise((done) => setImmediate(done));
    }
  };
  return { run, batches, settleAll, maxRunning: () => maxRunning };
}

describe('createBatcher', () => {
  it('runs the writes asked for in one turn as one batch and settles each alone', async () => {
    const r = recorder();
    const batcher = createBatcher({ run: r.run, maxBatch: 64, maxInFlight: 2 });
    const results = Promise.allSettled([1, -2, 3].map((n) => batcher.run(n)));
    await new Promise((done) => setImmediate(done));
    expect(r.batches).toEqual([[1, -2, 3]]);
    await r.settleAll();
    expect((await results).map((x) => (x.status === 'fulfilled' ? x.value : 'refused'))).toEqual([
      10,
      'refused',
      30,
    ]);
  });

  it('keeps at most maxInFlight batches running; the writes that wait share the next one', async () => {
    const r = recorder();
    const batcher = createBatcher({ run: r.run, maxBatch: 2, maxInFlight: 2 });
    const results = Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => batcher.run(n)));
    await new Promise((done) => setImmediate(done));
    expect(r.batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    await r.settleAll();
    expect(await results).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(r.batches).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
    expect(r.maxRunning()).toBe(2);
  });

  it('fails every write of a batch whose statement failed, and drains before a close', async () => {
    const batcher = createBatcher<number, number>({
      run: async () => {
        throw new Error('connection lost');
      },
      maxBatch: 64,
      maxInFlight: 1,
    });
    const results = Promise.allSettled([1, 2].map((n) => batcher.run(n)));
    await batcher.drain();
    expect((await results).map((x) => x.status)).toEqual(['rejected', 'rejected']);
  });
});
