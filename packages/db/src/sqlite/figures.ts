import { sql } from 'drizzle-orm';
import { actualAudit } from '../audit-rows';
import { toActual } from '../records';
import type { ActualRecord, Repository, SaveActualInput } from '../repository';
import { basisColumnsOf, checkFigureNotFrozen, checkVersion, refuseLocked } from '../rules';
import { actuals, reports } from '../schema';
import type { AuditWriter } from './audit';
import type { SqliteContext } from './context';
import { quarterKeyOf } from './keys';
import type { LockReader } from './locks';

/** Figures: a unit's actual revenue for one quarter, saved with version, lock and audit. */
export function createFigures(
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
  // A figure is saved thousands of times in an import: its statements are built and prepared
  // once, not per row (building drizzle queries cost more than running them).
  const ph = sql.placeholder;
  const figureKey = quarterKeyOf(actuals);
  const select = db.select().from(actuals).where(figureKey).prepare();
  const insert = db
    .insert(actuals)
    .values({
      unitId: ph('unitId'),
      year: ph('year'),
      quarter: ph('quarter'),
      amount: ph('amount'),
      basis: ph('basis'),
      estimateAmount: ph('estimateAmount'),
      version: 1,
      updatedAt: ph('updatedAt'),
      updatedBy: ph('updatedBy'),
    })
    .returning()
    .prepare();
  const update = db
    .update(actuals)
    .set({
      amount: sql`${ph('amount')}`,
      basis: sql`${ph('basis')}`,
      estimateAmount: sql`${ph('estimateAmount')}`,
      version: sql`${ph('version')}`,
      updatedAt: sql`${ph('updatedAt')}`,
      updatedBy: sql`${ph('updatedBy')}`,
    })
    .where(figureKey)
    .returning()
    .prepare();

  const reportState = db
    .select({ state: reports.state })
    .from(reports)
    .where(quarterKeyOf(reports))
    .prepare();

  /**
   * Runs inside a transaction the caller opened (one per write, or the import's one): the
   * prepared statements use the same connection, so they are part of it.
   */
  const saveActualIn = (input: SaveActualInput): ActualRecord => {
    requireUnit(input.unitId, 'unitId');
    const key = { unitId: input.unitId, year: input.year, quarter: input.quarter };
    checkFigureNotFrozen(reportState.get(key)?.state ?? null, input.basis);
    const oldRow = select.get(key);
    const old = oldRow ? toActual(oldRow) : null;
    checkVersion(input.expectedVersion, old);
    const lock = lockOf(input.year, input.quarter);
    if (lock) refuseLocked(lock);
    const at = now().toISOString();
    const values = {
      ...key,
      amount: input.amount,
      ...basisColumnsOf(input, old),
      updatedAt: at,
      updatedBy: input.actor,
    };
    const row = old ? update.get({ ...values, version: old.version + 1 }) : insert.get(values);
    if (!row)
      throw new Error(`actual ${input.unitId}/${input.year}/${input.quarter} was not written`);
    const saved = toActual(row);
    audit(actualAudit(input, { at, old, saved }));
    return saved;
  };

  const methods: Pick<Repository, 'saveActual'> = {
    async saveActual(input) {
      return figureWrites.run(() => saveActualIn(input));
    },
  };
  return { saveActualIn, methods };
}
