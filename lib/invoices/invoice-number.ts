import { eq, sql } from 'drizzle-orm';
import { invoiceNumberCounters } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/**
 * Splits a format such as `INV-{YYYY}-{SEQ:6}` at a date into the counter scope (everything but the sequence,
 * so a new year starts a new series) and a function that renders a sequence value.
 */
export function invoiceNumberParts(format: string, at: Date): { scope: string; render: (seq: number) => string } {
  const yyyy = String(at.getUTCFullYear());
  const withDate = format
    .replaceAll('{YYYY}', yyyy)
    .replaceAll('{YY}', yyyy.slice(2))
    .replaceAll('{MM}', String(at.getUTCMonth() + 1).padStart(2, '0'));
  const seqToken = /\{SEQ(?::(\d))?\}/;
  const match = seqToken.exec(withDate);
  if (!match) throw new Error(`Invoice number format ${format} has no {SEQ} token`);
  const width = match[1] ? Number(match[1]) : 1;
  return {
    scope: withDate.replace(seqToken, '#'),
    render: (seq) => withDate.replace(seqToken, String(seq).padStart(width, '0')),
  };
}

/**
 * Takes the next number of the invoice's series. Must run inside the transaction that issues the invoice: the
 * counter row stays locked until it commits, and a rollback hands the number back, so numbers have no gaps.
 */
export async function takeInvoiceNumber(tx: SfDb, format: string, at: Date): Promise<string> {
  const [number] = await takeInvoiceNumbers(tx, format, at, 1);
  return number!;
}

/** `count` consecutive numbers of the series in one locked step (batch issuing); same rules as takeInvoiceNumber. */
export async function takeInvoiceNumbers(tx: SfDb, format: string, at: Date, count: number): Promise<string[]> {
  const { scope, render } = invoiceNumberParts(format, at);
  const first = await takeCounterValues(tx, scope, count);
  return Array.from({ length: count }, (_, i) => render(first + i));
}

/**
 * Advances the counter row of `scope` by `count` and returns the first value taken. The row stays locked until the
 * caller's transaction ends, so values are gap-free per scope; other series (credit notes) use their own scope.
 */
export async function takeCounterValues(tx: SfDb, scope: string, count: number): Promise<number> {
  const lockCounter = () =>
    tx.select({ lastValue: invoiceNumberCounters.lastValue }).from(invoiceNumberCounters).where(eq(invoiceNumberCounters.scope, scope)).for('update');
  let [row] = await lockCounter();
  if (!row) {
    // First number of a series. Two first numbers racing here may deadlock; the callers retry the transaction.
    await tx.insert(invoiceNumberCounters).ignore().values({ scope, lastValue: 0 });
    [row] = await lockCounter();
  }
  await tx.update(invoiceNumberCounters).set({ lastValue: sql`${invoiceNumberCounters.lastValue} + ${count}` }).where(eq(invoiceNumberCounters.scope, scope));
  return Number(row!.lastValue) + 1;
}
