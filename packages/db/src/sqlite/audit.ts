import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type AuditRow, auditWhere } from '../audit-rows';
import { toAuditEntry } from '../records';
import type { Repository } from '../repository';
import { auditLog, units, users } from '../schema';
import type { SqliteContext } from './context';

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** The audit trail: one row per change, written by the change's transaction; read newest first. */
export function createAudit({ db }: SqliteContext) {
  const ph = sql.placeholder;
  // Prepared once: an import writes one row per figure.
  const insert = db
    .insert(auditLog)
    .values({
      at: ph('at'),
      actor: ph('actor'),
      entity: ph('entity'),
      entityKey: ph('entityKey'),
      unitId: ph('unitId'),
      year: ph('year'),
      quarter: ph('quarter'),
      oldValue: ph('oldValue'),
      newValue: ph('newValue'),
      comment: ph('comment'),
    })
    .prepare();

  /** The audit row of a change, written by the caller's transaction (same connection). */
  const write = (row: AuditRow) => {
    insert.run({
      ...row,
      oldValue: row.oldValue === null ? null : JSON.stringify(row.oldValue),
      newValue: row.newValue === null ? null : JSON.stringify(row.newValue),
    });
  };

  const methods: Pick<Repository, 'listAudit' | 'listAuditActors'> = {
    async listAudit(filter) {
      const rows = db
        .select({ log: auditLog, actorName: users.displayName, unitName: units.name })
        .from(auditLog)
        .leftJoin(users, eq(users.username, auditLog.actor))
        .leftJoin(units, eq(units.id, auditLog.unitId))
        .where(auditWhere(auditLog, filter))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit ?? 100)
        .all();
      return rows.map(({ log, actorName, unitName }) =>
        toAuditEntry({
          ...log,
          actorName,
          unitName,
          oldValue: parseJson(log.oldValue),
          newValue: parseJson(log.newValue),
        }),
      );
    },
    async listAuditActors({ entities }) {
      return db
        .selectDistinct({ username: users.username, displayName: users.displayName })
        .from(auditLog)
        .innerJoin(users, eq(users.username, auditLog.actor))
        .where(entities === undefined ? undefined : inArray(auditLog.entity, entities))
        .orderBy(asc(users.displayName), asc(users.username))
        .all();
    },
  };
  return { write, methods };
}

export type AuditWriter = ReturnType<typeof createAudit>['write'];
