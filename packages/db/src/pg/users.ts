import { and, asc, eq, sql } from 'drizzle-orm';
import { userAudit } from '../audit-rows';
import { newUserRow, normaliseUsername, toUser, userColumnsOf } from '../records';
import type { Repository, UserAccount } from '../repository';
import {
  adminRemovedBy,
  checkEditVersion,
  endsSessions,
  mayRemoveAdmin,
  refuseLastAdmin,
  refuseTakenUsername,
  refuseUnknown,
} from '../rules';
import { insertAudit } from './audit';
import { byCodePoint, lostRace, type PgContext, type Q } from './context';
import { sessions, users, userUnits } from './schema';
import { requireUnits } from './units';

/** The user's unit ids, ascending, read in the same statement (and snapshot) as the user. */
export const unitIdsSql = sql<
  number[]
>`array(select ${userUnits.unitId} from ${userUnits} where ${userUnits.userId} = ${users.id} order by ${userUnits.unitId})`;

/** A user with their units, or null. */
export const loadUser = async (q: Q, id: number): Promise<UserAccount | null> => {
  const [row] = await q
    .select({ user: users, unitIds: unitIdsSql })
    .from(users)
    .where(eq(users.id, id));
  return row ? toUser(row.user, row.unitIds) : null;
};

/** Users: reads, the log-in look-up, and changes with their audit row. */
export function createUsers({ db, now, write }: PgContext) {
  const methods: Pick<
    Repository,
    'listUsers' | 'getUser' | 'findUserForLogin' | 'createUser' | 'updateUser'
  > = {
    async listUsers() {
      const rows = await db
        .select({ user: users, unitIds: unitIdsSql })
        .from(users)
        .orderBy(byCodePoint(users.username));
      return rows.map((r) => toUser(r.user, r.unitIds));
    },
    async getUser(id) {
      return loadUser(db, id);
    },
    async findUserForLogin(username) {
      const [row] = await db
        .select({ user: users, unitIds: unitIdsSql })
        .from(users)
        .where(sql`lower(${users.username}) = ${normaliseUsername(username)}`);
      if (!row) return null;
      return { ...toUser(row.user, row.unitIds), passwordHash: row.user.passwordHash };
    },
    async createUser(input) {
      return write(async (ctx) => {
        const { tx } = ctx;
        const username = normaliseUsername(input.username);

        const [taken] = await tx
          .select({ id: users.id })
          .from(users)
          .where(sql`lower(${users.username}) = ${username}`);
        if (taken) refuseTakenUsername(username);
        await requireUnits(ctx, input.unitIds, 'unitIds');
        const at = now().toISOString();
        const [row] = await tx
          .insert(users)
          .values(newUserRow({ ...input, username }, at))
          // Any unique index: the one on lower(username) is the only one an insert can meet.
          .onConflictDoNothing()
          .returning({ id: users.id });
        // Taken by a concurrent log-in creation since our look-up.
        if (!row) return refuseTakenUsername(username);
        const unitIds = [...new Set(input.unitIds)];
        if (unitIds.length > 0) {
          await tx.insert(userUnits).values(unitIds.map((unitId) => ({ userId: row.id, unitId })));
        }
        const created = (await loadUser(tx, row.id)) as UserAccount;
        await insertAudit(tx, userAudit(input, { at, old: null, saved: created }));
        return created;
      });
    },
    async updateUser({ id, patch, actor, comment, expectedVersion }) {
      return write(async (ctx) => {
        const { tx } = ctx;
        // A change that could take an admin away first locks every enabled admin, in id order
        // (so two of them wait for each other instead of deadlocking): two admins demoting
        // each other at once then run one after the other, and the second sees it would
        // leave nobody. A row changed meanwhile is read again by PostgreSQL, and skipped if
        // it is no longer an enabled admin.
        const enabledAdmins = mayRemoveAdmin(patch)
          ? await tx
              .select({ id: users.id })
              .from(users)
              .where(and(eq(users.role, 'admin'), eq(users.isDisabled, false)))
              .orderBy(asc(users.id))
              .for('no key update')
          : [];
        const [locked] = await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(users.id, id))
          .for('no key update');
        const old = locked ? await loadUser(tx, id) : null;
        if (!old) return refuseUnknown('User', id);
        checkEditVersion('user', expectedVersion, old);
        const removed = adminRemovedBy(old, patch);
        // The others are locked by us: none of them can stop being an admin before we commit.
        if (removed && !enabledAdmins.some((admin) => admin.id !== id)) {
          refuseLastAdmin(old, removed);
        }
        if (patch.unitIds) await requireUnits(ctx, patch.unitIds, 'unitIds');
        const at = now().toISOString();
        const changed = await tx
          .update(users)
          .set({ ...userColumnsOf(patch), version: old.version + 1, updatedAt: at })
          .where(and(eq(users.id, id), eq(users.version, old.version)))
          .returning({ id: users.id });
        if (changed.length === 0) lostRace('user');
        if (patch.unitIds) {
          await tx.delete(userUnits).where(eq(userUnits.userId, id));
          const unitIds = [...new Set(patch.unitIds)];
          if (unitIds.length > 0) {
            await tx.insert(userUnits).values(unitIds.map((unitId) => ({ userId: id, unitId })));
          }
        }
        if (endsSessions(patch)) {
          await tx.delete(sessions).where(eq(sessions.userId, id));
        }
        const updated = (await loadUser(tx, id)) as UserAccount;
        await insertAudit(
          tx,
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
