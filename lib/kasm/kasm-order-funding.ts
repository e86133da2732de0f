import type { SfDb } from '@/lib/db/connection';
import { getCreditBalance } from '@/lib/credit/credit-balance';
import { AppError } from '@/lib/errors/app-error';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { listPaymentMethods } from '@/lib/payments/payment-methods';
import { usageOrderMinimumMinor } from '@/lib/settings/usage-order-settings';

export interface KasmOrderFunding {
  allowed: boolean;
  creditMinor: number;
  requiredMinor: number;
  hasPaymentMethod: boolean;
  /** Shown on the order page when not allowed. */
  message: string | null;
}

/**
 * Hourly desktops are paid after use, so ordering one needs something to collect from: account credit of at least
 * the storefront's minimum in the order's currency (commerce.usageOrderMinimumMinor, default 5.00), or a saved
 * payment method.
 */
export async function kasmOrderFunding(db: SfDb, opts: { customerId: number; currency: string }): Promise<KasmOrderFunding> {
  const [creditMinor, requiredMinor, methods] = await Promise.all([getCreditBalance(db, opts.customerId, opts.currency), usageOrderMinimumMinor(db, opts.currency), listPaymentMethods(db, opts.customerId)]);
  const hasPaymentMethod = methods.length > 0;
  const allowed = hasPaymentMethod || creditMinor >= requiredMinor;
  let message: string | null = null;
  if (!allowed) {
    const book = await loadCurrencyBook(db);
    message = `Cloud desktops are billed by the hour after use, so ordering one needs at least ${book.format(requiredMinor, opts.currency)} of account credit (you have ${book.format(creditMinor, opts.currency)}) or a saved payment method.`;
  }
  return { allowed, creditMinor, requiredMinor, hasPaymentMethod, message };
}

/** placeOrder's guard for self-service orders of a Kasm plan. */
export async function assertKasmOrderFunded(db: SfDb, opts: { customerId: number; currency: string }): Promise<void> {
  const funding = await kasmOrderFunding(db, opts);
  if (!funding.allowed) throw new AppError('conflict', `${funding.message} Add credit or a payment method, then place the order.`);
}
