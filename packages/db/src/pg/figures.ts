import { and, eq } from 'drizzle-orm';
import { actualAudit } from '../audit-rows';
import { actualKeyOf, toActual } from '../records';
import type { ActualRecord, Repository, SaveActualInput } from '../repository';
import { basisColumnsOf, checkFigureNotFrozen, checkVersion, refuseLocked } from '../rules';
import { auditFigure } from './audit';
import { type ActualRow, lostRace, type PgContext, type WriteCtx } from './context';
import { lockOf } from './locks';
import { actuals, reports } from './schema';
import { requireUnits } from './units';

/**
 * Figures: a unit's actual revenue for one quarter, read FOR NO KEY UPDATE and saved as plans
 * are (plans.ts).
 */
export function createFigures({ now, write }: PgContext) {
  const saveActualIn = async (
    ctx: WriteCtx,
    input: SaveActualInput,
    isRetry = false,
  ): Promise<ActualRecord> => {
    const { tx } = ctx;
    await requireUnits(ctx, [input.unitId], 'unitId');
    const where = and(
      eq(actuals.unitId, input.unitId),
      eq(actuals.year, input.year),
      eq(actuals.quarter, input.quarter),
    );
    const key = actualKeyOf(input);
    // The report's row before the actual's, shared: a submission (which locks the report, then
    // the actual) waits for this save or this save for it, never each for the other. An import
    // read its reports up front, in the same order (import.ts).
    const state = ctx.reportStates
      ? (ctx.reportStates.get(key) ?? null)
      : ((
          await tx
            .select({ state: reports.state })
            .from(reports)
            .where(
              and(
                eq(reports.unitId, input.unitId),
                eq(reports.year, input.year),
                eq(reports.quarter, input.quarter),
              ),
            )
            .for('share')
        )[0]?.state ?? null);
    checkFigureNotFrozen(state, input.basis);
    const oldRow = ctx.actuals?.has(key)
      ? ctx.actuals.get(key)
      : (await tx.select().from(actuals).where(where).for('no key update'))[0];
    const old = oldRow ? toActual(oldRow) : null;
    checkVersion(input.expectedVersion, old);
    const lock = await lockOf(ctx, input.year, input.quarter);
    if (lock) refuseLocked(lock);
    const at = now().toISOString();
    const basis = basisColumnsOf(input, old);
    let row: ActualRow | undefined;
    if (ctx.actuals) {
      row = {
        unitId: input.unitId,
        year: input.year,
        quarter: input.quarter,
        amount: input.amount,
        ...basis,
        version: (oldRow?.version ?? 0) + 1,
        updatedAt: at,
        updatedBy: input.actor,
      };
    } else if (old) {
      [row] = await tx
        .update(actuals)
        .set({
          amount: input.amount,
          ...basis,
          updatedAt: at,
          updatedBy: input.actor,
          version: old.version + 1,
        })
        .where(and(where, eq(actuals.version, old.version)))
        .returning();
      if (!row) lostRace('figure');
    } else {
      [row] = await tx
        .insert(actuals)
        .values({
          unitId: input.unitId,
          year: input.year,
          quarter: input.quarter,
          amount: input.amount,
          ...basis,
          version: 1,
          updatedAt: at,
          updatedBy: input.actor,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) return isRetry ? lostRace('figure') : saveActualIn(ctx, input, true);
    }
    ctx.actuals?.set(key, row as ActualRow);
    const saved = toActual(row as ActualRow);
    await auditFigure(ctx, actualAudit(input, { at, old, saved }));
    return saved;
  };

  const methods: Pick<Repository, 'saveActual'> = {
    async saveActual(input) {
      return write((ctx) => saveActualIn(ctx, input));
    },
  };
  return { saveActualIn, methods };
}
