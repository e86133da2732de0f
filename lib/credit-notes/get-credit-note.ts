import { joinedDigits } from '@/lib/money/currency-book';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { creditNoteLines, creditNotes, currencies, customers, invoices, type CreditNote, type CreditNoteLine } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

export const CREDIT_NOTE_ID = /^cn_[a-z0-9]{1,40}$/;

export interface CreditNoteDetail {
  creditNote: CreditNote;
  lines: CreditNoteLine[];
  invoice: { publicId: string; number: string | null; issuedAt: Date | null };
  locale: string;
  minorDigits: number;
  customer: { publicId: string; email: string; name: string };
}

/**
 * One credit note with its lines and the invoice it credits. Pass customerId to scope it to its owner (the
 * customer area always does): someone else's note is then simply not found.
 */
export async function getCreditNoteDetail(db: SfDb, opts: { publicId: string; customerId?: number }): Promise<CreditNoteDetail | null> {
  if (!CREDIT_NOTE_ID.test(opts.publicId)) return null;
  const where: SQL[] = [eq(creditNotes.publicId, opts.publicId)];
  if (opts.customerId !== undefined) where.push(eq(creditNotes.customerId, opts.customerId));
  const [row] = await db
    .select({
      creditNote: creditNotes,
      invoice: { publicId: invoices.publicId, number: invoices.number, issuedAt: invoices.issuedAt },
      locale: currencies.locale,
      minorDigits: currencies.minorDigits,
      customer: { publicId: customers.publicId, email: customers.email, name: customers.name },
    })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .innerJoin(customers, eq(customers.id, creditNotes.customerId))
    .leftJoin(currencies, eq(currencies.code, creditNotes.currency))
    .where(and(...where));
  if (!row) return null;
  const lines = await db.select().from(creditNoteLines).where(eq(creditNoteLines.creditNoteId, row.creditNote.id)).orderBy(asc(creditNoteLines.sortOrder), asc(creditNoteLines.id));
  return { creditNote: row.creditNote, lines, invoice: row.invoice, locale: row.locale ?? 'en-US', minorDigits: joinedDigits(row.creditNote.currency, row.minorDigits), customer: row.customer };
}
