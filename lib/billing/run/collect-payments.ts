import { and, asc, eq, notExists, sql } from 'drizzle-orm';
import { creditLedger, invoiceLines, invoices } from '@/db/schema/storefront';
import { AppError } from '@/lib/errors/app-error';
import { payInvoiceWithCredit } from '@/lib/invoices/pay-invoice-with-credit';
import type { PassContext } from './context';

/** A way of collecting unpaid invoices without the customer: account credit, then saved cards and PayPal accounts. */
export interface AutomaticCollector {
  name: string;
  collect(ctx: PassContext): Promise<{ invoices: number; amountMinor: number }>;
}

/** Spends positive credit balances on that customer's unpaid invoices in the same currency, oldest due first. */
export const creditCollector: AutomaticCollector = {
  name: 'credit',
  async collect(ctx) {
    const out = { invoices: 0, amountMinor: 0 };
    if (!ctx.billing.applyCreditAutomatically) return out;
    const holders = await ctx.db
      .select({ customerId: creditLedger.customerId, currency: creditLedger.currency })
      .from(creditLedger)
      .groupBy(creditLedger.customerId, creditLedger.currency)
      .having(sql`SUM(${creditLedger.amountMinor}) > 0`);
    for (const h of holders) {
      const open = await ctx.db
        .select({ publicId: invoices.publicId })
        .from(invoices)
        .where(
          and(
            eq(invoices.customerId, h.customerId),
            eq(invoices.currency, h.currency),
            eq(invoices.status, 'unpaid'),
            // An "add funds" invoice is paid by other means: credit can't buy credit.
            notExists(ctx.db.select({ one: sql`1` }).from(invoiceLines).where(and(eq(invoiceLines.invoiceId, invoices.id), eq(invoiceLines.kind, 'credit_purchase')))),
          ),
        )
        .orderBy(asc(invoices.dueOn), asc(invoices.id));
      for (const inv of open) {
        try {
          const r = await payInvoiceWithCredit(ctx.db, { customerId: h.customerId, invoicePublicId: inv.publicId, actor: ctx.actor, now: ctx.at, receiptFor: { storefrontId: ctx.storefrontId } });
          out.invoices += 1;
          out.amountMinor += r.appliedMinor;
          if (!r.paid) break;
        } catch (err) {
          // The credit ran out, or the invoice was settled meanwhile: nothing more to do for this customer.
          if (err instanceof AppError) break;
          throw err;
        }
      }
    }
    return out;
  },
};


