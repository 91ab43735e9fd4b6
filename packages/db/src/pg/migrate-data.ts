import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { verifyTargetlineDatabase } from '../backup';
import { MIGRATIONS_FOLDER } from '../client';
import { ADVISORY_NAMESPACE, openPg } from './client';
import { MigrateDataError } from './migrate-data-error';
import { DATA_VERSION_SHARDS } from './schema';

export { MigrateDataError };

export type MigrateDataInput = {
  /** The SQLite file of the organisation (opened read-only; stop the API on it first). */
  fromSqlitePath: string;
  /** postgres://… of the target database; its tables are created if missing. */
  toUrl: string;
  /** PostgreSQL schema of the target (default: the server's search_path, normally public). */
  toSchema?: string;
};

export type YearTotals = {
  year: number;
  plans: number;
  /** Sums in đồng as decimal strings: a year's total may pass 2^53. */
  annualPlan: string;
  originalAnnualPlan: string;
  quarterTargets: string;
  actuals: number;
  actualAmount: string;
};

export type MigrateDataReport = {
  /** Rows per table, equal in the source and the target (checked before the commit). */
  rows: Record<string, number>;
  /** Per-year totals of plans and actuals, equal in both (checked before the commit). */
  years: YearTotals[];
};

type Column = { name: string; kind?: 'boolean' };
type TableCopy = {
  table: string;
  columns: Column[];
  /** Source order: parents before children where a table refers to itself. */
  orderBy: string;
  /** Identity column whose sequence must continue after the copied ids. */
  identity?: string;
};

const cols = (...names: string[]): Column[] => names.map((name) => ({ name }));

/**
 * Every table, in an order the foreign keys accept. Sessions are copied too, so that nobody
 * is logged out by the move (only token hashes are stored). `units` is ordered by depth below.
 */
const TABLES: TableCopy[] = [
  {
    table: 'units',
    columns: cols('id', 'code', 'name', 'kind', 'parent_id', 'version', 'created_at', 'updated_at'),
    orderBy: 'id',
    identity: 'id',
  },
  {
    table: 'users',
    columns: [
      ...cols('id', 'username', 'display_name', 'role', 'password_hash'),
      { name: 'is_disabled', kind: 'boolean' },
      ...cols('email', 'locale', 'version', 'created_at', 'updated_at'),
    ],
    orderBy: 'id',
    identity: 'id',
  },
  { table: 'user_units', columns: cols('user_id', 'unit_id'), orderBy: 'user_id, unit_id' },
  {
    table: 'plans',
    columns: cols(
      'unit_id',
      'year',
      'annual_plan',
      'original_annual_plan',
      'assigned_plan',
      'q1_target',
      'q2_target',
      'q3_target',
      'q4_target',
      'version',
      'updated_at',
      'updated_by',
    ),
    orderBy: 'year, unit_id',
  },
  {
    table: 'actuals',
    columns: cols(
      'unit_id',
      'year',
      'quarter',
      'amount',
      'basis',
      'estimate_amount',
      'version',
      'updated_at',
      'updated_by',
    ),
    orderBy: 'year, unit_id, quarter',
  },
  {
    table: 'review_rounds',
    columns: cols(
      'year',
      'quarter',
      'deadline',
      'version',
      'opened_at',
      'opened_by',
      'updated_at',
      'updated_by',
    ),
    orderBy: 'year, quarter',
  },
  {
    table: 'reports',
    columns: cols(
      'unit_id',
      'year',
      'quarter',
      'state',
      'results',
      'causes',
      'difficulties',
      'proposals',
      'next_quarter_expected',
      'submitted_at',
      'submitted_by',
      'decided_at',
      'decided_by',
      'return_reason',
      'version',
      'updated_at',
      'updated_by',
    ),
    orderBy: 'year, quarter, unit_id',
  },
  {
    table: 'directions',
    columns: cols(
      'id',
      'unit_id',
      'year',
      'quarter',
      'text',
      'due_year',
      'due_quarter',
      'status',
      'progress_note',
      'version',
      'created_at',
      'created_by',
      'updated_at',
      'updated_by',
    ),
    orderBy: 'id',
    identity: 'id',
  },
  {
    table: 'quarter_locks',
    columns: cols('year', 'quarter', 'locked_by', 'locked_at', 'reason'),
    orderBy: 'year, quarter',
  },
  {
    table: 'settings',
    columns: cols('key', 'value', 'version', 'updated_at', 'updated_by'),
    orderBy: 'key',
  },
  {
    table: 'audit_log',
    columns: cols(
      'id',
      'at',
      'actor',
      'entity',
      'entity_key',
      'unit_id',
      'year',
      'quarter',
      'old_value',
      'new_value',
      'comment',
    ),
    orderBy: 'id',
    identity: 'id',
  },
  {
    table: 'sessions',
    columns: cols(
      'token_hash',
      'user_id',
      'csrf_token',
      'created_at',
      'last_seen_at',
      'expires_at',
    ),
    orderBy: 'token_hash',
  },
  {
    table: 'notifications',
    columns: cols(
      'id',
      'user_id',
      'kind',
      'year',
      'quarter',
      'unit_id',
      'reason',
      'deadline',
      'created_at',
      'read_at',
    ),
    orderBy: 'id',
    identity: 'id',
  },
  {
    table: 'mail_outbox',
    columns: cols(
      'id',
      'notification_id',
      'created_at',
      'next_attempt_at',
      'attempts',
      'last_error',
      'sent_at',
      'dropped_at',
    ),
    orderBy: 'id',
    identity: 'id',
  },
  {
    table: 'reminders_sent',
    columns: cols(
      'year',
      'quarter',
      'unit_id',
      'user_id',
      'kind',
      'day',
      'notification_id',
      'created_at',
    ),
    orderBy: 'year, quarter, unit_id, user_id, kind, day',
  },
];

/** Parameters per INSERT stay under PostgreSQL's limit of 65,535. */
const MAX_PARAMS = 30_000;

type Row = Record<string, unknown>;

/** Units parents first: the self-reference is checked row by row. */
function unitsParentsFirst(rows: Row[]): Row[] {
  const byId = new Map(rows.map((r) => [r.id as number, r]));
  const depth = new Map<number, number>();
  const depthOf = (id: number, seen: Set<number>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const parentId = byId.get(id)?.parent_id as number | null | undefined;
    if (parentId === null || parentId === undefined || seen.has(id)) return 0;
    seen.add(id);
    const d = depthOf(parentId, seen) + 1;
    depth.set(id, d);
    return d;
  };
  return [...rows].sort(
    (a, b) =>
      depthOf(a.id as number, new Set()) - depthOf(b.id as number, new Set()) ||
      (a.id as number) - (b.id as number),
  );
}

/** Per-year totals computed exactly (BigInt) from the source rows as they are copied. */
class Totals {
  private readonly years = new Map<
    number,
    {
      plans: number;
      annualPlan: bigint;
      originalAnnualPlan: bigint;
      quarterTargets: bigint;
      actuals: number;
      actualAmount: bigint;
    }
  >();

  private of(year: number) {
    let totals = this.years.get(year);
    if (!totals) {
      totals = {
        plans: 0,
        annualPlan: 0n,
        originalAnnualPlan: 0n,
        quarterTargets: 0n,
        actuals: 0,
        actualAmount: 0n,
      };
      this.years.set(year, totals);
    }
    return totals;
  }

  add(table: string, row: Row) {
    const big = (value: unknown) =>
      value === null || value === undefined ? 0n : BigInt(value as number);
    if (table === 'plans') {
      const t = this.of(row.year as number);
      t.plans++;
      t.annualPlan += big(row.annual_plan);
      t.originalAnnualPlan += big(row.original_annual_plan);
      t.quarterTargets +=
        big(row.q1_target) + big(row.q2_target) + big(row.q3_target) + big(row.q4_target);
    } else if (table === 'actuals') {
      const t = this.of(row.year as number);
      t.actuals++;
      t.actualAmount += big(row.amount);
    }
  }

  list(): YearTotals[] {
    return [...this.years.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, t]) => ({
        year,
        plans: t.plans,
        annualPlan: String(t.annualPlan),
        originalAnnualPlan: String(t.originalAnnualPlan),
        quarterTargets: String(t.quarterTargets),
        actuals: t.actuals,
        actualAmount: String(t.actualAmount),
      }));
  }
}

async function targetTotals(client: pg.PoolClient): Promise<YearTotals[]> {
  const { rows } = await client.query<{
    year: number;
    plans: number;
    annual_plan: string;
    original_annual_plan: string;
    quarter_targets: string;
    actuals: number;
    actual_amount: string;
  }>(
    `WITH p AS (
       SELECT year, count(*)::int AS plans, sum(annual_plan)::text AS annual_plan,
              sum(original_annual_plan)::text AS original_annual_plan,
              sum(coalesce(q1_target, 0) + coalesce(q2_target, 0) + coalesce(q3_target, 0)
                  + coalesce(q4_target, 0))::text AS quarter_targets
       FROM plans GROUP BY year),
     a AS (SELECT year, count(*)::int AS actuals, sum(amount)::text AS actual_amount
           FROM actuals GROUP BY year)
     SELECT coalesce(p.year, a.year) AS year, coalesce(p.plans, 0) AS plans,
            coalesce(p.annual_plan, '0') AS annual_plan,
            coalesce(p.original_annual_plan, '0') AS original_annual_plan,
            coalesce(p.quarter_targets, '0') AS quarter_targets,
            coalesce(a.actuals, 0) AS actuals, coalesce(a.actual_amount, '0') AS actual_amount
     FROM p FULL JOIN a ON a.year = p.year
     ORDER BY 1`,
  );
  return rows.map((r) => ({
    year: r.year,
    plans: r.plans,
    annualPlan: r.annual_plan,
    originalAnnualPlan: r.original_annual_plan,
    quarterTargets: r.quarter_targets,
    actuals: r.actuals,
    actualAmount: r.actual_amount,
  }));
}

/** Refuses a source whose migrations differ from this Targetline's: its columns would too. */
function checkSourceSchema(sqlite: Database.Database, path: string) {
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  const applied = (
    sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }
  ).n;
  if (applied < journal.entries.length) {
    throw new MigrateDataError(
      `${path} is from an older Targetline (${applied} of ${journal.entries.length} migrations): start this version on it once, which migrates it, then move it`,
    );
  }
  if (applied > journal.entries.length) {
    throw new MigrateDataError(
      `${path} is from a newer Targetline (${applied} migrations, this one knows ${journal.entries.length}): move it with that version`,
    );
  }
}

/**
 * Copies a whole organisation from its SQLite file into an empty PostgreSQL database, in one
 * PostgreSQL transaction: units (ids and parents), users and their units, plans with their
 * original plans and versions, actuals, quarter locks, settings, the audit trail and the
 * sessions. Identity sequences continue after the copied ids. Before committing, the row
 * count of every table and the per-year totals of plans and actuals are compared with the
 * source; any difference, or a target that already holds data, throws MigrateDataError and
 * leaves the target as it was.
 */
export async function migrateData({
  fromSqlitePath,
  toUrl,
  toSchema,
}: MigrateDataInput): Promise<MigrateDataReport> {
  if (!existsSync(fromSqlitePath)) {
    throw new MigrateDataError(`There is no SQLite file at ${fromSqlitePath}`);
  }
  try {
    verifyTargetlineDatabase(fromSqlitePath);
  } catch (err) {
    throw new MigrateDataError((err as Error).message);
  }
  const sqlite = new Database(fromSqlitePath, { readonly: true, fileMustExist: true });
  try {
    checkSourceSchema(sqlite, fromSqlitePath);
    const { pool } = await openPg({
      url: toUrl,
      ...(toSchema !== undefined && { schema: toSchema }),
      maxConnections: 1,
    });
    try {
      const client = await pool.connect();
      try {
        return await copyAll(sqlite, client);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  } finally {
    sqlite.close();
  }
}

async function copyAll(sqlite: Database.Database, client: pg.PoolClient) {
  // One snapshot of the source: counts, rows and totals all describe the same moment.
  sqlite.exec('BEGIN');
  try {
    await client.query('BEGIN');
    try {
      // The same lock seedIfEmpty and unit changes take: an API starting meanwhile on the
      // target waits, then finds our units instead of seeding its own.
      await client.query('SELECT pg_advisory_xact_lock($1, 1)', [ADVISORY_NAMESPACE]);
      const occupied: string[] = [];
      for (const { table } of TABLES) {
        const { rows } = await client.query(`SELECT 1 FROM ${table} LIMIT 1`);
        if (rows.length > 0) occupied.push(table);
      }
      if (occupied.length > 0) {
        throw new MigrateDataError(
          `The target database is not empty (rows in ${occupied.join(', ')}): nothing was copied. Migrate into a new, empty database.`,
        );
      }
      const totals = new Totals();
      const rowCounts: Record<string, number> = {};
      for (const spec of TABLES) {
        const names = spec.columns.map((c) => c.name);
        const perInsert = Math.max(1, Math.floor(MAX_PARAMS / names.length));
        const insert = async (chunk: Row[]) => {
          const params: unknown[] = [];
          const tuples = chunk.map((row) => {
            totals.add(spec.table, row);
            const placeholders = spec.columns.map((column) => {
              const value = row[column.name];
              params.push(column.kind === 'boolean' && value !== null ? value === 1 : value);
              return `$${params.length}`;
            });
            return `(${placeholders.join(', ')})`;
          });
          try {
            await client.query(
              `INSERT INTO ${spec.table} (${names.join(', ')}) VALUES ${tuples.join(', ')}`,
              params,
            );
          } catch (err) {
            throw new MigrateDataError(
              `Copying ${spec.table} failed, nothing was copied: ${(err as Error).message}`,
            );
          }
        };
        const select = sqlite.prepare(
          `SELECT ${names.join(', ')} FROM ${spec.table} ORDER BY ${spec.orderBy}`,
        );
        let read = 0;
        if (spec.table === 'units') {
          // Few rows, and they must be reordered parents first.
          const rows = unitsParentsFirst(select.all() as Row[]);
          read = rows.length;
          for (let i = 0; i < rows.length; i += perInsert)
            await insert(rows.slice(i, i + perInsert));
        } else {
          // Streamed: an audit trail can be far larger than memory should hold at once.
          let chunk: Row[] = [];
          for (const row of select.iterate() as Iterable<Row>) {
            chunk.push(row);
            read++;
            if (chunk.length === perInsert) {
              await insert(chunk);
              chunk = [];
            }
          }
          if (chunk.length > 0) await insert(chunk);
        }
        if (spec.identity) {
          await client.query(
            `SELECT setval(pg_get_serial_sequence('${spec.table}', '${spec.identity}'),
                           coalesce(max(${spec.identity}), 0) + 1, false) FROM ${spec.table}`,
          );
        }
        const source = (
          sqlite.prepare(`SELECT count(*) AS n FROM ${spec.table}`).get() as { n: number }
        ).n;
        const { rows: counted } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${spec.table}`,
        );
        const target = counted[0]?.n ?? -1;
        if (source !== read || target !== source) {
          throw new MigrateDataError(
            `${spec.table}: ${source} rows in the source, ${read} read, ${target} in the target: nothing was copied`,
          );
        }
        rowCounts[spec.table] = target;
      }
      const expected = totals.list();
      const actual = await targetTotals(client);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        const differences = expected
          .map((e) => ({ e, a: actual.find((x) => x.year === e.year) }))
          .filter(({ e, a }) => JSON.stringify(a) !== JSON.stringify(e))
          .map(
            ({ e, a }) =>
              `${e.year}: source ${JSON.stringify(e)}, target ${JSON.stringify(a ?? null)}`,
          );
        throw new MigrateDataError(
          `The per-year totals differ after the copy, nothing was copied: ${differences.join('; ') || 'years differ'}`,
        );
      }
      // API processes already running on the target must not serve what they cached before.
      await client.query(
        `INSERT INTO data_version (shard, epoch, version)
         VALUES (pg_backend_pid() % ${DATA_VERSION_SHARDS}, gen_random_uuid()::text, 1)
         ON CONFLICT (shard) DO UPDATE SET version = data_version.version + 1`,
      );
      await client.query('COMMIT');
      return { rows: rowCounts, years: expected };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  } finally {
    sqlite.exec('ROLLBACK');
  }
}
