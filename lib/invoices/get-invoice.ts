import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import { currencies, customers, invoiceLines, invoicePayments, invoices, type Invoice } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

export interface InvoiceDetail {
  invoice: Invoice;
  lines: (typeof invoiceLines.$inferSelect)[];
  payments: (typeof invoicePayments.$inferSelect)[];
  locale: string;
  customer: { publicId: string; email: string; name: string };
}

/** One invoice with lines and payments. Pass customerId to scope it to its owner (the customer area always does). */
export async function getInvoiceDetail(db: SfDb, opts: { publicId: string; customerId?: number }): Promise<InvoiceDetail | null> {
  const where: SQL[] = [eq(invoices.publicId, opts.publicId)];
  if (opts.customerId !== undefined) where.push(eq(invoices.customerId, opts.customerId));
  const [row] = await db
    .select({ invoice: invoices, locale: currencies.locale, customer: { publicId: customers.publicId, email: customers.email, name: customers.name } })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .leftJoin(currencies, eq(currencies.code, invoices.currency))
    .where(and(...where));
  if (!row) return null;
  const [lines, payments] = await Promise.all([
    db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, row.invoice.id)).orderBy(asc(invoiceLines.sortOrder)),
    db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, row.invoice.id)).orderBy(asc(invoicePayments.id)),
  ]);
  return { invoice: row.invoice, lines, payments, locale: row.locale ?? 'en-US', customer: row.customer };
}

export interface InvoiceListRow {
  publicId: string;
  number: string | null;
  status: Invoice['status'];
  currency: string;
  totalMinor: number;
  paidMinor: number;
  issuedAt: Date | null;
  dueOn: string | null;
  locale: string;
  customerEmail: string;
}

/** Newest first; the customer area passes its customer, the admin list may filter by status. */
export async function listInvoices(db: SfDb, opts: { customerId?: number; status?: Invoice['status']; limit?: number }): Promise<InvoiceListRow[]> {
  const where: SQL[] = [];
  if (opts.customerId !== undefined) where.push(eq(invoices.customerId, opts.customerId));
  if (opts.status) where.push(eq(invoices.status, opts.status));
  const rows = await db
    .select({
      publicId: invoices.publicId,
      number: invoices.number,
      status: invoices.status,
      currency: invoices.currency,
      totalMinor: invoices.totalMinor,
      paidMinor: invoices.paidMinor,
      issuedAt: invoices.issuedAt,
      dueOn: invoices.dueOn,
      locale: currencies.locale,
      customerEmail: customers.email,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .leftJoin(currencies, eq(currencies.code, invoices.currency))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(invoices.id))
    .limit(opts.limit ?? 100);
  return rows.map((r) => ({ ...r, locale: r.locale ?? 'en-US' }));
}
