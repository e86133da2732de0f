import { sql, type Column, type SQL } from 'drizzle-orm';

/**
 * `column IN (…)` over integer ids, written inline. Drizzle makes and type-checks a bound parameter per value,
 * which for the thousand-id lists of batch jobs (the billing run) costs more than the query itself. Only safe
 * integers get in, so inlining cannot inject anything.
 */
export function idIn(column: Column, ids: readonly number[]): SQL {
  if (!ids.length) return sql`false`;
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`idIn takes integer ids, got ${String(id)}`);
  return sql`${column} in (${sql.raw(ids.join(','))})`;
}
