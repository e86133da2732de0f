import { sql } from 'drizzle-orm';
import { bigint, customType, datetime } from 'drizzle-orm/mysql-core';

// MariaDB stores JSON as LONGTEXT and mysql2 hands it back as a string; MySQL 8 hands back an object.
// This column accepts both so the same code runs on either server.
export const jsonColumn = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'json',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T)),
  })(name);

export const id = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();

export const ref = (name: string) => bigint(name, { mode: 'number', unsigned: true });

export const createdAt = () => datetime('created_at', { mode: 'date', fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`);

export const updatedAt = () =>
  datetime('updated_at', { mode: 'date', fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date());

export const timestamp = (name: string) => datetime(name, { mode: 'date', fsp: 3 });
