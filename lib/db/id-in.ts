import { sql, type Column, type SQL } from 'drizzle-orm';

/**
 * MariaDB turns an IN list of 1000 values or more into a subquery over a temporary table (its
 * in_predicate_conversion_threshold), which for a key lookup means a full table scan: the billing run's
 * thousand-service chunks scanned every service per statement. Longer lists go in as ORed shorter ones instead,
 * which both MariaDB and MySQL read as one set of key ranges.
 */
const MAX_IN_LIST = 500;

/**
 * `column IN (…)` over integer ids, written inline. Drizzle makes and type-checks a bound parameter per value,
 * which for the thousand-id lists of batch jobs (the billing run) costs more than the query itself. Only safe
 * integers get in, so inlining cannot inject anything.
 */
export function idIn(column: Column, ids: readonly number[]): SQL {
  if (!ids.length) return sql`false`;
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`idIn takes integer ids, got ${String(id)}`);
  if (ids.length <= MAX_IN_LIST) return sql`${column} in (${sql.raw(ids.join(','))})`;
  const lists: SQL[] = [];
  for (let i = 0; i < ids.length; i += MAX_IN_LIST) lists.push(sql`${column} in (${sql.raw(ids.slice(i, i + MAX_IN_LIST).join(','))})`);
  return sql`(${sql.join(lists, sql` or `)})`;
}
