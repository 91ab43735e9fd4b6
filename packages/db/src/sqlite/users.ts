import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { userAudit } from '../audit-rows';
import { newUserRow, normaliseUsername, toUser, userColumnsOf } from '../records';
import type { Repository, UserAccount } from '../repository';
import {
  adminRemovedBy,
  checkEditVersion,
  endsSessions,
  refuseLastAdmin,
  refuseTakenUsername,
  refuseUnknown,
} from '../rules';
import { sessions, users, userUnits } from '../schema';
import type { AuditWriter } from './audit';
import type { SqliteContext, Tx } from './context';

/** Each user's unit ids, ascending. */
const unitIdsOf = (tx: Tx, userIds: number[]) => {
  const map = new Map<number, number[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = tx
    .select()
    .from(userUnits)
    .where(inArray(userUnits.userId, userIds))
    .orderBy(asc(userUnits.unitId))
    .all();
  for (const row of rows) map.get(row.userId)?.push(row.unitId);
  return map;
};

/** A user with their units, or null. */
export const loadUser = (tx: Tx, id: number): UserAccount | null => {
  const row = tx.select().from(users).where(eq(users.id, id)).get();
  return row ? toUser(row, unitIdsOf(tx, [id]).get(id) ?? []) : null;
};

/**
 * Users: reads, the log-in look-up, and changes with their audit row. Not counted in the data
 * version: no read cached by it shows users.
 */
export function createUsers(
  { db, now }: SqliteContext,
  {
    audit,
    requireUnits,
  }: { audit: AuditWriter; requireUnits: (tx: Tx, unitIds: number[], field: string) => void },
) {
  const methods: Pick<
    Repository,
    'listUsers' | 'getUser' | 'findUserForLogin' | 'createUser' | 'updateUser'
  > = {
    async listUsers() {
      const rows = db.select().from(users).orderBy(asc(users.username)).all();
      const unitMap = unitIdsOf(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => toUser(r, unitMap.get(r.id) ?? []));
    },
    async getUser(id) {
      return loadUser(db, id);
    },
    async findUserForLogin(username) {
      const row = db
        .select()
        .from(users)
        .where(sql`lower(${users.username}) = ${normaliseUsername(username)}`)
        .get();
      if (!row) return null;
      return {
        ...toUser(row, unitIdsOf(db, [row.id]).get(row.id) ?? []),
        passwordHash: row.passwordHash,
      };
    },
    async createUser(input) {
      return db.transaction((tx) => {
        const username = normaliseUsername(input.username);
        const taken = tx
          .select({ id: users.id })
          .from(users)
          .where(sql`lower(${users.username}) = ${username}`)
          .get();
        if (taken) refuseTakenUsername(username);
        requireUnits(tx, input.unitIds, 'unitIds');
        const at = now().toISOString();
        const row = tx
          .insert(users)
          .values(newUserRow({ ...input, username }, at))
          .returning()
          .get();
        for (const unitId of new Set(input.unitIds)) {
          tx.insert(userUnits).values({ userId: row.id, unitId }).run();
        }
        const created = loadUser(tx, row.id) as UserAccount;
        audit(userAudit(input, { at, old: null, saved: created }));
        return created;
      });
    },
    async updateUser({ id, patch, actor, comment, expectedVersion }) {
      return db.transaction((tx) => {
        const old = loadUser(tx, id);
        if (!old) return refuseUnknown('User', id);
        checkEditVersion('user', expectedVersion, old);
        // In the same transaction as the write (SQLite runs one writer at a time).
        const removed = adminRemovedBy(old, patch);
        if (removed) {
          const other = tx
            .select({ id: users.id })
            .from(users)
            .where(and(eq(users.role, 'admin'), eq(users.isDisabled, false), ne(users.id, id)))
            .get();
          if (!other) refuseLastAdmin(old, removed);
        }
        if (patch.unitIds) requireUnits(tx, patch.unitIds, 'unitIds');
        const at = now().toISOString();
        tx.update(users)
          .set({ ...userColumnsOf(patch), version: old.version + 1, updatedAt: at })
          .where(eq(users.id, id))
          .run();
        if (patch.unitIds) {
          tx.delete(userUnits).where(eq(userUnits.userId, id)).run();
          for (const unitId of new Set(patch.unitIds)) {
            tx.insert(userUnits).values({ userId: id, unitId }).run();
          }
        }
        if (endsSessions(patch)) {
          tx.delete(sessions).where(eq(sessions.userId, id)).run();
        }
        const updated = loadUser(tx, id) as UserAccount;
        audit(
          userAudit(
            { actor, comment },
            { at, old, saved: updated, isPasswordChanged: patch.passwordHash !== undefined },
          ),
        );
        return updated;
      });
    },
  };
  return { methods };
}
