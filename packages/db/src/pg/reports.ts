import { and, asc, eq } from 'drizzle-orm';
import { reportAudit } from '../audit-rows';
import {
  quarterReports,
  type ReportRow,
  reportMoveColumnsOf,
  reportTextColumnsOf,
  toActual,
  toReport,
} from '../records';
import type {
  ActualRecord,
  ReportKey,
  ReportRecord,
  Repository,
  SaveActualInput,
} from '../repository';
import { checkReportMove, checkReportSave } from '../rules';
import { insertAudit } from './audit';
import { CreatedMeanwhile, type PgContext, type Q, type WriteCtx } from './context';
import { lockOf } from './locks';
import { insertNotifications } from './notifications';
import { actuals, plans, reports } from './schema';
import { requireUnits } from './units';

/**
 * The units' quarterly reports, as ../sqlite/reports.ts. A write locks the report's row
 * (FOR UPDATE) and then the actual's (FOR NO KEY UPDATE, as saveActual does), always in that
 * order; a report created meanwhile by another writer makes the insert find nothing to do, and
 * the transaction runs again (CreatedMeanwhile), where it is an existing report whose version
 * is checked.
 */
export function createReports(
  { db, now, write, snapshot }: PgContext,
  {
    saveActualIn,
  }: { saveActualIn: (ctx: WriteCtx, input: SaveActualInput) => Promise<ActualRecord> },
) {
  const reportWhere = ({ unitId, year, quarter }: ReportKey) =>
    and(eq(reports.unitId, unitId), eq(reports.year, year), eq(reports.quarter, quarter));
  const actualWhere = ({ unitId, year, quarter }: ReportKey) =>
    and(eq(actuals.unitId, unitId), eq(actuals.year, year), eq(actuals.quarter, quarter));

  /** The report as it stands; in a write, its rows locked until the commit. */
  const read = async (q: Q, key: ReportKey, isLocking: boolean): Promise<ReportRecord> => {
    const reportQuery = q.select().from(reports).where(reportWhere(key));
    const actualQuery = q.select().from(actuals).where(actualWhere(key));
    const [row] = isLocking ? await reportQuery.for('update') : await reportQuery;
    const [actual] = isLocking ? await actualQuery.for('no key update') : await actualQuery;
    return toReport(key, (row as ReportRow | undefined) ?? null, actual ? toActual(actual) : null);
  };

  const writeRow = async (
    { tx }: WriteCtx,
    key: ReportKey,
    current: ReportRecord,
    columns: Partial<Omit<ReportRow, keyof ReportKey>>,
    at: string,
    actor: string | null,
  ) => {
    if (current.version === 0) {
      const inserted = await tx
        .insert(reports)
        .values({ ...key, state: 'draft', ...columns, version: 1, updatedAt: at, updatedBy: actor })
        .onConflictDoNothing()
        .returning({ unitId: reports.unitId });
      if (inserted.length === 0) throw new CreatedMeanwhile();
    } else {
      await tx
        .update(reports)
        .set({ ...columns, version: current.version + 1, updatedAt: at, updatedBy: actor })
        .where(and(reportWhere(key), eq(reports.version, current.version)));
    }
  };

  const methods: Pick<
    Repository,
    'listReports' | 'listReportStates' | 'getReport' | 'saveReport' | 'moveReport'
  > = {
    async listReports(year, quarter) {
      return snapshot(async (tx) => {
        const rows = (await tx
          .select()
          .from(reports)
          .where(and(eq(reports.year, year), eq(reports.quarter, quarter)))) as ReportRow[];
        const figures = (
          await tx
            .select()
            .from(actuals)
            .where(and(eq(actuals.year, year), eq(actuals.quarter, quarter)))
            .orderBy(asc(actuals.unitId))
        ).map(toActual);
        return quarterReports(year, quarter, rows, figures);
      });
    },
    async listReportStates(year) {
      return (await db
        .select({ unitId: reports.unitId, quarter: reports.quarter, state: reports.state })
        .from(reports)
        .where(eq(reports.year, year))
        .orderBy(asc(reports.quarter), asc(reports.unitId))) as Awaited<
        ReturnType<Repository['listReportStates']>
      >;
    },
    async getReport(key) {
      return snapshot((tx) => read(tx, key, false));
    },
    async saveReport(input) {
      const key: ReportKey = { unitId: input.unitId, year: input.year, quarter: input.quarter };
      return write(async (ctx) => {
        await requireUnits(ctx, [input.unitId], 'unitId');
        const current = await read(ctx.tx, key, true);
        const lock = await lockOf(ctx, key.year, key.quarter);
        const state = checkReportSave(input, current, lock);
        const basis = input.basis ?? 'final';
        if (current.amount !== input.amount || current.basis !== basis) {
          await saveActualIn(ctx, {
            ...key,
            amount: input.amount,
            basis,
            expectedVersion: input.expectedActualVersion,
            actor: input.actor,
            comment: input.comment ?? null,
          });
        }
        const at = now().toISOString();
        await writeRow(
          ctx,
          key,
          current,
          { state, ...reportTextColumnsOf(input) },
          at,
          input.actor,
        );
        const saved = await read(ctx.tx, key, false);
        await insertAudit(
          ctx.tx,
          reportAudit(input, { at, old: current.version === 0 ? null : current, saved }),
        );
        return saved;
      });
    },
    async moveReport(input) {
      const key: ReportKey = { unitId: input.unitId, year: input.year, quarter: input.quarter };
      return write(async (ctx) => {
        await requireUnits(ctx, [input.unitId], 'unitId');
        const current = await read(ctx.tx, key, true);
        const [plan] = await ctx.tx
          .select()
          .from(plans)
          .where(and(eq(plans.unitId, key.unitId), eq(plans.year, key.year)));
        const target = plan
          ? ([plan.q1Target, plan.q2Target, plan.q3Target, plan.q4Target][key.quarter - 1] ?? null)
          : null;
        const lock = await lockOf(ctx, key.year, key.quarter);
        const state = checkReportMove(input, current, { lock, target });
        const at = now().toISOString();
        await writeRow(ctx, key, current, reportMoveColumnsOf(input, state, at), at, input.actor);
        const saved = await read(ctx.tx, key, false);
        await insertAudit(
          ctx.tx,
          reportAudit(
            { actor: input.actor, comment: input.reason },
            { at, old: current.version === 0 ? null : current, saved },
          ),
        );
        if (input.notify) await insertNotifications(ctx.tx, input.notify, at);
        return saved;
      });
    },
  };
  return { methods };
}
