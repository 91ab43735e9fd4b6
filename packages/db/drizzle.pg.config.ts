import { defineConfig } from 'drizzle-kit';

// The PostgreSQL engine's migrations, beside the SQLite ones and generated the same way (never
// pushed): `drizzle-kit generate --config drizzle.pg.config.ts`. The app applies them when it
// opens the repository. After generating, remove the `"public".` qualifiers drizzle-kit puts in
// foreign keys, so that the tables can live in any schema of the search_path (see the header of
// drizzle-pg/0000_init.sql).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/pg/schema.ts',
  out: './drizzle-pg',
});
