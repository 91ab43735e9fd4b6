import { and, eq, sql } from 'drizzle-orm';
import type { actuals, reports } from '../schema';

/**
 * A quarter's row of a unit (an actual, a report) by the placeholders `unitId`, `year` and
 * `quarter`: the key of the statements prepared once and run on every save.
 */
export const quarterKeyOf = (table: typeof actuals | typeof reports) =>
  and(
    eq(table.unitId, sql.placeholder('unitId')),
    eq(table.year, sql.placeholder('year')),
    eq(table.quarter, sql.placeholder('quarter')),
  );
