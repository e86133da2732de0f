import type { SfDb } from '@/lib/db/connection';
import { invoiceNumberParts, takeCounterValues } from '@/lib/invoices/invoice-number';

/** Credit notes are their own gap-free series per year, beside the invoices'. */
export const CREDIT_NOTE_NUMBER_FORMAT = 'CN-{YYYY}-{SEQ:6}';

// The counter scope carries a prefix of its own, so even an invoice format spelled "CN-…" never shares its counter.
const SCOPE_PREFIX = 'credit-note:';

/**
 * The next credit note number, from a counter row locked FOR UPDATE in the refund's own transaction: a rolled-back
 * refund hands its number back, so the series has no gaps.
 */
export async function takeCreditNoteNumber(tx: SfDb, at: Date): Promise<string> {
  const { scope, render } = invoiceNumberParts(CREDIT_NOTE_NUMBER_FORMAT, at);
  return render(await takeCounterValues(tx, `${SCOPE_PREFIX}${scope}`, 1));
}
