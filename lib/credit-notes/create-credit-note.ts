import { asc, eq, inArray } from 'drizzle-orm';
import { creditNoteLines, creditNotes, invoiceLines, type Invoice } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { publicId } from '@/lib/ids/public-id';
import { allocateCredit } from './allocate-credit';
import { findRefundCreditNote, type CreditNoteRefund, type RefundCreditNote } from './find-refund-credit-note';
import { takeCreditNoteNumber } from './take-credit-note-number';

export interface IssuedCreditNote extends RefundCreditNote {
  /** False when the refund already had its note (a replay): nothing was written. */
  created: boolean;
}

/**
 * Issues the credit note of one refund inside the refund's transaction: the amount spread over the invoice's lines
 * by the rule in allocate-credit.ts, a number from the credit note series, the parties as the invoice froze them.
 *
 * The caller must hold the invoice's row lock (every refund path takes it first). The number is taken before the
 * earlier notes are read: the counter row then serialises every credit note of the store, so the locking read of
 * those notes (which sees the latest commits even when the transaction's snapshot predates the invoice lock, as on
 * the webhook path) never races another note's insert into the same index gap.
 */
export async function createCreditNote(
  tx: SfDb,
  opts: { invoice: Invoice; amountMinor: number; refund: CreditNoteRefund; reason: string; actor: AuditActor; now?: Date },
): Promise<IssuedCreditNote> {
  const { invoice, refund } = opts;
  // A replay of a refund that already has its note. Should one commit unseen meanwhile, the unique key refuses ours.
  const existing = await findRefundCreditNote(tx, refund);
  if (existing) return { ...existing, created: false };

  const now = opts.now ?? new Date();
  const number = await takeCreditNoteNumber(tx, now);
  const lines = await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.sortOrder), asc(invoiceLines.id));
  const earlier = lines.length
    ? await tx
        .select({ invoiceLineId: creditNoteLines.invoiceLineId, amountMinor: creditNoteLines.amountMinor, taxMinor: creditNoteLines.taxMinor })
        .from(creditNoteLines)
        .where(inArray(creditNoteLines.invoiceLineId, lines.map((l) => l.id)))
        .for('update')
    : [];
  const credited = new Map<number, { net: number; tax: number }>();
  for (const e of earlier) {
    const c = credited.get(e.invoiceLineId) ?? { net: 0, tax: 0 };
    credited.set(e.invoiceLineId, { net: c.net + e.amountMinor, tax: c.tax + e.taxMinor });
  }
  const shares = allocateCredit(
    lines.map((l) => ({ netMinor: l.amountMinor, taxMinor: l.taxMinor, rateMilliPercent: l.tax.rateMilliPercent, creditedNetMinor: credited.get(l.id)?.net ?? 0, creditedTaxMinor: credited.get(l.id)?.tax ?? 0 })),
    { amountMinor: opts.amountMinor, taxInclusive: invoice.taxInclusive },
  );
  const subtotalMinor = shares.reduce((s, c) => s + c.netMinor, 0);
  const taxMinor = shares.reduce((s, c) => s + c.taxMinor, 0);

  const pid = publicId('cn');
  const [res] = await tx.insert(creditNotes).values({
    publicId: pid,
    number,
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    currency: invoice.currency,
    taxInclusive: invoice.taxInclusive,
    reverseCharge: invoice.reverseCharge,
    subtotalMinor,
    taxMinor,
    totalMinor: opts.amountMinor,
    reason: opts.reason.slice(0, 255),
    source: refund.source,
    transactionId: refund.source === 'gateway_refund' ? refund.transactionId : null,
    creditLedgerId: refund.source === 'credit_refund' ? refund.creditLedgerId : null,
    buyer: invoice.buyer,
    seller: invoice.seller,
    issuedAt: now,
  });
  const noteLines = lines
    .map((l, i) => ({ l, share: shares[i]! }))
    // A line with nothing credited (free, or already credited in full) is left off the note.
    .filter(({ share }) => share.netMinor !== 0 || share.taxMinor !== 0)
    .map(({ l, share }, n) => ({
      creditNoteId: res.insertId,
      invoiceLineId: l.id,
      description: l.description,
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
      amountMinor: share.netMinor,
      taxMinor: share.taxMinor,
      tax: l.tax,
      sortOrder: n,
    }));
  if (noteLines.length) await tx.insert(creditNoteLines).values(noteLines);
  await recordAudit(tx, {
    actor: opts.actor,
    action: 'credit_note.issued',
    target: { type: 'credit_note', id: pid },
    after: {
      number,
      invoice: invoice.publicId,
      invoiceNumber: invoice.number,
      source: refund.source,
      ...(refund.source === 'gateway_refund' ? { transactionId: refund.transactionId } : { creditLedgerId: refund.creditLedgerId }),
      currency: invoice.currency,
      subtotalMinor,
      taxMinor,
      totalMinor: opts.amountMinor,
      reverseCharge: invoice.reverseCharge,
    },
  });
  return { id: res.insertId, publicId: pid, number, totalMinor: opts.amountMinor, created: true };
}
