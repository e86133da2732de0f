import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'mysql',
  schema: './db/schema/storefront/index.ts',
  out: './db/migrations/storefront',
});
