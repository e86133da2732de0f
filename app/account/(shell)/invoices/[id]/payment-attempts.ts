import { and, desc, eq } from 'drizzle-orm';
import { paymentMethods, paymentTransactions } from '@/db/schema/storefront';
import { describeMethod } from '@/lib/payments/payment-methods';
import type { SfDb } from '@/lib/db/connection';
import { findTransactionByPublicId, type PaymentTransaction } from '@/lib/payments/transactions';

export const ATTEMPT_ID = /^txn_[a-z0-9]{1,40}$/;

/**
 * The invoice's latest gateway charges, newest first, with the saved method an automatic charge used: a decline
 * stays visible next to the pay buttons.
 */
export async function listInvoiceAttempts(db: SfDb, invoiceId: number, limit = 10): Promise<(PaymentTransaction & { method: string | null })[]> {
  const rows = await db
    .select({ attempt: paymentTransactions, method: paymentMethods })
    .from(paymentTransactions)
    .leftJoin(paymentMethods, eq(paymentMethods.id, paymentTransactions.paymentMethodId))
    .where(and(eq(paymentTransactions.invoiceId, invoiceId), eq(paymentTransactions.kind, 'charge')))
    .orderBy(desc(paymentTransactions.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.attempt, method: r.method ? describeMethod(r.method) : null }));
}

/** The attempt named in a URL, only if it is this customer's charge on this invoice. */
export async function findInvoiceAttempt(db: SfDb, opts: { attemptId: string | undefined; invoiceId: number; customerId: number }): Promise<PaymentTransaction | null> {
  if (!opts.attemptId || !ATTEMPT_ID.test(opts.attemptId)) return null;
  const attempt = await findTransactionByPublicId(db, opts.attemptId);
  if (!attempt || attempt.customerId !== opts.customerId || attempt.invoiceId !== opts.invoiceId || attempt.kind !== 'charge') return null;
  return attempt;
}

export interface Notice {
  tone: 'ok' | 'info' | 'error';
  text: string;
}

/** What the customer is told on coming back from the gateway, from the attempt's recorded status. */
export function attemptNotice(attempt: Pick<PaymentTransaction, 'status' | 'failureReason'>): Notice {
  switch (attempt.status) {
    case 'succeeded':
      return { tone: 'ok', text: 'Payment received. Thank you!' };
    case 'failed':
      return { tone: 'error', text: `The payment did not go through: ${attempt.failureReason ?? 'the payment provider declined it'}. Nothing was charged; you can try again or pick another method.` };
    case 'pending':
      return { tone: 'info', text: 'Your payment is being confirmed by the payment provider. This page shows it as paid once it is; there is no need to pay again.' };
    case 'requires_action':
      return { tone: 'error', text: 'Your bank needs you to confirm this payment. Please pay again and complete the check with your bank.' };
    case 'cancelled':
      return { tone: 'info', text: 'Payment cancelled — nothing was charged.' };
  }
}
