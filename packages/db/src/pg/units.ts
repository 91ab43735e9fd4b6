import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
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
import { insertAudit } from './audit';
import {
  ADVISORY_TREE,
  advisoryLock,
  byCodePoint,
  lostRace,
  type PgContext,
  type WriteCtx,
} from './context';
import { units } from './schema';

/**
 * NOT_FOUND on `field` for units that do not exist; those found are remembered for the rest of
 * the transaction (units are never deleted), so an import asks once per unit.
 */
export const requireUnits = async (ctx: WriteCtx, unitIds: number[], field: string) => {
  const unknown = [...new Set(unitIds)].filter((id) => !ctx.knownUnitIds.has(id));
  if (unknown.length > 0) {
    const found = await ctx.tx
      .select({ id: units.id })
      .from(units)
      .where(inArray(units.id, unknown));
    for (const row of found) ctx.knownUnitIds.add(row.id);
  }
  const missing = unitIds.filter((id) => !ctx.knownUnitIds.has(id));
  if (missing.length > 0) refuseUnknownUnits(missing, field);
};

/**
 * The unit tree: its reads and changes. Every change takes the tree's advisory lock first:
 * two concurrent changes could otherwise each pass a check the pair breaks (two moves closing a
 * cycle, two roots, two codes equal but for case).
 */
export function createUnits({ db, now, write }: PgContext) {
  const methods: Pick<Repository, 'listUnits' | 'getUnit' | 'createUnit' | 'updateUnit'> = {
    async listUnits() {
      const rows = await db.select().from(units).orderBy(byCodePoint(units.code));
      return rows.map(toUnit);
    },
    async getUnit(id) {
      const [row] = await db.select().from(units).where(eq(units.id, id));
      return row ? toUnit(row) : null;
    },
    async createUnit({ code, name, kind, parentId, actor, comment }) {
      return write(async (ctx) => {
        const { tx } = ctx;
        await advisoryLock(tx, ADVISORY_TREE, 'exclusive');
        // Under the tree lock: no other unit can be created between this look-up and the insert.
        const [taken] = await tx
          .select({ code: units.code })
          .from(units)
          .where(sql`lower(${units.code}) = lower(${code})`);
        if (taken) refuseTakenCode(code, taken.code);
        if (parentId === null) {
          const [root] = await tx
            .select({ id: units.id })
            .from(units)
            .where(isNull(units.parentId))
            .limit(1);
          if (root) refuseSecondRoot();
        } else {
          await requireUnits(ctx, [parentId], 'parentId');
        }
        const at = now().toISOString();
        const [row] = await tx
          .insert(units)
          .values(newUnitRow({ code, name, kind, parentId }, at))
          .returning();
        const created = toUnit(row as typeof units.$inferSelect);
        await insertAudit(tx, unitAudit({ actor, comment }, { at, old: null, saved: created }));
        return created;
      });
    },
    async updateUnit({ id, patch, expectedVersion, actor, comment }) {
      return write(async (ctx) => {
        const { tx } = ctx;
        // Tree first, then the row: the order every tree change takes its locks in.
        await advisoryLock(tx, ADVISORY_TREE, 'exclusive');
        const [row] = await tx.select().from(units).where(eq(units.id, id)).for('no key update');
        if (!row) return refuseUnknown('Unit', id);
        const old = toUnit(row);
        checkEditVersion('unit', expectedVersion, old);
        const parentId = newParentOf(old, patch);
        if (parentId !== null) {
          await requireUnits(ctx, [parentId], 'parentId');
          refuseCycle((await tx.select().from(units)).map(toUnit), id, parentId);
        }
        const at = now().toISOString();
        const [updatedRow] = await tx
          .update(units)
          .set({ ...unitColumnsOf(patch), version: old.version + 1, updatedAt: at })
          .where(and(eq(units.id, id), eq(units.version, old.version)))
          .returning();
        if (!updatedRow) return lostRace('unit');
        const updated = toUnit(updatedRow);
        await insertAudit(tx, unitAudit({ actor, comment }, { at, old, saved: updated }));
        return updated;
      });
    },
  };
  return { methods };
}
