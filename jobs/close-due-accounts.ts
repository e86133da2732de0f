import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getCentralDb } from '@/lib/db/central';
import { closeDueAccounts } from '@/lib/customers/account-closure';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { storefronts } from '@/db/schema/central';
import { defineJob } from './define-job';

// Daily: accounts whose closure request passed the grace period are closed and anonymised. Re-running is
// harmless: a closed account no longer matches.
export const closeDueAccountsJob = defineJob({
  name: 'customers.close-due-accounts',
  queue: 'low',
  schema: z.object({}),
  handler: async (_payload, { log }) => {
    const active = await getCentralDb().select().from(storefronts).where(eq(storefronts.status, 'active'));
    let closed = 0;
    for (const sf of active) closed += await closeDueAccounts(openStorefrontDb(sf));
    log(`closed ${closed} account(s) across ${active.length} storefront(s)`);
    return { closed };
  },
});
