import { and, eq, sql } from 'drizzle-orm';
import { creditLedger, currencies, customers, invoiceLines } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { formatMoney } from '@/lib/money/format';
import { getBillingSettings } from '@/lib/settings/billing-settings';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';

const NO_TAX = { ruleId: null, name: 'No tax', country: '', region: '', rateMilliPercent: 0, basis: 'none' as const };

/**
 * An "add funds" invoice: paying it (by bank transfer now, by card once payments land) tops up the account credit
 * by its amount. Within the storefront's minimum and maximum; no tax, which is charged when the credit is spent.
 */
export async function createAddFundsInvoice(
  db: StorefrontDb,
  opts: { customerId: number; currency: string; amountMinor: number; actor: AuditActor; now?: Date },
): Promise<{ invoicePublicId: string }> {
  const now = opts.now ?? new Date();
  const billing = await getBillingSettings(db);
  const [cur] = await db.select().from(currencies).where(eq(currencies.code, opts.currency));
  if (!cur?.enabled) throw new AppError('bad_request', `We don’t take ${opts.currency}.`, { currency: ['is not offered'] });
  const money = (m: number) => formatMoney(m, cur.code, cur.locale, cur.minorDigits);
  if (!Number.isSafeInteger(opts.amountMinor) || opts.amountMinor < billing.addFundsMinMinor || opts.amountMinor > billing.addFundsMaxMinor) {
    const msg = `must be between ${money(billing.addFundsMinMinor)} and ${money(billing.addFundsMaxMinor)}`;
    throw new AppError('bad_request', `The amount ${msg}.`, { amount: [msg] });
  }
  const settings = await getCommerceSettings(db);
  return db.transaction(async (tx) => {
    const [customer] = await tx.select().from(customers).where(eq(customers.id, opts.customerId));
    if (!customer || customer.status !== 'active') throw new AppError('forbidden', 'This account can’t add funds.');
    const invoice = await issueInvoice(tx, {
      customer,
      currency: cur.code,
      lines: [{ kind: 'credit_purchase', description: 'Account credit', quantity: 1, amountMinor: opts.amountMinor, taxMinor: 0, tax: NO_TAX }],
      reverseCharge: false,
      settings,
      now,
      dueInDays: 0,
    });
    await recordAudit(tx, { actor: opts.actor, action: 'credit.add_funds_invoiced', target: { type: 'invoice', id: invoice.publicId }, after: { currency: cur.code, amountMinor: opts.amountMinor } });
    return { invoicePublicId: invoice.publicId };
  });
}

/** Whether an invoice buys credit (and so may not be paid with credit). */
export async function isCreditPurchase(db: SfDb, invoiceId: number): Promise<boolean> {
  const [line] = await db
    .select({ id: invoiceLines.id })
    .from(invoiceLines)
    .where(and(eq(invoiceLines.invoiceId, invoiceId), eq(invoiceLines.kind, 'credit_purchase')))
    .limit(1);
  return Boolean(line);
}

/** On payment of a credit-purchase invoice: the credit it bought, once per invoice (a chargeback can make it due, and paid, again). */
export async function creditPurchasedFunds(tx: SfDb, opts: { invoiceId: number; customerId: number; currency: string }): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string | null>`SUM(${invoiceLines.amountMinor})` })
    .from(invoiceLines)
    .where(and(eq(invoiceLines.invoiceId, opts.invoiceId), eq(invoiceLines.kind, 'credit_purchase')));
  const total = Number(row?.total ?? 0);
  if (total <= 0) return 0;
  // Paid again after a chargeback: the funds were added the first time (the caller holds the invoice's lock).
  const [added] = await tx.select({ id: creditLedger.id }).from(creditLedger).where(and(eq(creditLedger.invoiceId, opts.invoiceId), eq(creditLedger.kind, 'top_up'))).limit(1);
  if (added) return 0;
  await tx.insert(creditLedger).values({ customerId: opts.customerId, currency: opts.currency, amountMinor: total, kind: 'top_up', invoiceId: opts.invoiceId, note: 'Added funds' });
  return total;
}
