import { and, desc, eq, gte, like, lt, or, type SQL } from 'drizzle-orm';
import { currencies, customers, invoices, paymentTransactions, type PAYMENT_TRANSACTION_KINDS, type PaymentTransactionStatus } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { ofInvoice } from './allocations';
import type { GatewayId } from './registry';

export const TRANSACTION_PAGE_SIZE = 50;

export interface TransactionListOptions {
  status?: PaymentTransactionStatus;
  gateway?: GatewayId;
  kind?: (typeof PAYMENT_TRANSACTION_KINDS)[number];
  /** Part of the customer's email or name; % _ and \ are taken literally. */
  customerSearch?: string;
  /** Created on or after / on or before these UTC days (YYYY-MM-DD, inclusive). */
  createdFrom?: string;
  createdTo?: string;
  invoicePublicId?: string;
  /** The invoice's internal id (the invoice page lists its own attempts, and mass payments with a share of it). */
  invoiceId?: number;
  /** At most this many (TRANSACTION_PAGE_SIZE if left out); null for all. */
  limit?: number | null;
  offset?: number;
}

export interface TransactionListRow {
  id: number;
  publicId: string;
  parentId: number | null;
  createdAt: Date;
  gateway: string;
  kind: (typeof PAYMENT_TRANSACTION_KINDS)[number];
  flow: (typeof paymentTransactions.$inferSelect)['flow'];
  status: PaymentTransactionStatus;
  currency: string;
  locale: string;
  amountMinor: number;
  feeMinor: number | null;
  failureReason: string | null;
  failureCode: string | null;
  gatewayRef: string | null;
  gatewayPaymentId: string | null;
  customerId: number;
  customerPublicId: string;
  customerEmail: string;
  customerName: string;
  invoicePublicId: string | null;
  invoiceNumber: string | null;
}

/** A LIKE pattern matching `text` anywhere, with its own % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The start of the UTC day after `day` (YYYY-MM-DD), so "to" includes the whole day. */
function dayAfter(day: string): Date {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** Gateway attempts newest first, with the customer's email and the invoice's number. */
export async function listTransactions(db: SfDb, opts: TransactionListOptions = {}): Promise<TransactionListRow[]> {
  const where: SQL[] = [];
  if (opts.status) where.push(eq(paymentTransactions.status, opts.status));
  if (opts.gateway) where.push(eq(paymentTransactions.gateway, opts.gateway));
  if (opts.kind) where.push(eq(paymentTransactions.kind, opts.kind));
  if (opts.customerSearch) {
    const pattern = containsPattern(opts.customerSearch);
    where.push(or(like(customers.email, pattern), like(customers.name, pattern))!);
  }
  if (opts.createdFrom) where.push(gte(paymentTransactions.createdAt, new Date(`${opts.createdFrom}T00:00:00Z`)));
  if (opts.createdTo) where.push(lt(paymentTransactions.createdAt, dayAfter(opts.createdTo)));
  if (opts.invoicePublicId) where.push(eq(invoices.publicId, opts.invoicePublicId));
  if (opts.invoiceId !== undefined) where.push(ofInvoice(db, opts.invoiceId));
  const query = db
    .select({
      id: paymentTransactions.id,
      publicId: paymentTransactions.publicId,
      parentId: paymentTransactions.parentId,
      createdAt: paymentTransactions.createdAt,
      gateway: paymentTransactions.gateway,
      kind: paymentTransactions.kind,
      flow: paymentTransactions.flow,
      status: paymentTransactions.status,
      currency: paymentTransactions.currency,
      locale: currencies.locale,
      amountMinor: paymentTransactions.amountMinor,
      feeMinor: paymentTransactions.feeMinor,
      failureReason: paymentTransactions.failureReason,
      failureCode: paymentTransactions.failureCode,
      gatewayRef: paymentTransactions.gatewayRef,
      gatewayPaymentId: paymentTransactions.gatewayPaymentId,
      customerId: paymentTransactions.customerId,
      customerPublicId: customers.publicId,
      customerEmail: customers.email,
      customerName: customers.name,
      invoicePublicId: invoices.publicId,
      invoiceNumber: invoices.number,
    })
    .from(paymentTransactions)
    .innerJoin(customers, eq(customers.id, paymentTransactions.customerId))
    .leftJoin(invoices, eq(invoices.id, paymentTransactions.invoiceId))
    .leftJoin(currencies, eq(currencies.code, paymentTransactions.currency))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(paymentTransactions.id))
    .$dynamic();
  const limit = opts.limit === undefined ? TRANSACTION_PAGE_SIZE : opts.limit;
  const rows = await (limit === null ? query : opts.offset ? query.limit(limit).offset(opts.offset) : query.limit(limit));
  return rows.map((r) => ({ ...r, locale: r.locale ?? 'en-US' }));
}

/** What is left to refund of each succeeded charge among `rows` (refunds pending or succeeded, and chargebacks, count against it). */
export function refundableByCharge(rows: Pick<TransactionListRow, 'id' | 'parentId' | 'kind' | 'status' | 'amountMinor'>[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rows) if (r.kind === 'charge' && r.status === 'succeeded') out.set(r.id, r.amountMinor);
  for (const r of rows) {
    if ((r.kind !== 'refund' && r.kind !== 'chargeback') || r.parentId === null || (r.status !== 'pending' && r.status !== 'succeeded')) continue;
    const left = out.get(r.parentId);
    if (left !== undefined) out.set(r.parentId, left - r.amountMinor);
  }
  return out;
}
