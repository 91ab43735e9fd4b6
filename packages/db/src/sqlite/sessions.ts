import { eq, lt, or } from 'drizzle-orm';
import { toSession } from '../records';
import type { Repository } from '../repository';
import { sessions } from '../schema';
import type { SqliteContext } from './context';
import { loadUser } from './users';

/** Log-in sessions, found with their user. Expiry is the caller's rule; the sweep is here. */
export function createSessions({ db }: SqliteContext) {
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
      const row = db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).get();
      if (!row) return null;
      const user = loadUser(db, row.userId);
      if (!user) return null;
      return toSession(row, user);
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
