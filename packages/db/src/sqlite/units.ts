import { asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { unitAudit } from '../audit-rows';
import { newUnitRow, toUnit, unitColumnsOf } from '../records';
import type { Repository } from '../repository';
import {
  checkEditVersion,
  newParentOf,
  refuseCycle,
  refuseSecondRoot,
  refuseTakenCode,
  refuseUnknown,
  refuseUnknownUnits,
} from '../rules';
import { units } from '../schema';
import type { AuditWriter } from './audit';
import type { SqliteContext, Tx } from './context';

/** The unit tree: its reads and changes, and the existence checks other writes make. */
export function createUnits(
  { db, now, written }: SqliteContext,
  { audit }: { audit: AuditWriter },
) {
  // Prepared once: every figure of an import checks its unit.
  const unitById = db
    .select({ id: units.id })
    .from(units)
    .where(eq(units.id, sql.placeholder('id')))
    .prepare();

  /** NOT_FOUND on `field` for an unknown unit; within the caller's transaction. */
  const requireUnit = (unitId: number, field: string) => {
    if (!unitById.get({ id: unitId })) refuseUnknownUnits([unitId], field);
  };

  const requireUnits = (tx: Tx, unitIds: number[], field: string) => {
    if (unitIds.length === 0) return;
    const found = tx
      .select({ id: units.id })
      .from(units)
      .where(inArray(units.id, unitIds))
      .all()
      .map((r) => r.id);
    const missing = unitIds.filter((id) => !found.includes(id));
    if (missing.length > 0) refuseUnknownUnits(missing, field);
  };

  const methods: Pick<Repository, 'listUnits' | 'getUnit' | 'createUnit' | 'updateUnit'> = {
    async listUnits() {
      return db.select().from(units).orderBy(asc(units.code)).all().map(toUnit);
    },
    async getUnit(id) {
      const row = db.select().from(units).where(eq(units.id, id)).get();
      return row ? toUnit(row) : null;
    },
    async createUnit({ code, name, kind, parentId, actor, comment }) {
      return written(
        db.transaction((tx) => {
          const taken = tx
            .select({ code: units.code })
            .from(units)
            .where(sql`lower(${units.code}) = lower(${code})`)
            .get();
          if (taken) refuseTakenCode(code, taken.code);
          if (parentId === null) {
            const root = tx
              .select({ id: units.id })
              .from(units)
              .where(isNull(units.parentId))
              .get();
            if (root) refuseSecondRoot();
          } else {
            requireUnits(tx, [parentId], 'parentId');
          }
          const at = now().toISOString();
          const created = toUnit(
            tx
              .insert(units)
              .values(newUnitRow({ code, name, kind, parentId }, at))
              .returning()
              .get(),
          );
          audit(unitAudit({ actor, comment }, { at, old: null, saved: created }));
          return created;
        }),
      );
    },
    async updateUnit({ id, patch, expectedVersion, actor, comment }) {
      return written(
        db.transaction((tx) => {
          const row = tx.select().from(units).where(eq(units.id, id)).get();
          if (!row) return refuseUnknown('Unit', id);
          const old = toUnit(row);
          checkEditVersion('unit', expectedVersion, old);
          const parentId = newParentOf(old, patch);
          if (parentId !== null) {
            requireUnits(tx, [parentId], 'parentId');
            refuseCycle(tx.select().from(units).all().map(toUnit), id, parentId);
          }
          const at = now().toISOString();
          const updated = toUnit(
            tx
              .update(units)
              .set({ ...unitColumnsOf(patch), version: old.version + 1, updatedAt: at })
              .where(eq(units.id, id))
              .returning()
              .get(),
          );
          audit(unitAudit({ actor, comment }, { at, old, saved: updated }));
          return updated;
        }),
      );
    },
  };
  return { requireUnit, requireUnits, methods };
}
