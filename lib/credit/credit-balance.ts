import { and, eq, sql } from 'drizzle-orm';
import { creditLedger, customers } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/** The customer's account credit in one currency: the sum of its ledger entries. */
export async function getCreditBalance(db: SfDb, customerId: number, currency: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string | null>`SUM(${creditLedger.amountMinor})` })
    .from(creditLedger)
    .where(and(eq(creditLedger.customerId, customerId), eq(creditLedger.currency, currency)));
  return Number(row?.total ?? 0);
}

/** Every currency the customer holds credit in, non-zero balances only. */
export async function listCreditBalances(db: SfDb, customerId: number): Promise<{ currency: string; balanceMinor: number }[]> {
  const rows = await db
    .select({ currency: creditLedger.currency, total: sql<string>`SUM(${creditLedger.amountMinor})` })
    .from(creditLedger)
    .where(eq(creditLedger.customerId, customerId))
    .groupBy(creditLedger.currency);
  return rows.map((r) => ({ currency: r.currency, balanceMinor: Number(r.total) })).filter((r) => r.balanceMinor !== 0);
}

/**
 * Serialises every credit movement of one customer: call inside the transaction before reading a balance you are
 * about to spend, so two payments can't both spend the same credit.
 */
export async function lockCustomerCredit(tx: SfDb, customerId: number): Promise<void> {
  await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).for('update');
}
