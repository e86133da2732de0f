import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { creditLedger, currencies, customers } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { formatMoney } from '@/lib/money/format';
import { getCreditBalance, lockCustomerCredit } from './credit-balance';

export const adjustCreditSchema = z.object({
  customerId: z.number().int().positive(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code'),
  amountMinor: z
    .number()
    .int('must be a whole number of minor units')
    .refine((n) => n !== 0, 'cannot be zero')
    .refine((n) => Math.abs(n) <= 1_000_000_000_000, 'is too large'),
  note: z.string().trim().min(1, 'is required').max(255, 'must be at most 255 characters'),
  staffId: z.number().int().positive().nullable(),
});

export type AdjustCreditInput = z.input<typeof adjustCreditSchema>;

/**
 * A staff credit (positive) or debit (negative) on a customer's account, as a 'staff_adjustment' ledger entry.
 * The customer row is locked before the balance is read, so concurrent movements serialise and a debit can never
 * take the balance below zero. Audited as credit.adjusted with the balance before and after. Returns the new
 * balance in minor units.
 */
export async function adjustCredit(db: SfDb, opts: AdjustCreditInput & { actor: AuditActor }): Promise<number> {
  const { actor, ...input } = opts;
  const parsed = adjustCreditSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { customerId, currency, amountMinor, note, staffId } = parsed.data;
  return db.transaction(async (tx) => {
    await lockCustomerCredit(tx, customerId);
    const [customer] = await tx.select({ id: customers.id, publicId: customers.publicId }).from(customers).where(eq(customers.id, customerId));
    if (!customer) throw new AppError('not_found', 'That customer does not exist.');
    const [known] = await tx.select({ code: currencies.code, minorDigits: currencies.minorDigits }).from(currencies).where(eq(currencies.code, currency));
    if (!known) throw new AppError('bad_request', `${currency} is not a currency of this storefront.`, { currency: ['is not a currency of this storefront'] });
    const before = await getCreditBalance(tx, customerId, currency);
    const after = before + amountMinor;
    if (after < 0) {
      throw new AppError('bad_request', 'That would take the credit balance below zero.', {
        amount: [`cannot take more than the balance of ${formatMoney(before, currency, 'en-US', known.minorDigits)}`],
      });
    }
    const [res] = await tx.insert(creditLedger).values({ customerId, currency, amountMinor, kind: 'staff_adjustment', note, staffId });
    await recordAudit(tx, {
      actor,
      action: 'credit.adjusted',
      target: { type: 'customer', id: customer.publicId },
      before: { currency, balanceMinor: before },
      after: { currency, balanceMinor: after, amountMinor, note, ledgerEntryId: res.insertId },
    });
    return after;
  });
}
