import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { invoices } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import type { AuditActor } from '@/lib/audit/record-audit';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { AppError } from '@/lib/errors/app-error';
import { dispatchEmail } from '@/lib/email/enqueue-email';
import { lockInvoice, recordInvoicePayment } from './record-invoice-payment';

export const recordBankPaymentSchema = z.object({
  invoicePublicId: z.string().trim().min(1, 'is required').max(32, 'is not an invoice'),
  /** Defaults to the whole balance due. */
  amountMinor: z
    .number()
    .int('must be a whole number of minor units')
    .positive('must be positive')
    .max(1_000_000_000_000, 'is too large')
    .optional(),
  reference: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
});

export type RecordBankPaymentInput = z.input<typeof recordBankPaymentSchema>;

const LABELS: Record<string, string> = { invoicePublicId: 'Invoice', amountMinor: 'Amount', reference: 'Reference' };

/**
 * A bank transfer that staff saw arrive, recorded against an unpaid invoice: the whole balance unless an amount is
 * given. The invoice row is locked before the balance is read; reaching zero marks the invoice paid and sets off
 * what payment sets off (activation, renewal), all in one transaction.
 */
export async function recordBankPayment(
  db: StorefrontDb,
  opts: RecordBankPaymentInput & { actor: AuditActor; now?: Date; receiptFor?: { storefrontId: number } },
): Promise<{ paid: boolean; balanceMinor: number }> {
  const { actor, now = new Date(), receiptFor, ...input } = opts;
  const parsed = recordBankPaymentSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    throw new AppError('bad_request', `${LABELS[field] ?? 'Input'} ${issue?.message ?? 'is invalid'}.`, fieldErrorsOf(parsed.error));
  }
  const { invoicePublicId, amountMinor, reference } = parsed.data;
  const result = await db.transaction(async (tx) => {
    const [found] = await tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.publicId, invoicePublicId));
    if (!found) throw new AppError('not_found', 'No such invoice.');
    const invoice = await lockInvoice(tx, found.id);
    return recordInvoicePayment(tx, {
      invoiceId: invoice.id,
      method: 'bank_transfer',
      currency: invoice.currency,
      amountMinor: amountMinor ?? invoice.totalMinor - invoice.paidMinor,
      reference,
      actor,
      now,
      receiptFor,
    });
  });
  if (result.receiptMailId !== null && receiptFor) await dispatchEmail(receiptFor.storefrontId, result.receiptMailId).catch(() => undefined);
  return { paid: result.paid, balanceMinor: result.balanceMinor };
}
