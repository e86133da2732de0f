import { getTableColumns, getTableName, type InferInsertModel } from 'drizzle-orm';
import type { MySqlTable } from 'drizzle-orm/mysql-core';
import type { Pool, PoolConnection } from 'mysql2/promise';
import type { SfDb } from './connection';

/** Rows per statement: well under max_allowed_packet for our widest rows. */
const ROWS_PER_STATEMENT = 1000;

/** The mysql2 pool or pinned transaction connection behind a Drizzle handle. */
function driverOf(db: SfDb): Pool | PoolConnection {
  const client = (db as unknown as { session?: { client?: Pool | PoolConnection } }).session?.client;
  if (!client || typeof client.query !== 'function') throw new Error('bulkInsert needs a mysql2-backed Drizzle handle');
  return client;
}

/**
 * A multi-row INSERT through mysql2's own value formatter. Drizzle builds a parameter object per value, which for
 * thousands of rows costs more than the database does (the billing run's renewal step spent most of its time
 * there); this keeps Drizzle's column names and value mapping (JSON, datetimes) and skips the builder. Every row
 * must set the same columns; columns no row sets take their database default. Runs on the caller's handle, so
 * inside a transaction it is part of it.
 */
export async function bulkInsert<T extends MySqlTable>(db: SfDb, table: T, rows: InferInsertModel<T>[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in (rows[0] as object));
  for (const row of rows) {
    if (Object.keys(row as object).length !== columns.length) throw new Error(`bulkInsert into ${getTableName(table)}: rows set different columns`);
  }
  const head = `INSERT INTO \`${getTableName(table)}\` (${columns.map(([, c]) => `\`${c.name}\``).join(', ')}) VALUES ?`;
  const driver = driverOf(db);
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const values = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) =>
      columns.map(([key, c]) => {
        const v = (row as Record<string, unknown>)[key];
        return v === null || v === undefined ? null : c.mapToDriverValue(v);
      }),
    );
    await driver.query(head, [values]);
  }
}
