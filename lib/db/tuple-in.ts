/**
 * Tuples per IN list. Past about 1,000 values (in_predicate_conversion_threshold) MariaDB turns an IN list into a
 * join with a temporary table that uses only the first column of a composite key, reading every row of each
 * service instead of one; shorter lists ORed together stay one set of key ranges in MariaDB and MySQL alike.
 */
const TUPLES_PER_LIST = 250;

/**
 * `(col1, col2) IN ((1, 'x'), …)` over a composite key, as SQL text for a raw driver query: column names come
 * from our code, values go through mysql2's escape. An empty list matches nothing.
 */
export function tupleInSql(escape: (value: unknown) => string, columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  if (!rows.length) return 'false';
  const head = `(${columns.map((c) => `\`${c}\``).join(', ')}) IN `;
  const lists: string[] = [];
  for (let i = 0; i < rows.length; i += TUPLES_PER_LIST) {
    const tuples = rows.slice(i, i + TUPLES_PER_LIST).map((r) => `(${r.map((v) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : escape(v))).join(', ')})`);
    lists.push(`${head}(${tuples.join(', ')})`);
  }
  return lists.length === 1 ? lists[0]! : `(${lists.join(' OR ')})`;
}
