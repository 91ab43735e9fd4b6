// Apart from test-database.ts, so that the package's index exports it without importing pg (./lazy.ts).
import { randomBytes } from 'node:crypto';

/**
 * The PostgreSQL server tests run against: a URL of a database in which the role may create
 * schemas. Unset, the PostgreSQL tests are skipped (CI sets it).
 */
export const pgTestUrl = (): string | undefined =>
  process.env.TARGETLINE_TEST_DATABASE_URL?.trim() || undefined;

/** `url` pointed at `schema` through its search_path, as an operator would set DATABASE_URL. */
export function withSearchPath(url: string, schema: string): string {
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return `${url}${url.includes('?') ? '&' : '?'}options=${options}`;
}

/** A fresh, unique schema name: tests never see each other's tables. */
export const testSchemaName = () =>
  `test_${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
