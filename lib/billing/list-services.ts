import { asc, desc, eq } from 'drizzle-orm';
import { currencies, customers, plans, services, type Service } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { joinedDigits } from '@/lib/money/currency-book';

export interface ServiceListRow {
  id: number;
  publicId: string;
  label: string;
  customerEmail: string;
  planSlug: string;
  planName: string;
  cycle: Service['cycle'];
  status: Service['status'];
  suspensionReason: Service['suspensionReason'];
  nextDueOn: string | null;
  currency: string;
  recurringMinor: number;
  cancellationRequestedAt: Date | null;
  cancellationReasonCode: Service['cancellationReasonCode'];
  cancellationReason: string | null;
  locale: string;
  minorDigits: number;
}

export interface ListServicesOptions {
  /** Only this customer's services; all customers' if left out. */
  customerId?: number;
  /** Newest first unless told otherwise. */
  order?: 'newest' | 'oldest';
  /** At most this many (200 if left out); null for all of them. */
  limit?: number | null;
}

/** Services, one customer's or everyone's, with the plan and how to format their currency. */
export async function listServices(db: SfDb, opts: ListServicesOptions = {}): Promise<ServiceListRow[]> {
  const query = db
    .select({
      id: services.id,
      publicId: services.publicId,
      label: services.label,
      customerEmail: customers.email,
      planSlug: plans.slug,
      planName: plans.name,
      cycle: services.cycle,
      status: services.status,
      suspensionReason: services.suspensionReason,
      nextDueOn: services.nextDueOn,
      currency: services.currency,
      recurringMinor: services.recurringMinor,
      cancellationRequestedAt: services.cancellationRequestedAt,
      cancellationReasonCode: services.cancellationReasonCode,
      cancellationReason: services.cancellationReason,
      locale: currencies.locale,
      minorDigits: currencies.minorDigits,
    })
    .from(services)
    .innerJoin(customers, eq(customers.id, services.customerId))
    .innerJoin(plans, eq(plans.id, services.planId))
    .leftJoin(currencies, eq(currencies.code, services.currency))
    .where(opts.customerId === undefined ? undefined : eq(services.customerId, opts.customerId))
    .orderBy(opts.order === 'oldest' ? asc(services.id) : desc(services.id))
    .$dynamic();
  const limit = opts.limit === undefined ? 200 : opts.limit;
  const rows = await (limit === null ? query : query.limit(limit));
  return rows.map((r) => ({ ...r, locale: r.locale ?? 'en-US', minorDigits: joinedDigits(r.currency, r.minorDigits) }));
}
