import { lt, sql } from 'drizzle-orm';
import type { Repository } from '../repository';
import type { PgContext } from './context';
import { rateLimits } from './schema';

/**
 * Rate-limit counters shared by every API process on the database (SQLite's single process
 * keeps its own in memory, so that engine has no such module).
 */
export function createRateLimits({ db, now }: PgContext) {
  const methods: Required<Pick<Repository, 'hitRateLimit'>> = {
    async hitRateLimit({ key, windowMs }) {
      const at = now();
      const nowIso = at.toISOString();
      // One statement: concurrent attempts from any process each get their own count.
      const [row] = await db
        .insert(rateLimits)
        .values({ key, count: 1, resetAt: new Date(at.getTime() + windowMs).toISOString() })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            count: sql`case when ${rateLimits.resetAt} <= ${nowIso}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
            resetAt: sql`case when ${rateLimits.resetAt} <= ${nowIso}::timestamptz then excluded.reset_at else ${rateLimits.resetAt} end`,
          },
        })
        .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
      // Windows of keys nobody tries again would stay forever: sweep now and then.
      if (Math.random() < 0.01) {
        await db.delete(rateLimits).where(lt(rateLimits.resetAt, nowIso));
      }
      if (!row) throw new Error('The rate-limit counter was not written');
      return { count: row.count, ttlMs: Math.max(0, Date.parse(row.resetAt) - at.getTime()) };
    },
  };
  return { methods };
}
