import { BoundedCache } from '../bounded-cache';

/** A built answer and the data version it was built at. */
export type Built<T> = { version: string; value: T };

type Slot<T> = {
  /** The last build that finished. */
  done?: Built<T>;
  /** The build running now and the version it started at (undefined while it reads it). */
  running?: { version: string | undefined; promise: Promise<Built<T>> };
  /** The build that starts when the running one ends, shared by whoever asked meanwhile. */
  next?: Promise<Built<T>>;
};

/**
 * Builds of an answer that follows the data version (the summary), at most one at a time per
 * key. A caller gets a build of the version it saw or one started after it asked, so every
 * write committed before it asked is in what it gets; callers asking while a build of an
 * older version runs share the one build that starts when it ends. When writes move the
 * version faster than a build takes (a quarter close), builds run back to back instead of one
 * per reader at once: the CPU they take is bounded, and so is the wait (the running build and
 * the next).
 */
export class FreshBuilds<T> {
  private readonly slots: BoundedCache<Slot<T>>;

  constructor(
    capacity: number,
    private readonly currentVersion: () => Promise<string>,
  ) {
    this.slots = new BoundedCache(capacity);
  }

  /**
   * The answer for `key` at `version` (the current data version, which the caller has read)
   * or later. A failed build fails the callers sharing it and is not kept.
   */
  async get(
    key: string,
    version: string,
    build: (version: string) => Promise<T>,
  ): Promise<Built<T>> {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = {};
      this.slots.set(key, slot);
    }
    if (slot.done?.version === version) return slot.done;
    if (slot.running === undefined) return this.start(slot, build, version);
    if (slot.running.version === version) return slot.running.promise;
    if (slot.next === undefined) {
      const current = slot;
      slot.next = slot.running.promise.then(
        () => this.startNext(current, build),
        () => this.startNext(current, build),
      );
    }
    return slot.next;
  }

  private startNext(slot: Slot<T>, build: (version: string) => Promise<T>): Promise<Built<T>> {
    slot.next = undefined;
    return this.start(slot, build);
  }

  /**
   * Builds at `version`, or at the version read now; the slot's running build until it ends.
   * Built at a version it may hold later writes too, which is safe to label with it: the
   * version only grows, so nobody asks for that version again once a later write is in.
   */
  private start(
    slot: Slot<T>,
    build: (version: string) => Promise<T>,
    known?: string,
  ): Promise<Built<T>> {
    const running: { version: string | undefined; promise: Promise<Built<T>> } = {
      version: known,
      promise: Promise.resolve(known ?? this.currentVersion()).then(async (version) => {
        running.version = version;
        return { version, value: await build(version) };
      }),
    };
    slot.running = running;
    running.promise.then(
      (built) => {
        if (slot.running === running) slot.running = undefined;
        slot.done = built;
      },
      () => {
        if (slot.running === running) slot.running = undefined;
      },
    );
    return running.promise;
  }
}
