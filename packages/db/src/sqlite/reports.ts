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
import { actuals, plans, reports } from '../schema';
import type { AuditWriter } from './audit';
import type { SqliteContext } from './context';
import { quarterKeyOf } from './keys';
import type { LockReader } from './locks';
import { insertNotifications } from './notifications';

/**
 * The units' quarterly reports: a report row beside the quarter's actual, saved with it in one
 * transaction (the actual through the same saveActualIn as PUT /actuals), moved through the
 * review by core's transition table, each change checked and audited in its transaction.
 */
export function createReports(
  { db, now, written, figureWrites }: SqliteContext,
  {
    audit,
    lockOf,
    requireUnit,
    saveActualIn,
  }: {
    audit: AuditWriter;
    lockOf: LockReader;
    requireUnit: (unitId: number, field: string) => void;
    saveActualIn: (input: SaveActualInput) => ActualRecord;
  },
) {
  const reportWhere = ({ unitId, year, quarter }: ReportKey) =>
    and(eq(reports.unitId, unitId), eq(reports.year, year), eq(reports.quarter, quarter));

  // A report is read twice in each save: its statements are built and prepared once.
  const reportByKey = db.select().from(reports).where(quarterKeyOf(reports)).prepare();
  const actualByKey = db.select().from(actuals).where(quarterKeyOf(actuals)).prepare();

  /** The report as it stands, in the caller's transaction (one connection: all reads are in it). */
  const read = (key: ReportKey): ReportRecord => {
    const { unitId, year, quarter } = key;
    const row = reportByKey.get({ unitId, year, quarter });
    const actual = actualByKey.get({ unitId, year, quarter });
    return toReport(key, (row as ReportRow | undefined) ?? null, actual ? toActual(actual) : null);
  };

  /** Writes the report's row: inserted when it was not started, else updated with a new version. */
  const writeRow = (
    key: ReportKey,
    current: ReportRecord,
    columns: Partial<Omit<ReportRow, keyof ReportKey>>,
    at: string,
    actor: string | null,
  ) => {
    if (current.version === 0) {
      db.insert(reports)
        .values({ ...key, state: 'draft', ...columns, version: 1, updatedAt: at, updatedBy: actor })
        .run();
    } else {
      db.update(reports)
        .set({ ...columns, version: current.version + 1, updatedAt: at, updatedBy: actor })
        .where(reportWhere(key))
        .run();
    }
  };

  const methods: Pick<
    Repository,
    'listReports' | 'listReportStates' | 'getReport' | 'saveReport' | 'moveReport'
  > = {
    async listReports(year, quarter) {
      const rows = db
        .select()
        .from(reports)
        .where(and(eq(reports.year, year), eq(reports.quarter, quarter)))
        .all() as ReportRow[];
      const figures = db
        .select()
        .from(actuals)
        .where(and(eq(actuals.year, year), eq(actuals.quarter, quarter)))
        .orderBy(asc(actuals.unitId))
        .all()
        .map(toActual);
      return quarterReports(year, quarter, rows, figures);
    },
    async listReportStates(year) {
      return db
        .select({ unitId: reports.unitId, quarter: reports.quarter, state: reports.state })
        .from(reports)
        .where(eq(reports.year, year))
        .orderBy(asc(reports.quarter), asc(reports.unitId))
        .all() as Awaited<ReturnType<Repository['listReportStates']>>;
    },
    async getReport(key) {
      return read(key);
    },
    async saveReport(input) {
      const key: ReportKey = { unitId: input.unitId, year: input.year, quarter: input.quarter };
      // Saved with the leads' figures in the group commit (see group-commit.ts): a quarter
      // close's report saves shared no fsync before, each holding the event loop for its own.
      return figureWrites.run(() => {
        requireUnit(input.unitId, 'unitId');
        const current = read(key);
        const state = checkReportSave(input, current, lockOf(key.year, key.quarter));
        // The figure is written only when it changes: a draft that only edits its texts
        // leaves the actual (and its audit trail) alone.
        const basis = input.basis ?? 'final';
        if (current.amount !== input.amount || current.basis !== basis) {
          saveActualIn({
            ...key,
            amount: input.amount,
            basis,
            expectedVersion: input.expectedActualVersion,
            actor: input.actor,
            comment: input.comment ?? null,
          });
        }
        const at = now().toISOString();
        writeRow(key, current, { state, ...reportTextColumnsOf(input) }, at, input.actor);
        const saved = read(key);
        audit(
          reportAudit(input, {
            at,
            old: current.version === 0 ? null : current,
            saved,
          }),
        );
        return saved;
      });
    },
    async moveReport(input) {
      const key: ReportKey = { unitId: input.unitId, year: input.year, quarter: input.quarter };
      return written(
        db.transaction(() => {
          requireUnit(input.unitId, 'unitId');
          const current = read(key);
          const plan = db
            .select()
            .from(plans)
            .where(and(eq(plans.unitId, key.unitId), eq(plans.year, key.year)))
            .get();
          const target = plan
            ? [plan.q1Target, plan.q2Target, plan.q3Target, plan.q4Target][key.quarter - 1]
            : null;
          const state = checkReportMove(input, current, {
            lock: lockOf(key.year, key.quarter),
            target: target ?? null,
          });
          const at = now().toISOString();
          writeRow(key, current, reportMoveColumnsOf(input, state, at), at, input.actor);
          const saved = read(key);
          audit(
            reportAudit(
              { actor: input.actor, comment: input.reason },
              { at, old: current.version === 0 ? null : current, saved },
            ),
          );
          if (input.notify) insertNotifications(db, input.notify, at);
          return saved;
        }),
      );
    },
  };
  return { methods };
}
