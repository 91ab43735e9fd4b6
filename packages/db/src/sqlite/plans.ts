import { and, eq, sql } from 'drizzle-orm';
import { planAudit } from '../audit-rows';
import { toPlan } from '../records';
import type { PlanRecord, Repository, SavePlanInput } from '../repository';
import { assignedPlanOf, checkVersion, quartersChangedBy, refuseLocked } from '../rules';
import { plans } from '../schema';
import type { AuditWriter } from './audit';
import type { SqliteContext } from './context';
import type { LockReader } from './locks';

/** Plans: a unit's annual plan and quarter targets, saved with version, lock and audit. */
export function createPlans(
  { db, now, figureWrites }: SqliteContext,
  {
    audit,
    lockOf,
    requireUnit,
  }: {
    audit: AuditWriter;
    lockOf: LockReader;
    requireUnit: (unitId: number, field: string) => void;
  },
) {
  // A plan is saved thousands of times in an import: its statements are built and prepared
  // once, not per row (building drizzle queries cost more than running them).
  const ph = sql.placeholder;
  const planKey = and(eq(plans.unitId, ph('unitId')), eq(plans.year, ph('year')));
  const select = db.select().from(plans).where(planKey).prepare();
  const insert = db
    .insert(plans)
    .values({
      unitId: ph('unitId'),
      year: ph('year'),
      annualPlan: ph('annualPlan'),
      originalAnnualPlan: ph('annualPlan'),
      assignedPlan: ph('assignedPlan'),
      q1Target: ph('q1'),
      q2Target: ph('q2'),
      q3Target: ph('q3'),
      q4Target: ph('q4'),
      version: 1,
      updatedAt: ph('updatedAt'),
      updatedBy: ph('updatedBy'),
    })
    .returning()
    .prepare();
  const update = db
    .update(plans)
    .set({
      annualPlan: sql`${ph('annualPlan')}`,
      assignedPlan: sql`${ph('assignedPlan')}`,
      q1Target: sql`${ph('q1')}`,
      q2Target: sql`${ph('q2')}`,
      q3Target: sql`${ph('q3')}`,
      q4Target: sql`${ph('q4')}`,
      version: sql`${ph('version')}`,
      updatedAt: sql`${ph('updatedAt')}`,
      updatedBy: sql`${ph('updatedBy')}`,
    })
    .where(planKey)
    .returning()
    .prepare();

  /**
   * Runs inside a transaction the caller opened (one per write, or the import's one): the
   * prepared statements use the same connection, so they are part of it.
   */
  const savePlanIn = (input: SavePlanInput): PlanRecord => {
    requireUnit(input.unitId, 'unitId');
    const key = { unitId: input.unitId, year: input.year };
    const oldRow = select.get(key);
    const old = oldRow ? toPlan(oldRow) : null;
    checkVersion(input.expectedVersion, old);
    for (const quarter of quartersChangedBy(old, input.quarterTargets)) {
      const lock = lockOf(input.year, quarter);
      if (lock) refuseLocked(lock);
    }
    const at = now().toISOString();
    const [q1, q2, q3, q4] = input.quarterTargets;
    const values = {
      ...key,
      annualPlan: input.annualPlan,
      assignedPlan: assignedPlanOf(input, old),
      q1,
      q2,
      q3,
      q4,
      updatedAt: at,
      updatedBy: input.actor,
    };
    const row = old ? update.get({ ...values, version: old.version + 1 }) : insert.get(values);
    if (!row) throw new Error(`plan ${input.unitId}/${input.year} was not written`);
    const saved = toPlan(row);
    audit(planAudit(input, { at, old, saved }));
    return saved;
  };

  const methods: Pick<Repository, 'savePlan'> = {
    async savePlan(input) {
      return figureWrites.run(() => savePlanIn(input));
    },
  };
  return { savePlanIn, methods };
}
