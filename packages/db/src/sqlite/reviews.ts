import { and, eq } from 'drizzle-orm';
import { roundAudit } from '../audit-rows';
import { toRound } from '../records';
import type { Repository } from '../repository';
import { checkRoundVersion } from '../rules';
import { reviewRounds } from '../schema';
import type { AuditWriter } from './audit';
import type { SqliteContext } from './context';
import { insertNotifications } from './notifications';

/** Reporting rounds: a quarter's deadline, opened and moved by directors, versioned and audited. */
export function createReviews(
  { db, now, written }: SqliteContext,
  { audit }: { audit: AuditWriter },
) {
  const where = (year: number, quarter: number) =>
    and(eq(reviewRounds.year, year), eq(reviewRounds.quarter, quarter));

  const methods: Pick<Repository, 'getRound' | 'saveRound'> = {
    async getRound(year, quarter) {
      const row = db.select().from(reviewRounds).where(where(year, quarter)).get();
      return row ? toRound(row) : null;
    },
    async saveRound({ year, quarter, deadline, expectedVersion, actor, comment, notify }) {
      return written(
        db.transaction((tx) => {
          const oldRow = tx.select().from(reviewRounds).where(where(year, quarter)).get();
          const old = oldRow ? toRound(oldRow) : null;
          checkRoundVersion(expectedVersion, old);
          const at = now().toISOString();
          const row = old
            ? tx
                .update(reviewRounds)
                .set({ deadline, version: old.version + 1, updatedAt: at, updatedBy: actor })
                .where(where(year, quarter))
                .returning()
                .get()
            : tx
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
                .returning()
                .get();
          const saved = toRound(row);
          audit(roundAudit({ actor, comment }, { at, old, saved }));
          if (!old && notify) insertNotifications(tx, notify, at);
          return saved;
        }),
      );
    },
  };
  return { methods };
}
