import { joinedDigits } from '@/lib/money/currency-book';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { creditNotes, currencies, invoices, type CreditNote } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

export interface CreditNoteListRow {
  publicId: string;
  number: string;
  source: CreditNote['source'];
  currency: string;
  totalMinor: number;
  issuedAt: Date;
  invoicePublicId: string;
  invoiceNumber: string | null;
  locale: string;
  minorDigits: number;
}

/** Newest first: a customer's notes (the account's invoice list) or one invoice's (both invoice pages). */
export async function listCreditNotes(db: SfDb, opts: { customerId?: number; invoiceId?: number; limit?: number }): Promise<CreditNoteListRow[]> {
  const where: SQL[] = [];
  if (opts.customerId !== undefined) where.push(eq(creditNotes.customerId, opts.customerId));
  if (opts.invoiceId !== undefined) where.push(eq(creditNotes.invoiceId, opts.invoiceId));
  const rows = await db
    .select({
      publicId: creditNotes.publicId,
      number: creditNotes.number,
      source: creditNotes.source,
      currency: creditNotes.currency,
      totalMinor: creditNotes.totalMinor,
      issuedAt: creditNotes.issuedAt,
      invoicePublicId: invoices.publicId,
      invoiceNumber: invoices.number,
      locale: currencies.locale,
      minorDigits: currencies.minorDigits,
    })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .leftJoin(currencies, eq(currencies.code, creditNotes.currency))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(creditNotes.id))
    .limit(opts.limit ?? 100);
  return rows.map((r) => ({ ...r, locale: r.locale ?? 'en-US', minorDigits: joinedDigits(r.currency, r.minorDigits) }));
}
