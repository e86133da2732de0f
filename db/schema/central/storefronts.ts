import { index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from '@/lib/db/columns';

export const storefronts = mysqlTable(
  'storefronts',
  {
    id: id(),
    slug: varchar('slug', { length: 40 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    kind: mysqlEnum('kind', ['retail', 'reseller']).notNull().default('reseller'),
    // 'provisioning': a reseller's storefront still being built; it resolves to no host until it is made active.
    status: mysqlEnum('status', ['active', 'suspended', 'provisioning']).notNull().default('active'),
    tagline: varchar('tagline', { length: 255 }),
    brandColor: varchar('brand_color', { length: 7 }).notNull().default('#2563eb'),
    // Server URL without a database name (mysql://user:pass@host:port); null means the central server.
    dbServerUrl: varchar('db_server_url', { length: 500 }),
    dbName: varchar('db_name', { length: 64 }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('storefronts_slug_uq').on(t.slug), uniqueIndex('storefronts_db_name_uq').on(t.dbName)],
);

export const storefrontHostnames = mysqlTable(
  'storefront_hostnames',
  {
    id: id(),
    hostname: varchar('hostname', { length: 253 }).notNull(),
    storefrontId: ref('storefront_id').notNull(),
    area: mysqlEnum('area', ['marketing', 'account', 'admin']).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('storefront_hostnames_hostname_uq').on(t.hostname), index('storefront_hostnames_sf_idx').on(t.storefrontId)],
);

export type Storefront = typeof storefronts.$inferSelect;
export type StorefrontHostname = typeof storefrontHostnames.$inferSelect;
export type Area = StorefrontHostname['area'];
