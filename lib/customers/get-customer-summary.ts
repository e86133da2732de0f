import { eq } from 'drizzle-orm';
import { customers } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/** The account details the admin customer page heads with; null when there is no such customer. */
export async function getCustomerSummary(db: SfDb, opts: { customerId: number }) {
  const [row] = await db
    .select({
      id: customers.id,
      publicId: customers.publicId,
      name: customers.name,
      email: customers.email,
      country: customers.country,
      region: customers.region,
      currency: customers.currency,
      company: customers.company,
      taxId: customers.taxId,
      taxExempt: customers.taxExempt,
      vatStanding: customers.vatStanding,
      vatCheckedNumber: customers.vatCheckedNumber,
      vatCheckedAt: customers.vatCheckedAt,
      vatConsultationNumber: customers.vatConsultationNumber,
      vatCheckFailedAt: customers.vatCheckFailedAt,
      status: customers.status,
      createdAt: customers.createdAt,
    })
    .from(customers)
    .where(eq(customers.id, opts.customerId))
    .limit(1);
  return row ?? null;
}
