import { asc, ne } from 'drizzle-orm';
import { verifyPassword } from '@/lib/auth/password';
import { getCentralDb } from '@/lib/db/central';
import { DEMO_PASSWORD } from '@/lib/setup/demo-logins';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { storefronts } from '@/db/schema/central';
import { staffUsers } from '@/db/schema/storefront';

/**
 * Every staff account, on every storefront, whose password is the published demo password. Disabled accounts
 * count too: enabling one again would reopen the hole. One scrypt per account (about 60 ms), a few at a time.
 */
export async function findDemoPasswordStaff(): Promise<{ storefront: string; email: string }[]> {
  const rows = await getCentralDb()
    .select({ id: storefronts.id, slug: storefronts.slug, dbServerUrl: storefronts.dbServerUrl, dbName: storefronts.dbName })
    .from(storefronts)
    // A storefront still being provisioned may not have its tables yet, and has no staff before it goes live.
    .where(ne(storefronts.status, 'provisioning'))
    .orderBy(asc(storefronts.id));
  const found: { storefront: string; email: string }[] = [];
  for (const sf of rows) {
    const staff = await openStorefrontDb(sf).select({ email: staffUsers.email, hash: staffUsers.passwordHash }).from(staffUsers).orderBy(asc(staffUsers.id));
    const demo = await Promise.all(staff.map((s) => verifyPassword(DEMO_PASSWORD, s.hash)));
    staff.forEach((s, i) => demo[i] && found.push({ storefront: sf.slug, email: s.email }));
  }
  return found;
}
