import { services, type CarriedCoupon, type Service } from '@/db/schema/storefront';
import type { IssueInvoiceOptions } from '@/lib/invoices/issue-invoice';

// The renewal step's shared shapes: which columns it reads of a service, and what a priced chunk carries.

/** Statuses in which a service is invoiced for its next period. */
export const RENEWABLE = ['active', 'suspended'] as const;

/** Everything about a service that choosing and pricing read, plus whether its period was already invoiced. */
export const FINGERPRINT = {
  id: services.id,
  status: services.status,
  customerId: services.customerId,
  planId: services.planId,
  cycle: services.cycle,
  currency: services.currency,
  recurringMinor: services.recurringMinor,
  nextDueOn: services.nextDueOn,
  anchorDay: services.anchorDay,
  coupons: services.coupons,
  label: services.label,
  autoRenew: services.autoRenew,
  cancellationRequestedAt: services.cancellationRequestedAt,
};

/** What choosing, grouping and pricing read of a service; the transaction compares it under lock before trusting a price. */
export const PRICED = { ...FINGERPRINT, publicId: services.publicId };
export type DueService = Pick<Service, keyof typeof PRICED>;

export interface PreparedInvoice {
  options: IssueInvoiceOptions;
  dueOn: string;
  services: DueService[];
  periods: { serviceId: number; periodStart: string; periodEnd: string }[];
  /** Services whose carried coupons used up a cycle, with what they carry next. */
  couponSteps: { serviceId: number; coupons: CarriedCoupon[] }[];
}

/** A chunk read and priced ahead of its transaction: the service rows it saw, to check under lock. */
export interface PreparedChunk {
  groups: DueService[][];
  seen: Map<number, { service: DueService; invoiced: boolean }>;
  invoices: PreparedInvoice[];
}
