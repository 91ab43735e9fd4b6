import { asc, eq } from 'drizzle-orm';
import { directionAudit } from '../audit-rows';
import { directionsWhere, toDirection } from '../records';
import type { Repository } from '../repository';
import { nextDirection } from '../rules';
import { directions } from '../schema';
import type { AuditWriter } from './audit';
import type { SqliteContext } from './context';
import { insertNotifications } from './notifications';

/** The director's directions: recorded, reported on, closed or carried over; versioned, audited. */
export function createDirections(
  { db, now, written }: SqliteContext,
  { audit }: { audit: AuditWriter },
) {
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
      return db
        .select()
        .from(directions)
        .where(directionsWhere(columns, filter))
        .orderBy(asc(directions.id))
        .all()
        .map(toDirection);
    },
    async getDirection(id) {
      const row = db.select().from(directions).where(eq(directions.id, id)).get();
      return row ? toDirection(row) : null;
    },
    async createDirection({ actor, comment, notify, ...fields }) {
      return written(
        db.transaction((tx) => {
          const at = now().toISOString();
          const row = tx
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
            .returning()
            .get();
          const saved = toDirection(row);
          audit(directionAudit({ actor, comment }, { at, old: null, saved }));
          if (notify) insertNotifications(tx, notify, at);
          return saved;
        }),
      );
    },
    async updateDirection({ id, status, progressNote, expectedVersion, actor }) {
      return written(
        db.transaction((tx) => {
          const oldRow = tx.select().from(directions).where(eq(directions.id, id)).get();
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
          const row = tx
            .update(directions)
            .set({ ...next, version, updatedAt: at, updatedBy: actor })
            .where(eq(directions.id, id))
            .returning()
            .get();
          const saved = toDirection(row);
          audit(
            directionAudit({ actor, comment: progressNote.trim() || null }, { at, old, saved }),
          );
          return saved;
        }),
      );
    },
  };
  return { methods };
}
