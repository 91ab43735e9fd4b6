import { and, asc, eq, sql } from 'drizzle-orm';
import { lockAudit } from '../audit-rows';
import { newLockRow, toLock } from '../records';
import type { Repository } from '../repository';
import { refuseAlreadyLocked, refuseNotLocked } from '../rules';
import { quarterLocks } from '../schema';
import type { AuditWriter } from './audit';
import type { SqliteContext } from './context';

/**
 * Quarter locks: the lock every figure write checks, and locking and unlocking. SQLite runs one
 * writer at a time, so a lock read in a write's transaction holds until its commit.
 */
export function createLocks(
  { db, now, written, countWrite }: SqliteContext,
  { audit }: { audit: AuditWriter },
) {
  const ph = sql.placeholder;
  // Prepared once: every figure of an import checks its quarter.
  const lockByQuarter = db
    .select()
    .from(quarterLocks)
    .where(and(eq(quarterLocks.year, ph('year')), eq(quarterLocks.quarter, ph('quarter'))))
    .prepare();

  /** The quarter's lock, or null; within the caller's transaction. */
  const lockOf = (year: number, quarter: number) => {
    const row = lockByQuarter.get({ year, quarter });
    return row ? toLock(row) : null;
  };

  const methods: Pick<Repository, 'listLocks' | 'lockQuarter' | 'unlockQuarter'> = {
    async listLocks(year) {
      return db
        .select()
        .from(quarterLocks)
        .where(year === undefined ? undefined : eq(quarterLocks.year, year))
        .orderBy(asc(quarterLocks.year), asc(quarterLocks.quarter))
        .all()
        .map(toLock);
    },
    async lockQuarter({ year, quarter, actor, comment }) {
      return written(
        db.transaction((tx) => {
          const existing = lockOf(year, quarter);
          if (existing) refuseAlreadyLocked(existing);
          const at = now().toISOString();
          const lock = toLock(
            tx
              .insert(quarterLocks)
              .values(newLockRow({ year, quarter, actor, comment }, at))
              .returning()
              .get(),
          );
          audit(lockAudit({ actor, comment }, { at, year, quarter, old: null, saved: lock }));
          return lock;
        }),
      );
    },
    async unlockQuarter({ year, quarter, actor, comment }) {
      countWrite();
      db.transaction((tx) => {
        const existing = lockOf(year, quarter);
        if (!existing) return refuseNotLocked(year, quarter);
        tx.delete(quarterLocks)
          .where(and(eq(quarterLocks.year, year), eq(quarterLocks.quarter, quarter)))
          .run();
        audit(
          lockAudit(
            { actor, comment },
            { at: now().toISOString(), year, quarter, old: existing, saved: null },
          ),
        );
      });
    },
  };
  return { lockOf, methods };
}

export type LockReader = ReturnType<typeof createLocks>['lockOf'];
