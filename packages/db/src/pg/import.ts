import type { ReportState } from '@targetline/core';
import { asc, type SQL, sql } from 'drizzle-orm';
import { actualKeyOf, planKeyOf } from '../records';
import type {
  ActualRecord,
  PlanRecord,
  Repository,
  SaveActualInput,
  SavePlanInput,
} from '../repository';
import { flushAudits } from './audit';
import {
  type ActualRow,
  CreatedMeanwhile,
  lostRace,
  type PgContext,
  type PlanRow,
  type WriteCtx,
} from './context';
import { actuals, plans, reports, units } from './schema';

/** One parameter however many ids: a PostgreSQL array literal of integers. */
const intArray = (values: number[]): SQL => sql`${`{${values.join(',')}}`}::int[]`;

/**
 * Reads and row-locks every figure of an import in key order, and notes which of its units
 * exist, in one statement each; the rows are then checked and written one by one as before.
 */
const prepareImport = async (
  ctx: WriteCtx,
  planInputs: SavePlanInput[],
  actualInputs: SaveActualInput[],
) => {
  const { tx } = ctx;
  const unitIds = [...new Set([...planInputs, ...actualInputs].map((i) => i.unitId))];
  if (unitIds.length > 0) {
    const found = await tx
      .select({ id: units.id })
      .from(units)
      .where(sql`${units.id} = any(${intArray(unitIds)})`);
    for (const row of found) ctx.knownUnitIds.add(row.id);
  }
  const planMap = new Map<string, PlanRow | null>(planInputs.map((i) => [planKeyOf(i), null]));
  if (planMap.size > 0) {
    const keys = [...new Map(planInputs.map((i) => [planKeyOf(i), i])).values()];
    const rows = await tx
      .select()
      .from(plans)
      .where(
        sql`(${plans.unitId}, ${plans.year}) in (select * from unnest(${intArray(keys.map((k) => k.unitId))}, ${intArray(keys.map((k) => k.year))}))`,
      )
      .orderBy(asc(plans.unitId), asc(plans.year))
      .for('no key update');
    for (const row of rows) planMap.set(planKeyOf(row), row);
  }
  const actualMap = new Map<string, ActualRow | null>(
    actualInputs.map((i) => [actualKeyOf(i), null]),
  );
  const reportStates = new Map<string, ReportState>();
  if (actualMap.size > 0) {
    // The reports of its figures first, shared and in key order, as a single save reads them.
    const keys = [...new Map(actualInputs.map((i) => [actualKeyOf(i), i])).values()];
    const rows = await tx
      .select({
        unitId: reports.unitId,
        year: reports.year,
        quarter: reports.quarter,
        state: reports.state,
      })
      .from(reports)
      .where(
        sql`(${reports.unitId}, ${reports.year}, ${reports.quarter}) in (select * from unnest(${intArray(keys.map((k) => k.unitId))}, ${intArray(keys.map((k) => k.year))}, ${intArray(keys.map((k) => k.quarter))}))`,
      )
      .orderBy(asc(reports.unitId), asc(reports.year), asc(reports.quarter))
      .for('share');
    for (const row of rows) reportStates.set(actualKeyOf(row), row.state);
  }
  if (actualMap.size > 0) {
    const keys = [...new Map(actualInputs.map((i) => [actualKeyOf(i), i])).values()];
    const rows = await tx
      .select()
      .from(actuals)
      .where(
        sql`(${actuals.unitId}, ${actuals.year}, ${actuals.quarter}) in (select * from unnest(${intArray(keys.map((k) => k.unitId))}, ${intArray(keys.map((k) => k.year))}, ${intArray(keys.map((k) => k.quarter))}))`,
      )
      .orderBy(asc(actuals.unitId), asc(actuals.year), asc(actuals.quarter))
      .for('no key update');
    for (const row of rows) actualMap.set(actualKeyOf(row), row);
  }
  ctx.plans = planMap;
  ctx.actuals = actualMap;
  ctx.reportStates = reportStates;
  ctx.pendingAudits = [];
};

/**
 * Writes an import's figures as they stand after all its rows, one statement per table and
 * kind: the updates check the versions read (and row-locked) up front; the inserts find out
 * whether another writer created one of the figures meanwhile, in which case the import is
 * run again from the start, where that figure is now an existing one.
 */
const writeImport = async (
  ctx: WriteCtx,
  before: { plans: Map<string, PlanRow | null>; actuals: Map<string, ActualRow | null> },
) => {
  const { tx } = ctx;
  const split = <R extends { version: number }>(
    after: Map<string, R | null> | null,
    was: Map<string, R | null>,
  ) => {
    const updates: Array<R & { oldVersion: number }> = [];
    const inserts: R[] = [];
    for (const [key, row] of after ?? []) {
      const old = was.get(key) ?? null;
      if (!row || (old && old.version === row.version)) continue;
      if (old) updates.push({ ...row, oldVersion: old.version });
      else inserts.push(row);
    }
    return { updates, inserts };
  };
  const p = (values: unknown[]) => sql.param(values);

  const planWrites = split(ctx.plans, before.plans);
  if (planWrites.updates.length > 0) {
    const u = planWrites.updates;
    const result = await tx.execute(sql`
      update ${plans} as t set annual_plan = v.annual_plan, q1_target = v.q1, q2_target = v.q2,
        q3_target = v.q3, q4_target = v.q4, version = v.version, updated_at = v.updated_at,
        updated_by = v.updated_by
      from unnest(${p(u.map((r) => r.unitId))}::int[], ${p(u.map((r) => r.year))}::int[],
        ${p(u.map((r) => r.annualPlan))}::bigint[], ${p(u.map((r) => r.q1Target))}::bigint[],
        ${p(u.map((r) => r.q2Target))}::bigint[], ${p(u.map((r) => r.q3Target))}::bigint[],
        ${p(u.map((r) => r.q4Target))}::bigint[], ${p(u.map((r) => r.version))}::int[],
        ${p(u.map((r) => r.oldVersion))}::int[], ${p(u.map((r) => r.updatedAt))}::timestamptz[],
        ${p(u.map((r) => r.updatedBy))}::text[])
        as v(unit_id, year, annual_plan, q1, q2, q3, q4, version, old_version, updated_at, updated_by)
      where t.unit_id = v.unit_id and t.year = v.year and t.version = v.old_version`);
    if (result.rowCount !== u.length) lostRace('plan');
  }
  if (planWrites.inserts.length > 0) {
    const i = planWrites.inserts;
    const result = await tx.execute(sql`
      insert into ${plans} (unit_id, year, annual_plan, original_annual_plan, q1_target, q2_target,
        q3_target, q4_target, version, updated_at, updated_by)
      select * from unnest(${p(i.map((r) => r.unitId))}::int[], ${p(i.map((r) => r.year))}::int[],
        ${p(i.map((r) => r.annualPlan))}::bigint[], ${p(i.map((r) => r.originalAnnualPlan))}::bigint[],
        ${p(i.map((r) => r.q1Target))}::bigint[], ${p(i.map((r) => r.q2Target))}::bigint[],
        ${p(i.map((r) => r.q3Target))}::bigint[], ${p(i.map((r) => r.q4Target))}::bigint[],
        ${p(i.map((r) => r.version))}::int[], ${p(i.map((r) => r.updatedAt))}::timestamptz[],
        ${p(i.map((r) => r.updatedBy))}::text[])
      on conflict do nothing`);
    if (result.rowCount !== i.length) throw new CreatedMeanwhile();
  }

  const actualWrites = split(ctx.actuals, before.actuals);
  if (actualWrites.updates.length > 0) {
    const u = actualWrites.updates;
    const result = await tx.execute(sql`
      update ${actuals} as t set amount = v.amount, basis = v.basis,
        estimate_amount = v.estimate_amount, version = v.version,
        updated_at = v.updated_at, updated_by = v.updated_by
      from unnest(${p(u.map((r) => r.unitId))}::int[], ${p(u.map((r) => r.year))}::int[],
        ${p(u.map((r) => r.quarter))}::int[], ${p(u.map((r) => r.amount))}::bigint[],
        ${p(u.map((r) => r.basis))}::text[], ${p(u.map((r) => r.estimateAmount))}::bigint[],
        ${p(u.map((r) => r.version))}::int[], ${p(u.map((r) => r.oldVersion))}::int[],
        ${p(u.map((r) => r.updatedAt))}::timestamptz[], ${p(u.map((r) => r.updatedBy))}::text[])
        as v(unit_id, year, quarter, amount, basis, estimate_amount, version, old_version,
          updated_at, updated_by)
      where t.unit_id = v.unit_id and t.year = v.year and t.quarter = v.quarter
        and t.version = v.old_version`);
    if (result.rowCount !== u.length) lostRace('figure');
  }
  if (actualWrites.inserts.length > 0) {
    const i = actualWrites.inserts;
    const result = await tx.execute(sql`
      insert into ${actuals} (unit_id, year, quarter, amount, basis, estimate_amount, version,
        updated_at, updated_by)
      select * from unnest(${p(i.map((r) => r.unitId))}::int[], ${p(i.map((r) => r.year))}::int[],
        ${p(i.map((r) => r.quarter))}::int[], ${p(i.map((r) => r.amount))}::bigint[],
        ${p(i.map((r) => r.basis))}::text[], ${p(i.map((r) => r.estimateAmount))}::bigint[],
        ${p(i.map((r) => r.version))}::int[], ${p(i.map((r) => r.updatedAt))}::timestamptz[],
        ${p(i.map((r) => r.updatedBy))}::text[])
      on conflict do nothing`);
    if (result.rowCount !== i.length) throw new CreatedMeanwhile();
  }
};

/**
 * The import: many plans and actuals in one transaction, each checked as a single save would be
 * (version, lock, audit), so that any refusal undoes them all.
 */
export function createImport(
  { write }: PgContext,
  {
    savePlanIn,
    saveActualIn,
  }: {
    savePlanIn: (ctx: WriteCtx, input: SavePlanInput) => Promise<PlanRecord>;
    saveActualIn: (ctx: WriteCtx, input: SaveActualInput) => Promise<ActualRecord>;
  },
) {
  const methods: Pick<Repository, 'applyImport'> = {
    async applyImport({ plans: planInputs, actuals: actualInputs }) {
      // One transaction: any stale version, locked quarter or unknown unit undoes it all.
      return write(async (ctx) => {
        await prepareImport(ctx, planInputs, actualInputs);
        const before = { plans: new Map(ctx.plans), actuals: new Map(ctx.actuals) };
        // Checked and computed row by row, in order, as single saves would be; written at once.
        const savedPlans: PlanRecord[] = [];
        for (const input of planInputs) savedPlans.push(await savePlanIn(ctx, input));
        const savedActuals: ActualRecord[] = [];
        for (const input of actualInputs) savedActuals.push(await saveActualIn(ctx, input));
        await writeImport(ctx, before);
        await flushAudits(ctx);
        return { plans: savedPlans, actuals: savedActuals };
      });
    },
  };
  return { methods };
}
