import { and, eq } from 'drizzle-orm';
import { roundAudit } from '../audit-rows';
import { toRound } from '../records';
import type { Repository } from '../repository';
import { checkRoundVersion } from '../rules';
import { insertAudit } from './audit';
import type { PgContext } from './context';
import { insertNotifications } from './notifications';
import { reviewRounds } from './schema';

/**
 * Reporting rounds, as ../sqlite/reviews.ts. The round is read FOR UPDATE; a round opened
 * meanwhile by another writer is found through INSERT … ON CONFLICT DO NOTHING and its version
 * checked like an existing one's (CONFLICT for a writer that started from 0).
 */
export function createReviews({ db, now, write }: PgContext) {
  const where = (year: number, quarter: number) =>
    and(eq(reviewRounds.year, year), eq(reviewRounds.quarter, quarter));

  const methods: Pick<Repository, 'getRound' | 'saveRound'> = {
    async getRound(year, quarter) {
      const [row] = await db.select().from(reviewRounds).where(where(year, quarter));
      return row ? toRound(row) : null;
    },
    async saveRound({ year, quarter, deadline, expectedVersion, actor, comment, notify }) {
      return write(async ({ tx }) => {
        const readLocked = async () => {
          const [row] = await tx
            .select()
            .from(reviewRounds)
            .where(where(year, quarter))
            .for('update');
          return row ? toRound(row) : null;
        };
        let old = await readLocked();
        checkRoundVersion(expectedVersion, old);
        const at = now().toISOString();
        let row: typeof reviewRounds.$inferSelect | undefined;
        if (!old) {
          [row] = await tx
            .insert(reviewRounds)
            .values({
              year,
              quarter,
              deadline,
              version: 1,
              openedAt: at,
              openedBy: actor,
              updatedAt: at,
              updatedBy: actor,
            })
            .onConflictDoNothing()
            .returning();
          if (!row) {
            // Opened by someone else since we looked: now it exists, at their version.
            old = await readLocked();
            checkRoundVersion(expectedVersion, old);
          }
        }
        if (old) {
          [row] = await tx
            .update(reviewRounds)
            .set({ deadline, version: old.version + 1, updatedAt: at, updatedBy: actor })
            .where(where(year, quarter))
            .returning();
        }
        const saved = toRound(row as typeof reviewRounds.$inferSelect);
        await insertAudit(tx, roundAudit({ actor, comment }, { at, old, saved }));
        if (!old && notify) await insertNotifications(tx, notify, at);
        return saved;
      });
    },
  };
  return { methods };
}
