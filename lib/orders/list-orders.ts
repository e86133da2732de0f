import { and, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { currencies, customers, invoices, ORDER_STATUSES, orders } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

export const orderFilterSchema = z.object({ status: z.enum(ORDER_STATUSES).optional().catch(undefined) });

/** The admin orders list, newest first, with the customer and the first invoice's state. */
export async function listOrders(db: SfDb, opts: z.infer<typeof orderFilterSchema> & { limit?: number }) {
  const where: SQL[] = [];
  if (opts.status) where.push(eq(orders.status, opts.status));
  return db
    .select({
      publicId: orders.publicId,
      status: orders.status,
      currency: orders.currency,
      totalMinor: orders.totalMinor,
      couponCodes: orders.couponCodes,
      note: orders.note,
      createdAt: orders.createdAt,
      customerId: customers.id,
      customerEmail: customers.email,
      invoicePublicId: invoices.publicId,
      invoiceNumber: invoices.number,
      invoiceStatus: invoices.status,
      locale: currencies.locale,
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .leftJoin(invoices, eq(invoices.id, orders.invoiceId))
    .leftJoin(currencies, eq(currencies.code, orders.currency))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(orders.id))
    .limit(opts.limit ?? 100);
}
