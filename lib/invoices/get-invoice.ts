import { and, asc, desc, eq, gte, inArray, like, lt, lte, ne, or, type SQL } from 'drizzle-orm';
import { currencies, customers, invoiceLines, invoicePayments, invoices, type Invoice } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { joinedDigits } from '@/lib/money/currency-book';

export interface InvoiceDetail {
  invoice: Invoice;
  lines: (typeof invoiceLines.$inferSelect)[];
  payments: (typeof invoicePayments.$inferSelect)[];
  locale: string;
  /** The currency row's digits, joined in the same query: what every amount of the invoice is formatted with. */
  minorDigits: number;
  customer: { publicId: string; email: string; name: string };
}

/**
 * One invoice with lines and payments. Pass customerId to scope it to its owner and excludeDrafts to hide drafts
 * (the customer area always passes both: a draft is staff's work in progress).
 */
export async function getInvoiceDetail(db: SfDb, opts: { publicId: string; customerId?: number; excludeDrafts?: boolean }): Promise<InvoiceDetail | null> {
  const where: SQL[] = [eq(invoices.publicId, opts.publicId)];
  if (opts.customerId !== undefined) where.push(eq(invoices.customerId, opts.customerId));
  if (opts.excludeDrafts) where.push(ne(invoices.status, 'draft'));
  const [row] = await db
    .select({ invoice: invoices, locale: currencies.locale, minorDigits: currencies.minorDigits, customer: { publicId: customers.publicId, email: customers.email, name: customers.name } })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .leftJoin(currencies, eq(currencies.code, invoices.currency))
    .where(and(...where));
  if (!row) return null;
  const [lines, payments] = await Promise.all([
    db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, row.invoice.id)).orderBy(asc(invoiceLines.sortOrder)),
    db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, row.invoice.id)).orderBy(asc(invoicePayments.id)),
  ]);
  return { invoice: row.invoice, lines, payments, locale: row.locale ?? 'en-US', minorDigits: joinedDigits(row.invoice.currency, row.minorDigits), customer: row.customer };
}

export interface InvoiceListRow {
  id: number;
  publicId: string;
  number: string | null;
  status: Invoice['status'];
  currency: string;
  totalMinor: number;
  paidMinor: number;
  issuedAt: Date | null;
  dueOn: string | null;
  locale: string;
  minorDigits: number;
  customerEmail: string;
}

export interface ListInvoicesOptions {
  customerId?: number;
  status?: Invoice['status'];
  /** Leave drafts out (the customer area always does). */
  excludeDrafts?: boolean;
  /** Part of the customer's email or name (case as the column's collation compares it). */
  customerSearch?: string;
  currency?: string;
  /** Issued on or after / on or before these UTC days (YYYY-MM-DD, inclusive); drafts have no issue date and drop out. */
  issuedFrom?: string;
  issuedTo?: string;
  /** Due on or after / on or before these days (YYYY-MM-DD, inclusive). */
  dueFrom?: string;
  dueTo?: string;
  /** Newest first unless told otherwise. */
  order?: 'newest' | 'oldest';
  /** At most this many (100 if left out); null for all of them. */
  limit?: number | null;
  /** Skip this many first (for pages); only with a limit. */
  offset?: number;
}

/** A LIKE pattern matching `text` anywhere, with its own % _ and \ taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The start of the UTC day after `day` (YYYY-MM-DD), so "issued to" includes the whole day. */
function dayAfter(day: string): Date {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** Newest first; the customer area passes its customer, the admin list filters and pages, the CLI lists oldest first. */
export async function listInvoices(db: SfDb, opts: ListInvoicesOptions): Promise<InvoiceListRow[]> {
  const where: SQL[] = [];
  if (opts.customerId !== undefined) where.push(eq(invoices.customerId, opts.customerId));
  if (opts.status) where.push(eq(invoices.status, opts.status));
  if (opts.excludeDrafts) where.push(ne(invoices.status, 'draft'));
  if (opts.customerSearch) {
    const pattern = containsPattern(opts.customerSearch);
    where.push(or(like(customers.email, pattern), like(customers.name, pattern))!);
  }
  if (opts.currency) where.push(eq(invoices.currency, opts.currency));
  if (opts.issuedFrom) where.push(gte(invoices.issuedAt, new Date(`${opts.issuedFrom}T00:00:00Z`)));
  if (opts.issuedTo) where.push(lt(invoices.issuedAt, dayAfter(opts.issuedTo)));
  if (opts.dueFrom) where.push(gte(invoices.dueOn, opts.dueFrom));
  if (opts.dueTo) where.push(lte(invoices.dueOn, opts.dueTo));
  const query = db
    .select({
      id: invoices.id,
      publicId: invoices.publicId,
      number: invoices.number,
      status: invoices.status,
      currency: invoices.currency,
      totalMinor: invoices.totalMinor,
      paidMinor: invoices.paidMinor,
      issuedAt: invoices.issuedAt,
      dueOn: invoices.dueOn,
      locale: currencies.locale,
      minorDigits: currencies.minorDigits,
      customerEmail: customers.email,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .leftJoin(currencies, eq(currencies.code, invoices.currency))
    .where(where.length ? and(...where) : undefined)
    .orderBy(opts.order === 'oldest' ? asc(invoices.id) : desc(invoices.id))
    .$dynamic();
  const limit = opts.limit === undefined ? 100 : opts.limit;
  const rows = await (limit === null ? query : opts.offset ? query.limit(limit).offset(opts.offset) : query.limit(limit));
  return rows.map((r) => ({ ...r, locale: r.locale ?? 'en-US', minorDigits: joinedDigits(r.currency, r.minorDigits) }));
}

export type InvoiceListLine = Pick<typeof invoiceLines.$inferSelect, 'invoiceId' | 'kind' | 'description' | 'amountMinor' | 'taxMinor' | 'periodStart' | 'periodEnd'>;

/** The lines of these invoices, in each invoice's order; none for no invoices. */
export async function listInvoiceLines(db: SfDb, invoiceIds: number[]): Promise<InvoiceListLine[]> {
  if (invoiceIds.length === 0) return [];
  return db
    .select({
      invoiceId: invoiceLines.invoiceId,
      kind: invoiceLines.kind,
      description: invoiceLines.description,
      amountMinor: invoiceLines.amountMinor,
      taxMinor: invoiceLines.taxMinor,
      periodStart: invoiceLines.periodStart,
      periodEnd: invoiceLines.periodEnd,
    })
    .from(invoiceLines)
    .where(inArray(invoiceLines.invoiceId, invoiceIds))
    .orderBy(asc(invoiceLines.sortOrder), asc(invoiceLines.id));
}
