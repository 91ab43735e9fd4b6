import { defineConfig } from 'drizzle-kit';

// Migrations are generated (never pushed) and committed; the app applies them at start-up.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema.ts',
  out: './drizzle',
});
