import { and, count, eq, isNull } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { adminAlerts, customers, emailOutbox, productGroups, staffUsers } from '@/db/schema/storefront';

export async function getDashboardFigures(db: SfDb) {
  const one = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0);
  const [activeCustomers, staff, groups, openAlerts, failedEmails] = await Promise.all([
    one(db.select({ n: count() }).from(customers).where(eq(customers.status, 'active'))),
    one(db.select({ n: count() }).from(staffUsers).where(eq(staffUsers.status, 'active'))),
    one(db.select({ n: count() }).from(productGroups)),
    one(db.select({ n: count() }).from(adminAlerts).where(isNull(adminAlerts.acknowledgedAt))),
    one(db.select({ n: count() }).from(emailOutbox).where(and(eq(emailOutbox.status, 'failed')))),
  ]);
  return { activeCustomers, staff, groups, openAlerts, failedEmails };
}
