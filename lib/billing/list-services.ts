import { desc, eq } from 'drizzle-orm';
import { currencies, plans, services, type Service } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

export interface ServiceListRow {
  id: number;
  publicId: string;
  label: string;
  planName: string;
  cycle: Service['cycle'];
  status: Service['status'];
  suspensionReason: Service['suspensionReason'];
  nextDueOn: string | null;
  currency: string;
  recurringMinor: number;
  cancellationRequestedAt: Date | null;
  cancellationReason: string | null;
  locale: string;
  minorDigits: number | undefined;
}

/** One customer's services, newest first, with the plan name and how to format their currency. */
export async function listServices(db: SfDb, opts: { customerId: number; limit?: number }): Promise<ServiceListRow[]> {
  const rows = await db
    .select({
      id: services.id,
      publicId: services.publicId,
      label: services.label,
      planName: plans.name,
      cycle: services.cycle,
      status: services.status,
      suspensionReason: services.suspensionReason,
      nextDueOn: services.nextDueOn,
      currency: services.currency,
      recurringMinor: services.recurringMinor,
      cancellationRequestedAt: services.cancellationRequestedAt,
      cancellationReason: services.cancellationReason,
      locale: currencies.locale,
      minorDigits: currencies.minorDigits,
    })
    .from(services)
    .innerJoin(plans, eq(plans.id, services.planId))
    .leftJoin(currencies, eq(currencies.code, services.currency))
    .where(eq(services.customerId, opts.customerId))
    .orderBy(desc(services.id))
    .limit(opts.limit ?? 200);
  return rows.map((r) => ({ ...r, locale: r.locale ?? 'en-US', minorDigits: r.minorDigits ?? undefined }));
}
