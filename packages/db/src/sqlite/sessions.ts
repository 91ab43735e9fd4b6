import { asc, eq, lt, or, sql } from 'drizzle-orm';
import { toSession, toUser } from '../records';
import type { Repository } from '../repository';
import { sessions, users, userUnits } from '../schema';
import type { SqliteContext } from './context';

/** Log-in sessions, found with their user. Expiry is the caller's rule; the sweep is here. */
export function createSessions({ db }: SqliteContext) {
  // Every request that is not public looks its session up: its three statements are built and
  // prepared once (building a drizzle query cost more than running it).
  const ph = sql.placeholder;
  const sessionByHash = db
    .select()
    .from(sessions)
    .where(eq(sessions.tokenHash, ph('tokenHash')))
    .prepare();
  const userById = db
    .select()
    .from(users)
    .where(eq(users.id, ph('id')))
    .prepare();
  const unitsOfUser = db
    .select({ unitId: userUnits.unitId })
    .from(userUnits)
    .where(eq(userUnits.userId, ph('id')))
    .orderBy(asc(userUnits.unitId))
    .prepare();
  const methods: Pick<
    Repository,
    'createSession' | 'findSession' | 'touchSession' | 'deleteSession' | 'deleteExpiredSessions'
  > = {
    async createSession({ tokenHash, userId, csrfToken, createdAt, lastSeenAt, expiresAt }) {
      db.insert(sessions)
        .values({ tokenHash, userId, csrfToken, createdAt, lastSeenAt, expiresAt })
        .run();
    },
    async findSession(tokenHash) {
      const row = sessionByHash.get({ tokenHash });
      if (!row) return null;
      const user = userById.get({ id: row.userId });
      if (!user) return null;
      const unitIds = unitsOfUser.all({ id: row.userId }).map((r) => r.unitId);
      return toSession(row, toUser(user, unitIds));
    },
    async touchSession(tokenHash, lastSeenAt) {
      db.update(sessions).set({ lastSeenAt }).where(eq(sessions.tokenHash, tokenHash)).run();
    },
    async deleteSession(tokenHash) {
      db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
    },
    async deleteExpiredSessions(nowIso, idleSince) {
      return db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, nowIso), lt(sessions.lastSeenAt, idleSince)))
        .run().changes;
    },
  };
  return { methods };
}
