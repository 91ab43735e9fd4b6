import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Repository } from '@targetline/db';

/**
 * A @fastify/rate-limit store whose counters live in the database, for engines that several
 * API processes share (PostgreSQL): a guesser spread over the processes behind a load
 * balancer meets one limit, not one per process. Each route gets its own key space.
 */
export function databaseRateLimitStore(
  hit: NonNullable<Repository['hitRateLimit']>,
): FastifyRateLimitStoreCtor {
  class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = 'global|',
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      hit({ key: `${this.prefix}${key}`, windowMs: timeWindow }).then(
        ({ count, ttlMs }) => callback(null, { current: count, ttl: ttlMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    /** Per route; a limiter made with createRateLimit has no route and keys of its own. */
    child(routeOptions: { method?: string | string[]; path?: string }): FastifyRateLimitStore {
      const method = [routeOptions.method ?? ''].flat().join(',');
      return new DatabaseStore(undefined, `${method} ${routeOptions.path ?? 'custom'}|`);
    }
  }
  return DatabaseStore;
}
