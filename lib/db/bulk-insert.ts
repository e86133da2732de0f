import { getTableColumns, getTableName, type InferInsertModel } from 'drizzle-orm';
import type { MySqlTable } from 'drizzle-orm/mysql-core';
import { driverOf, type SfDb } from './connection';

/** Rows per statement: well under max_allowed_packet for our widest rows. */
const ROWS_PER_STATEMENT = 1000;

/**
 * Characters that end or alter a single-quoted literal (NUL and Ctrl-Z for clients that choke on them); a string
 * without any, JSON included, is quoted as it is, the rest goes through mysql2's escape.
 */
const NEEDS_ESCAPING = /[\0\x1a'\\]/;

export interface BulkInsertOptions {
  /** INSERT IGNORE: rows whose unique key exists already are skipped. */
  ignore?: boolean;
  /** SQL written by our code (never input) for ON DUPLICATE KEY UPDATE, e.g. "`n` = `n` + VALUES(`n`)". */
  onDuplicateKeyUpdate?: string;
}

/**
 * A multi-row INSERT written as SQL text directly. Drizzle builds a parameter object per value, and mysql2 scans
 * the whole statement for `?` marks before sending it; for thousands of rows both cost more than the database does
 * (the billing run's renewal step spent most of its time there). This keeps Drizzle's column names and value
 * mapping (JSON, datetimes): numbers and plain strings are written as they are, anything else goes through
 * mysql2's own escape. Every row must set the same columns; columns no row sets take their database default. Runs
 * on the caller's handle, so inside a transaction it is part of it. Returns the server's affected-row count.
 */
export async function bulkInsert<T extends MySqlTable>(db: SfDb, table: T, rows: InferInsertModel<T>[], opts: BulkInsertOptions = {}): Promise<number> {
  if (!rows.length) return 0;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in (rows[0] as object));
  for (const row of rows) {
    if (Object.keys(row as object).length !== columns.length) throw new Error(`bulkInsert into ${getTableName(table)}: rows set different columns`);
  }
  const head = `INSERT${opts.ignore ? ' IGNORE' : ''} INTO \`${getTableName(table)}\` (${columns.map(([, c]) => `\`${c.name}\``).join(', ')}) VALUES ?${opts.onDuplicateKeyUpdate ? ` ON DUPLICATE KEY UPDATE ${opts.onDuplicateKeyUpdate}` : ''}`;
  const driver = driverOf(db);
  const literal = (v: unknown): string => {
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint') return String(v);
    if (typeof v === 'string' && !NEEDS_ESCAPING.test(v)) return `'${v}'`;
    return driver.escape(v);
  };
  // Rows often share one object (an invoice line's frozen tax, a batch's seller): write it once per column.
  const written = columns.map(() => new Map<unknown, string>());
  const valueOf = (row: InferInsertModel<T>, key: string, column: (typeof columns)[number][1], j: number): string => {
    const v = (row as Record<string, unknown>)[key];
    if (v === null || v === undefined) return 'NULL';
    if (typeof v !== 'object' || v instanceof Date) return literal(column.mapToDriverValue(v));
    let out = written[j]!.get(v);
    if (out === undefined) written[j]!.set(v, (out = literal(column.mapToDriverValue(v))));
    return out;
  };
  let affected = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const tuples = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => `(${columns.map(([key, c], j) => valueOf(row, key, c, j)).join(', ')})`);
    // As a value with toSqlString: mysql2 formats every statement, and then scans only the short head for `?`.
    const values = tuples.join(', ');
    const [result] = await driver.query(head, [{ toSqlString: () => values }]);
    affected += (result as { affectedRows?: number }).affectedRows ?? 0;
  }
  return affected;
}
