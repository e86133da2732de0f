import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import { invoiceLines, invoices, paymentDisputes, services, type ServiceStatus } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

// A lost dispute makes a paid invoice due again. Renewal invoices reach their services through their billing
// periods; an order's first invoice or an upgrade invoice has none, so for an invoice a chargeback reopened the
// services named on its lines are the ones it pays for, and the ones dunning acts on.

/** Services on unpaid charged-back invoices due before `cutoff`, in the shape and order of the renewal batch. */
export async function chargedBackServiceBatch(db: SfDb, opts: { cutoff: string; afterServiceId: number; statuses: ServiceStatus[]; limit: number }) {
  return db
    .selectDistinct({ serviceId: services.id, invoiceId: invoices.id, invoicePublicId: invoices.publicId, invoiceNumber: invoices.number })
    .from(paymentDisputes)
    .innerJoin(invoices, eq(invoices.id, paymentDisputes.invoiceId))
    .innerJoin(invoiceLines, eq(invoiceLines.invoiceId, invoices.id))
    .innerJoin(services, eq(services.id, invoiceLines.serviceId))
    .where(
      and(
        eq(paymentDisputes.outcome, 'lost'),
        gt(paymentDisputes.chargedBackMinor, 0),
        eq(invoices.status, 'unpaid'),
        lt(invoices.dueOn, opts.cutoff),
        inArray(services.status, opts.statuses),
        gt(services.id, opts.afterServiceId),
      ),
    )
    .orderBy(asc(services.id))
    .limit(opts.limit);
}

/** The services on an invoice's lines, if a lost dispute took money back from it; none otherwise. */
export async function chargedBackServiceIds(db: SfDb, invoiceId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ serviceId: invoiceLines.serviceId })
    .from(invoiceLines)
    .innerJoin(paymentDisputes, and(eq(paymentDisputes.invoiceId, invoiceLines.invoiceId), eq(paymentDisputes.outcome, 'lost'), gt(paymentDisputes.chargedBackMinor, 0)))
    .where(eq(invoiceLines.invoiceId, invoiceId));
  return rows.map((r) => r.serviceId).filter((id): id is number => id !== null);
}
