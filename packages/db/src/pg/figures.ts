import type { ReportState } from '@targetline/core';
import { and, eq, sql } from 'drizzle-orm';
import { actualAudit } from '../audit-rows';
import { actualKeyOf, type Stamped, toActual, toLock } from '../records';
import type { ActualRecord, Repository, SaveActualInput } from '../repository';
import {
  basisColumnsOf,
  checkFigureNotFrozen,
  checkVersion,
  refuseLocked,
  refuseUnknownUnits,
} from '../rules';
import { auditFigure } from './audit';
import { type BatchOutcome, createBatcher } from './batch';
import { ADVISORY_NAMESPACE } from './client';
import {
  type ActualRow,
  advisoryQuarter,
  lostRace,
  type PgContext,
  type WriteCtx,
  withRetries,
} from './context';
import { lockOf } from './locks';
import { actuals, DATA_VERSION_SHARDS, reports } from './schema';
import { requireUnits } from './units';

/**
 * At most this many writes share one statement. Each write is a subtransaction of it (its
 * EXCEPTION block), and a backend past 64 subtransactions overflows its cache of them, which
 * slows every other session's snapshots.
 */
const MAX_BATCH = 64;
/** Statements of single figure writes running at once, each on a connection of the pool. */
const MAX_IN_FLIGHT = 2;

/** One row of save_actuals (drizzle-pg/0008_save_actuals.sql), json columns parsed. */
type SavedRow = {
  n: number;
  outcome: 'saved' | 'unknown_unit' | 'frozen' | 'stale' | 'locked' | 'lost_race' | 'error';
  report_state: ReportState | null;
  old_value: (Stamped & ActualRecord) | null;
  lock_value: Parameters<typeof toLock>[0] | null;
  new_value: (Stamped & ActualRecord) | null;
  error_code: string | null;
  error_message: string | null;
};

/**
 * What save_actuals answered for one write, as saveActualIn would have thrown or returned it:
 * the function says which check refused, the rules (rules.ts) word the refusal.
 */
const outcomeOf = (input: SaveActualInput, row: SavedRow | undefined): ActualRecord => {
  switch (row?.outcome) {
    case 'saved':
      if (row.new_value) return toActual(row.new_value);
      break;
    case 'unknown_unit':
      return refuseUnknownUnits([input.unitId], 'unitId');
    case 'frozen':
      checkFigureNotFrozen(row.report_state, input.basis);
      break;
    case 'stale':
      checkVersion(input.expectedVersion, row.old_value ? toActual(row.old_value) : null);
      break;
    case 'locked':
      if (row.lock_value) refuseLocked(toLock(row.lock_value));
      break;
    case 'lost_race':
      return lostRace('figure');
    case 'error':
      // As node-postgres reports a failed statement: errors.ts reads the SQLSTATE from `code`.
      throw Object.assign(new Error(row.error_message ?? 'The figure could not be saved'), {
        code: row.error_code,
      });
  }
  throw new Error(
    `save_actuals answered ${row?.outcome ?? 'nothing'} for ${actualKeyOf(input)}, which the rules do not refuse`,
  );
};

/**
 * Figures: a unit's actual revenue for one quarter, read FOR NO KEY UPDATE and saved as plans
 * are (plans.ts). saveActualIn saves inside a caller's transaction (an import, a report's
 * draft); saveActual, the single PUT, goes through save_actuals, which makes the same checks
 * in the same order in SQL: a change to one is a change to the other, and the contract suite
 * (repository.contract.ts) holds both to SQLite's answers.
 */
export function createFigures({ db, now }: PgContext) {
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

  /**
   * Single figure writes that arrive together, in one statement (save_actuals): one round trip
   * and one commit for the batch, each write checked, refused or saved alone, in the order
   * of saveActualIn's checks. A deadlock runs the whole batch again.
   */
  const runBatch = async (
    inputs: Array<SaveActualInput & { at: string }>,
  ): Promise<Array<BatchOutcome<ActualRecord>>> => {
    const writes = JSON.stringify(
      inputs.map((input, n) => ({
        n,
        unitId: input.unitId,
        year: input.year,
        quarter: input.quarter,
        amount: input.amount,
        basis: input.basis ?? null,
        expectedVersion: input.expectedVersion ?? null,
        actor: input.actor,
        comment: input.comment ?? null,
        at: input.at,
        lockKey: advisoryQuarter(input.year, input.quarter),
      })),
    );
    const result = await withRetries(() =>
      db.execute<SavedRow>(
        sql`select * from save_actuals(${writes}::json, ${ADVISORY_NAMESPACE}, ${DATA_VERSION_SHARDS})`,
      ),
    );
    const byN = new Map(result.rows.map((row) => [row.n, row]));
    return inputs.map((input, n) => {
      try {
        return { ok: true, value: outcomeOf(input, byN.get(n)) };
      } catch (error) {
        return { ok: false, error };
      }
    });
  };
  const figureWrites = createBatcher({
    run: runBatch,
    maxBatch: MAX_BATCH,
    maxInFlight: MAX_IN_FLIGHT,
  });

  const methods: Pick<Repository, 'saveActual'> = {
    async saveActual(input) {
      // The time it was asked, as saveActualIn takes it, not the time its batch ran.
      return figureWrites.run({ ...input, at: now().toISOString() });
    },
  };
  return { saveActualIn, methods, drain: figureWrites.drain };
}
