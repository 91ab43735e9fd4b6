import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { engineOf, openRepository } from './open-repository';
import { pgTestUrl, testSchemaName, withSearchPath } from './pg/test-database';

describe('engineOf', () => {
  it('keeps SQLite without a URL and picks PostgreSQL for postgres:// URLs', () => {
    expect(engineOf(undefined)).toBe('sqlite');
    expect(engineOf(null)).toBe('sqlite');
    expect(engineOf('  ')).toBe('sqlite');
    expect(engineOf('postgres://u:p@127.0.0.1:5432/targetline')).toBe('postgres');
    expect(engineOf('postgresql://u:p@db.internal/targetline?sslmode=require')).toBe('postgres');
    expect(engineOf('POSTGRES://u@host/db')).toBe('postgres');
  });

  it('refuses any other URL rather than quietly using the SQLite file', () => {
    expect(() => engineOf('mysql://u:p@host/db')).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL/,
    );
    expect(() => engineOf('file:data/targetline.db')).toThrow(/DATABASE_URL/);
  });
});

describe('openRepository', () => {
  it('opens the SQLite file when there is no URL', async () => {
    const repository = await openRepository({ databaseUrl: undefined, sqlitePath: ':memory:' });
    try {
      expect(repository.hitRateLimit).toBeUndefined();
      expect(await repository.listUnits()).toEqual([]);
    } finally {
      await repository.close();
    }
  });

  it.skipIf(pgTestUrl() === undefined)(
    'opens PostgreSQL for a postgres:// URL, in the schema its search_path names',
    async () => {
      const url = pgTestUrl() as string;
      const schema = testSchemaName();
      const admin = new pg.Pool({ connectionString: url, max: 1 });
      await admin.query(`CREATE SCHEMA ${schema}`);
      try {
        const repository = await openRepository({
          databaseUrl: withSearchPath(url, schema),
          sqlitePath: '/nonexistent/never-opened.db',
          maxConnections: 3,
        });
        try {
          // Only the PostgreSQL engine shares rate-limit counters between processes.
          expect(repository.hitRateLimit).toBeTypeOf('function');
          // DATABASE_POOL_SIZE reaches the pool.
          expect((repository as unknown as { pool: pg.Pool }).pool.options.max).toBe(3);
          expect(await repository.dataVersion()).toBe('0');
        } finally {
          await repository.close();
        }
        const { rows } = await admin.query(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
          [schema, 'units'],
        );
        expect(rows).toHaveLength(1);
      } finally {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      }
    },
  );
});
