import { and, eq } from 'drizzle-orm';
import { planAudit } from '../audit-rows';
import { planKeyOf, toPlan } from '../records';
import type { PlanRecord, Repository, SavePlanInput } from '../repository';
import { assignedPlanOf, checkVersion, quartersChangedBy, refuseLocked } from '../rules';
import { auditFigure } from './audit';
import { lostRace, type PgContext, type PlanRow, type WriteCtx } from './context';
import { lockOf } from './locks';
import { plans } from './schema';
import { requireUnits } from './units';

/**
 * Plans: a unit's annual plan and quarter targets. A save reads the plan FOR NO KEY UPDATE, so
 * a second writer waits for the first to commit and then sees its version; in an import the
 * row was read and locked up front and is written with the others at the end (import.ts).
 */
export function createPlans({ now, write }: PgContext) {
  const savePlanIn = async (
    ctx: WriteCtx,
    input: SavePlanInput,
    isRetry = false,
  ): Promise<PlanRecord> => {
    const { tx } = ctx;
    await requireUnits(ctx, [input.unitId], 'unitId');
    const where = and(eq(plans.unitId, input.unitId), eq(plans.year, input.year));
    const key = planKeyOf(input);
    const oldRow = ctx.plans?.has(key)
      ? ctx.plans.get(key)
      : (await tx.select().from(plans).where(where).for('no key update'))[0];
    const old = oldRow ? toPlan(oldRow) : null;
    checkVersion(input.expectedVersion, old);
    for (const quarter of quartersChangedBy(old, input.quarterTargets)) {
      const lock = await lockOf(ctx, input.year, quarter);
      if (lock) refuseLocked(lock);
    }
    const at = now().toISOString();
    const [q1, q2, q3, q4] = input.quarterTargets;
    const values = {
      annualPlan: input.annualPlan,
      assignedPlan: assignedPlanOf(input, old),
      q1Target: q1,
      q2Target: q2,
      q3Target: q3,
      q4Target: q4,
      updatedAt: at,
      updatedBy: input.actor,
    };
    let row: PlanRow | undefined;
    if (ctx.plans) {
      // An import: the row is written with the others at the end (writeImport).
      row = {
        ...values,
        unitId: input.unitId,
        year: input.year,
        originalAnnualPlan: oldRow?.originalAnnualPlan ?? input.annualPlan,
        version: (oldRow?.version ?? 0) + 1,
      };
    } else if (old) {
      [row] = await tx
        .update(plans)
        .set({ ...values, version: old.version + 1 })
        .where(and(where, eq(plans.version, old.version)))
        .returning();
      if (!row) lostRace('plan');
    } else {
      [row] = await tx
        .insert(plans)
        .values({
          ...values,
          originalAnnualPlan: input.annualPlan,
          unitId: input.unitId,
          year: input.year,
          version: 1,
        })
        .onConflictDoNothing()
        .returning();
      // Created by another writer since our read: read it again, as an existing plan.
      if (!row) return isRetry ? lostRace('plan') : savePlanIn(ctx, input, true);
    }
    ctx.plans?.set(key, row as PlanRow);
    const saved = toPlan(row as PlanRow);
    await auditFigure(ctx, planAudit(input, { at, old, saved }));
    return saved;
  };

  const methods: Pick<Repository, 'savePlan'> = {
    async savePlan(input) {
      return write((ctx) => savePlanIn(ctx, input));
    },
  };
  return { savePlanIn, methods };
}
