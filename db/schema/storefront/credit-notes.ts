import { sql } from 'drizzle-orm';
import { bigint, boolean, char, check, date, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonColumn, ref, timestamp } from '@/lib/db/columns';
import type { FrozenTax, InvoiceParty } from './billing';

/** Where the money went back: to the card or account at the gateway, or to the customer's account credit. */
export const CREDIT_NOTE_SOURCES = ['gateway_refund', 'credit_refund'] as const;
export type CreditNoteSource = (typeof CREDIT_NOTE_SOURCES)[number];

/**
 * The document a refund issues against an invoice: amounts are positive (what is credited), split per invoice line
 * with the tax the line carried. Exactly one of transaction_id / credit_ledger_id names the refund it came from,
 * and both are unique, so a refund replayed or confirmed twice can never issue a second note.
 */
export const creditNotes = mysqlTable(
  'credit_notes',
  {
    id: id(),
    publicId: varchar('public_id', { length: 32 }).notNull(),
    /** Gap-free in its own series ("CN-2026-000001"), taken in the refund's transaction. */
    number: varchar('number', { length: 40 }).notNull(),
    invoiceId: ref('invoice_id').notNull(),
    customerId: ref('customer_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    /** As the invoice was: decides how a line's credited gross was split into net and tax. */
    taxInclusive: boolean('tax_inclusive').notNull(),
    reverseCharge: boolean('reverse_charge').notNull(),
    subtotalMinor: bigint('subtotal_minor', { mode: 'number' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    reason: varchar('reason', { length: 255 }).notNull(),
    source: mysqlEnum('source', CREDIT_NOTE_SOURCES).notNull(),
    /** The gateway refund (payment_transactions, kind refund) this note documents. */
    transactionId: ref('transaction_id'),
    /** The account credit entry (credit_ledger, kind refund) this note documents. */
    creditLedgerId: ref('credit_ledger_id'),
    /** Frozen from the invoice: the note is addressed as the invoice was. */
    buyer: jsonColumn<InvoiceParty>('buyer').notNull(),
    seller: jsonColumn<InvoiceParty>('seller').notNull(),
    issuedAt: timestamp('issued_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('credit_notes_public_id_uq').on(t.publicId),
    uniqueIndex('credit_notes_number_uq').on(t.number),
    uniqueIndex('credit_notes_transaction_invoice_uq').on(t.transactionId, t.invoiceId),
    uniqueIndex('credit_notes_credit_ledger_uq').on(t.creditLedgerId),
    index('credit_notes_invoice_idx').on(t.invoiceId),
    index('credit_notes_customer_idx').on(t.customerId, t.issuedAt),
    check(
      'credit_notes_source_ck',
      sql`(source = 'gateway_refund' AND transaction_id IS NOT NULL AND credit_ledger_id IS NULL) OR (source = 'credit_refund' AND credit_ledger_id IS NOT NULL AND transaction_id IS NULL)`,
    ),
  ],
);

/** One credited share of an invoice line: positive net and tax, never more in total than the line carried. */
export const creditNoteLines = mysqlTable(
  'credit_note_lines',
  {
    id: id(),
    creditNoteId: ref('credit_note_id').notNull(),
    invoiceLineId: ref('invoice_line_id').notNull(),
    description: varchar('description', { length: 255 }).notNull(),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    /** Net credited, tax excluded (negative for a discount line's share). */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
    /** The invoice line's own tax decision, copied so the note reads the same after rule edits. */
    tax: jsonColumn<FrozenTax>('tax').notNull(),
    sortOrder: int('sort_order').notNull().default(0),
  },
  (t) => [index('credit_note_lines_note_idx').on(t.creditNoteId, t.sortOrder), index('credit_note_lines_invoice_line_idx').on(t.invoiceLineId)],
);

export type CreditNote = typeof creditNotes.$inferSelect;
export type CreditNoteLine = typeof creditNoteLines.$inferSelect;
