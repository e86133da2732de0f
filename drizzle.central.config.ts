import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'mysql',
  schema: './db/schema/central/index.ts',
  out: './db/migrations/central',
});
