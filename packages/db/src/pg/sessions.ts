import { eq, lt, or, sql } from 'drizzle-orm';
import { toSession, toUser } from '../records';
import type { Repository } from '../repository';
import type { PgContext } from './context';
import { sessions, users } from './schema';
import { unitIdsSql } from './users';

/** Log-in sessions, found with their user. Expiry is the caller's rule; the sweep is here. */
export function createSessions({ db }: PgContext) {
  // Every request with a cookie asks this: built once, and parsed once per connection by the
  // server (a named prepared statement) rather than on every request.
  const findSessionQuery = db
    .select({ session: sessions, user: users, unitIds: unitIdsSql })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('find_session');
  const methods: Pick<
    Repository,
    'createSession' | 'findSession' | 'touchSession' | 'deleteSession' | 'deleteExpiredSessions'
  > = {
    async createSession({ tokenHash, userId, csrfToken, createdAt, lastSeenAt, expiresAt }) {
      await db
        .insert(sessions)
        .values({ tokenHash, userId, csrfToken, createdAt, lastSeenAt, expiresAt });
    },
    async findSession(tokenHash) {
      // One statement, so the session, its user and the user's units come from one snapshot.
      const [row] = await findSessionQuery.execute({ tokenHash });
      if (!row) return null;
      return toSession(row.session, toUser(row.user, row.unitIds));
    },
    async touchSession(tokenHash, lastSeenAt) {
      await db.update(sessions).set({ lastSeenAt }).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteSession(tokenHash) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteExpiredSessions(nowIso, idleSince) {
      const result = await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, nowIso), lt(sessions.lastSeenAt, idleSince)));
      return result.rowCount ?? 0;
    },
  };
  return { methods };
}
