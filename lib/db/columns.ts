import { sql } from 'drizzle-orm';
import { bigint, customType, datetime } from 'drizzle-orm/mysql-core';

// The pools set jsonStrings, so the driver always hands JSON back as text (MariaDB's LONGTEXT JSON and MySQL 8's
// JSON alike) and it is parsed here once; a JSON string value such as "INV-{SEQ}" survives the round trip.
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
