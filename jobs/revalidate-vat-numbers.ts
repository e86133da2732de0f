import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { storefronts } from '@/db/schema/central';
import { getCentralDb } from '@/lib/db/central';
import { revalidateStaleVatStandings } from '@/lib/tax/revalidate-vat-standings';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { defineJob } from './define-job';

// Hourly: VAT numbers whose VIES standing is older than the storefront's max age are checked again, at most
// `maxChecks` calls a run across all storefronts, one call per `spacingMs`, so a big customer base is spread over
// several runs instead of hammering VIES. Every answer is stored on its own: a run killed halfway, or run twice,
// checks nothing twice. When VIES is down a storefront's run stops at the first failure and alerts its staff.
export const revalidateVatNumbersJob = defineJob({
  name: 'tax.revalidate-vat-numbers',
  queue: 'low',
  schema: z.object({
    maxChecks: z.number().int().min(1).max(10_000).default(300),
    spacingMs: z.number().int().min(0).max(60_000).default(1_000),
  }),
  handler: async ({ maxChecks, spacingMs }, { log }) => {
    const active = await getCentralDb().select().from(storefronts).where(eq(storefronts.status, 'active'));
    const total = { checked: 0, changed: 0, unavailable: 0 };
    for (const sf of active) {
      if (total.checked >= maxChecks) break;
      const r = await revalidateStaleVatStandings(openStorefrontDb(sf), { storefrontId: sf.id, maxChecks: maxChecks - total.checked, spacingMs });
      total.checked += r.checked;
      total.changed += r.changed;
      total.unavailable += r.unavailable;
    }
    log(`checked ${total.checked} VAT number(s), ${total.changed} standing(s) changed, ${total.unavailable} unanswered, across ${active.length} storefront(s)`);
    return total;
  },
});
