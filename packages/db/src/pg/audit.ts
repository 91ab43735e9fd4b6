import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type AuditRow, auditWhere } from '../audit-rows';
import { toAuditEntry } from '../records';
import type { Repository } from '../repository';
import type { PgContext, Tx, WriteCtx } from './context';
import { auditLog, units, users } from './schema';

/** The audit row of a change, written by the change's transaction. */
export const insertAudit = async (tx: Tx, row: AuditRow) => {
  await tx.insert(auditLog).values(row);
};

/** A figure's audit row: now, or with the rest of its import. */
export const auditFigure = async (ctx: WriteCtx, row: AuditRow) => {
  if (ctx.pendingAudits) ctx.pendingAudits.push(row);
  else await insertAudit(ctx.tx, row);
};

/** An import's audit rows in one statement, in order (ids ascend as the rows were made). */
export const flushAudits = async (ctx: WriteCtx) => {
  const rows = ctx.pendingAudits ?? [];
  ctx.pendingAudits = null;
  if (rows.length === 0) return;
  const column = <T>(pick: (row: AuditRow) => T) => sql.param(rows.map(pick));
  const json = (value: unknown) =>
    value === null || value === undefined ? null : JSON.stringify(value);
  await ctx.tx.execute(sql`
    insert into ${auditLog} (at, actor, entity, entity_key, unit_id, year, quarter, old_value, new_value, comment)
    select at, actor, entity, entity_key, unit_id, year, quarter, old_value::json, new_value::json, comment
    from unnest(
      ${column((r) => r.at)}::timestamptz[], ${column((r) => r.actor ?? null)}::text[],
      ${column((r) => r.entity)}::text[], ${column((r) => r.entityKey)}::text[],
      ${column((r) => r.unitId ?? null)}::int[], ${column((r) => r.year ?? null)}::int[],
      ${column((r) => r.quarter ?? null)}::int[], ${column((r) => json(r.oldValue))}::text[],
      ${column((r) => json(r.newValue))}::text[], ${column((r) => r.comment ?? null)}::text[]
    ) with ordinality as a(at, actor, entity, entity_key, unit_id, year, quarter, old_value, new_value, comment, n)
    order by n`);
};

/** The audit trail, newest first. */
export function createAudit({ db }: PgContext) {
  const methods: Pick<Repository, 'listAudit' | 'listAuditActors'> = {
    async listAudit(filter) {
      const rows = await db
        .select({ log: auditLog, actorName: users.displayName, unitName: units.name })
        .from(auditLog)
        .leftJoin(users, eq(users.username, auditLog.actor))
        .leftJoin(units, eq(units.id, auditLog.unitId))
        .where(auditWhere(auditLog, filter))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit ?? 100);
      return rows.map(({ log, actorName, unitName }) =>
        toAuditEntry({ ...log, actorName, unitName }),
      );
    },
    async listAuditActors({ entities }) {
      return db
        .selectDistinct({ username: users.username, displayName: users.displayName })
        .from(auditLog)
        .innerJoin(users, eq(users.username, auditLog.actor))
        .where(entities === undefined ? undefined : inArray(auditLog.entity, entities))
        .orderBy(asc(users.displayName), asc(users.username));
    },
  };
  return { methods };
}
