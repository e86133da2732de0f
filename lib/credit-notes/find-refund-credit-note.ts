import { and, eq } from 'drizzle-orm';
import { creditNotes, type CreditNoteSource } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/**
 * The refund a credit note documents; each can be documented once per invoice (unique columns). A gateway refund
 * of a mass payment reaches several invoices, and each gets its own note.
 */
export type CreditNoteRefund = { source: Extract<CreditNoteSource, 'gateway_refund'>; transactionId: number; invoiceId: number } | { source: Extract<CreditNoteSource, 'credit_refund'>; creditLedgerId: number };

export interface RefundCreditNote {
  id: number;
  publicId: string;
  number: string;
  totalMinor: number;
}

/** The note a refund already has, if any: applying or replaying the refund again must not issue another. */
export async function findRefundCreditNote(db: SfDb, refund: CreditNoteRefund): Promise<RefundCreditNote | null> {
  const key = refund.source === 'gateway_refund' ? and(eq(creditNotes.transactionId, refund.transactionId), eq(creditNotes.invoiceId, refund.invoiceId)) : eq(creditNotes.creditLedgerId, refund.creditLedgerId);
  const [row] = await db.select({ id: creditNotes.id, publicId: creditNotes.publicId, number: creditNotes.number, totalMinor: creditNotes.totalMinor }).from(creditNotes).where(key);
  return row ?? null;
}
