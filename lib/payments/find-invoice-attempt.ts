import type { SfDb } from '@/lib/db/connection';
import { findTransactionByPublicId, type PaymentTransaction } from './transactions';

/** The shape of a payment attempt's public id, checked before a URL's value reaches a query. */
export const ATTEMPT_ID = /^txn_[a-z0-9]{1,40}$/;

/** The attempt named in a URL, only if it is this customer's charge on this invoice. */
export async function findInvoiceAttempt(db: SfDb, opts: { attemptId: string | undefined; invoiceId: number; customerId: number }): Promise<PaymentTransaction | null> {
  if (!opts.attemptId || !ATTEMPT_ID.test(opts.attemptId)) return null;
  const attempt = await findTransactionByPublicId(db, opts.attemptId);
  if (!attempt || attempt.customerId !== opts.customerId || attempt.invoiceId !== opts.invoiceId || attempt.kind !== 'charge') return null;
  return attempt;
}

/** The attempt named in a URL, only if it is this customer's charge (a mass payment's return lands on the invoice list). */
export async function findCustomerCharge(db: SfDb, opts: { attemptId: string | undefined; customerId: number }): Promise<PaymentTransaction | null> {
  if (!opts.attemptId || !ATTEMPT_ID.test(opts.attemptId)) return null;
  const attempt = await findTransactionByPublicId(db, opts.attemptId);
  if (!attempt || attempt.customerId !== opts.customerId || attempt.kind !== 'charge') return null;
  return attempt;
}
