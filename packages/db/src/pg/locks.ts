import { and, asc, eq } from 'drizzle-orm';
import { lockAudit } from '../audit-rows';
import { newLockRow, toLock } from '../records';
import type { Repository } from '../repository';
import { refuseAlreadyLocked, refuseNotLocked } from '../rules';
import { insertAudit } from './audit';
import { advisoryLock, advisoryQuarter, type PgContext, type Q, type WriteCtx } from './context';
import { quarterLocks } from './schema';

export const readLock = async (q: Q, year: number, quarter: number) => {
  const [row] = await q
    .select()
    .from(quarterLocks)
    .where(and(eq(quarterLocks.year, year), eq(quarterLocks.quarter, quarter)));
  return row ? toLock(row) : null;
};

/** The quarter's lock, read under the shared advisory lock that keeps it as read until commit. */
export const lockOf = async (ctx: WriteCtx, year: number, quarter: number) => {
  const key = advisoryQuarter(year, quarter);
  if (!ctx.quarterLocks.has(key)) {
    await advisoryLock(ctx.tx, key, 'shared');
    ctx.quarterLocks.set(key, await readLock(ctx.tx, year, quarter));
  }
  return ctx.quarterLocks.get(key) ?? null;
};

/**
 * Quarter locks. Locking and unlocking take the quarter's advisory lock exclusive, so they wait
 * for the saves that checked the quarter (shared, lockOf) and those saves for them.
 */
export function createLocks({ db, now, write }: PgContext) {
  const methods: Pick<Repository, 'listLocks' | 'lockQuarter' | 'unlockQuarter'> = {
    async listLocks(year) {
      const rows = await db
        .select()
        .from(quarterLocks)
        .where(year === undefined ? undefined : eq(quarterLocks.year, year))
        .orderBy(asc(quarterLocks.year), asc(quarterLocks.quarter));
      return rows.map(toLock);
    },
    async lockQuarter({ year, quarter, actor, comment }) {
      return write(async ({ tx }) => {
        // Waits for the saves that checked this quarter's lock to commit.
        await advisoryLock(tx, advisoryQuarter(year, quarter), 'exclusive');
        const existing = await readLock(tx, year, quarter);
        if (existing) refuseAlreadyLocked(existing);
        const at = now().toISOString();
        const [row] = await tx
          .insert(quarterLocks)
          .values(newLockRow({ year, quarter, actor, comment }, at))
          .returning();
        const lock = toLock(row as typeof quarterLocks.$inferSelect);
        await insertAudit(
          tx,
          lockAudit({ actor, comment }, { at, year, quarter, old: null, saved: lock }),
        );
        return lock;
      });
    },
    async unlockQuarter({ year, quarter, actor, comment }) {
      await write(async ({ tx }) => {
        await advisoryLock(tx, advisoryQuarter(year, quarter), 'exclusive');
        const existing = await readLock(tx, year, quarter);
        if (!existing) return refuseNotLocked(year, quarter);
        await tx
          .delete(quarterLocks)
          .where(and(eq(quarterLocks.year, year), eq(quarterLocks.quarter, quarter)));
        await insertAudit(
          tx,
          lockAudit(
            { actor, comment },
            { at: now().toISOString(), year, quarter, old: existing, saved: null },
          ),
        );
      });
    },
  };
  return { methods };
}
