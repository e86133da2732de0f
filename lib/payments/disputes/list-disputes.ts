import { joinedDigits } from '@/lib/money/currency-book';
import { and, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { currencies, customers, invoices, paymentDisputes, paymentTransactions, type DisputeOutcome, type DisputeStatus } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import type { GatewayId } from '../registry';

export const DISPUTE_PAGE_SIZE = 50;

export interface DisputeListRow {
  id: number;
  publicId: string;
  gateway: string;
  gatewayDisputeId: string;
  status: DisputeStatus;
  gatewayStatus: string;
  outcome: DisputeOutcome | null;
  amountMinor: number;
  currency: string;
  locale: string;
  minorDigits: number;
  reason: string;
  evidenceDueBy: Date | null;
  openedAt: Date;
  closedAt: Date | null;
  chargedBackMinor: number;
  customerId: number;
  customerEmail: string;
  invoicePublicId: string | null;
  invoiceNumber: string | null;
  chargePublicId: string;
}

export interface DisputeListOptions {
  /** open: still waiting on us or the bank; won / lost: closed that way. */
  state?: 'open' | 'won' | 'lost';
  gateway?: GatewayId;
  invoiceId?: number;
  publicId?: string;
  /** At most this many (DISPUTE_PAGE_SIZE if left out); null for all. */
  limit?: number | null;
  offset?: number;
}

/**
 * Disputes for staff: open ones first, the nearest evidence deadline first (none last), then closed ones, the
 * latest closed first.
 */
export async function listDisputes(db: SfDb, opts: DisputeListOptions = {}): Promise<DisputeListRow[]> {
  const where: SQL[] = [];
  if (opts.state === 'open') where.push(ne(paymentDisputes.status, 'closed'));
  if (opts.state === 'won' || opts.state === 'lost') where.push(eq(paymentDisputes.outcome, opts.state));
  if (opts.gateway) where.push(eq(paymentDisputes.gateway, opts.gateway));
  if (opts.invoiceId !== undefined) where.push(eq(paymentDisputes.invoiceId, opts.invoiceId));
  if (opts.publicId !== undefined) where.push(eq(paymentDisputes.publicId, opts.publicId));
  const query = db
    .select({
      id: paymentDisputes.id,
      publicId: paymentDisputes.publicId,
      gateway: paymentDisputes.gateway,
      gatewayDisputeId: paymentDisputes.gatewayDisputeId,
      status: paymentDisputes.status,
      gatewayStatus: paymentDisputes.gatewayStatus,
      outcome: paymentDisputes.outcome,
      amountMinor: paymentDisputes.amountMinor,
      currency: paymentDisputes.currency,
      locale: currencies.locale,
      minorDigits: currencies.minorDigits,
      reason: paymentDisputes.reason,
      evidenceDueBy: paymentDisputes.evidenceDueBy,
      openedAt: paymentDisputes.openedAt,
      closedAt: paymentDisputes.closedAt,
      chargedBackMinor: paymentDisputes.chargedBackMinor,
      customerId: paymentDisputes.customerId,
      customerEmail: customers.email,
      invoicePublicId: invoices.publicId,
      invoiceNumber: invoices.number,
      chargePublicId: paymentTransactions.publicId,
    })
    .from(paymentDisputes)
    .innerJoin(customers, eq(customers.id, paymentDisputes.customerId))
    .innerJoin(paymentTransactions, eq(paymentTransactions.id, paymentDisputes.transactionId))
    .leftJoin(invoices, eq(invoices.id, paymentDisputes.invoiceId))
    .leftJoin(currencies, eq(currencies.code, paymentDisputes.currency))
    .where(where.length ? and(...where) : undefined)
    .orderBy(
      sql`CASE WHEN ${paymentDisputes.status} = 'closed' THEN 1 ELSE 0 END`,
      // Deadlines order the open ones only; closed ones (NULL here) fall through to when they closed.
      sql`CASE WHEN ${paymentDisputes.status} <> 'closed' THEN ${paymentDisputes.evidenceDueBy} IS NULL END`,
      sql`CASE WHEN ${paymentDisputes.status} <> 'closed' THEN ${paymentDisputes.evidenceDueBy} END`,
      desc(paymentDisputes.closedAt),
      desc(paymentDisputes.id),
    )
    .$dynamic();
  const limit = opts.limit === undefined ? DISPUTE_PAGE_SIZE : opts.limit;
  const rows = await (limit === null ? query : opts.offset ? query.limit(limit).offset(opts.offset) : query.limit(limit));
  return rows.map((r) => ({ ...r, locale: r.locale ?? 'en-US', minorDigits: joinedDigits(r.currency, r.minorDigits) }));
}

/** How many disputes wait on us or the bank (the payments page links to them). */
export async function countOpenDisputes(db: SfDb): Promise<number> {
  const [row] = await db.select({ n: sql<number>`COUNT(*)` }).from(paymentDisputes).where(ne(paymentDisputes.status, 'closed'));
  return Number(row?.n ?? 0);
}
