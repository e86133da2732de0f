import { boolean, int, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, updatedAt } from '@/lib/db/columns';

export const productGroups = mysqlTable(
  'product_groups',
  {
    id: id(),
    slug: varchar('slug', { length: 60 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    description: text('description'),
    sortOrder: int('sort_order').notNull().default(0),
    hidden: boolean('hidden').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('product_groups_slug_uq').on(t.slug)],
);

export type ProductGroup = typeof productGroups.$inferSelect;
