import { eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { customers, type Customer } from '@/db/schema/storefront';

/** What a refused customer reads; the account pages offer "resend the verification email" beside it. */
export function unverifiedEmailMessage(doing: string): string {
  return `Confirm your email address before ${doing}: open the link we emailed you, or send a new one from your dashboard.`;
}

/** For a customer row already loaded (e.g. locked in the caller's transaction). */
export function assertVerifiedEmail(customer: Pick<Customer, 'emailVerifiedAt'>, doing: string): void {
  if (!customer.emailVerifiedAt) throw new AppError('forbidden', unverifiedEmailMessage(doing));
}

/**
 * Ordering, adding a passkey and inviting team members are for people who proved they own their address:
 * until then the account may belong to whoever typed the address first (see claim-unverified-account).
 */
export async function requireVerifiedEmail(db: SfDb, customerId: number, doing: string): Promise<void> {
  const [c] = await db.select({ emailVerifiedAt: customers.emailVerifiedAt }).from(customers).where(eq(customers.id, customerId)).limit(1);
  if (!c) throw new AppError('not_found', 'Account not found.');
  assertVerifiedEmail(c, doing);
}
