import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { jsonColumn, updatedAt } from '@/lib/db/columns';

export const storefrontSettings = mysqlTable('storefront_settings', {
  key: varchar('key', { length: 100 }).primaryKey(),
  value: jsonColumn<unknown>('value').notNull(),
  updatedAt: updatedAt(),
});
