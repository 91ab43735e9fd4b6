import { asc, eq } from 'drizzle-orm';
import { directionAudit } from '../audit-rows';
import { directionsWhere, toDirection } from '../records';
import type { Repository } from '../repository';
import { nextDirection } from '../rules';
import { insertAudit } from './audit';
import type { PgContext } from './context';
import { insertNotifications } from './notifications';
import { directions } from './schema';

/** The director's directions, as ../sqlite/directions.ts; a move reads the row FOR UPDATE. */
export function createDirections({ db, now, write }: PgContext) {
  const columns = {
    year: directions.year,
    quarter: directions.quarter,
    unitId: directions.unitId,
    dueYear: directions.dueYear,
    dueQuarter: directions.dueQuarter,
  };
  const methods: Pick<
    Repository,
    'listDirections' | 'getDirection' | 'createDirection' | 'updateDirection'
  > = {
    async listDirections(filter) {
      const rows = await db
        .select()
        .from(directions)
        .where(directionsWhere(columns, filter))
        .orderBy(asc(directions.id));
      return rows.map(toDirection);
    },
    async getDirection(id) {
      const [row] = await db.select().from(directions).where(eq(directions.id, id));
      return row ? toDirection(row) : null;
    },
    async createDirection({ actor, comment, notify, ...fields }) {
      return write(async ({ tx }) => {
        const at = now().toISOString();
        const [row] = await tx
          .insert(directions)
          .values({
            ...fields,
            status: 'open',
            version: 1,
            createdAt: at,
            createdBy: actor,
            updatedAt: at,
            updatedBy: actor,
          })
          .returning();
        const saved = toDirection(row as typeof directions.$inferSelect);
        await insertAudit(tx, directionAudit({ actor, comment }, { at, old: null, saved }));
        if (notify) await insertNotifications(tx, notify, at);
        return saved;
      });
    },
    async updateDirection({ id, status, progressNote, expectedVersion, actor }) {
      return write(async ({ tx }) => {
        const [oldRow] = await tx
          .select()
          .from(directions)
          .where(eq(directions.id, id))
          .for('update');
        const old = oldRow ? toDirection(oldRow) : null;
        const next = nextDirection({
          id,
          current: old,
          expectedVersion,
          status,
          note: progressNote,
        });
        const at = now().toISOString();
        const version = (old?.version ?? 0) + 1;
        const [row] = await tx
          .update(directions)
          .set({ ...next, version, updatedAt: at, updatedBy: actor })
          .where(eq(directions.id, id))
          .returning();
        const saved = toDirection(row as typeof directions.$inferSelect);
        await insertAudit(
          tx,
          directionAudit({ actor, comment: progressNote.trim() || null }, { at, old, saved }),
        );
        return saved;
      });
    },
  };
  return { methods };
}
