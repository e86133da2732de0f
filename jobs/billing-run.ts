import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { storefronts } from '@/db/schema/central';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import { getCentralDb } from '@/lib/db/central';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { defineJob, defineJobSpec } from './define-job';
import { enqueueIdempotent } from './enqueue';

const SLOT_MS = 5 * 60_000;

export const billingRunSpec = defineJobSpec({
  name: 'billing.run',
  queue: 'critical',
  schema: z.object({ storefrontId: z.number().int().positive() }),
  attempts: 3,
  backoff: { type: 'exponential', delay: 30_000 },
});

/** One storefront's pass, as of the moment it runs (a pass is safe to repeat or to overlap with another). */
export const billingRunJob = defineJob({
  ...billingRunSpec,
  handler: async ({ storefrontId }, { log }) => {
    const [sf] = await getCentralDb().select().from(storefronts).where(eq(storefronts.id, storefrontId));
    if (!sf || sf.status !== 'active') return { skipped: true };
    const report = await runBillingPass(openStorefrontDb(sf), { storefrontId });
    log(`${sf.slug}: ${report.renewals.invoices} renewal invoice(s), ${report.suspended.services} suspended, ${report.terminated.services} terminated in ${report.ms} ms`);
    return report;
  },
});

/**
 * Every five minutes: one billing.run job per active storefront, under an id per storefront and five-minute slot,
 * so a slow storefront never holds up the others and a slot is never queued twice.
 */
export const billingRunAllJob = defineJob({
  name: 'billing.run-all',
  // The fan-out itself is cheap bookkeeping; the passes it queues run on the critical queue.
  queue: 'default',
  schema: z.object({}),
  handler: async (_payload, { log }) => {
    const active = await getCentralDb().select({ id: storefronts.id }).from(storefronts).where(eq(storefronts.status, 'active'));
    const slot = Math.floor(Date.now() / SLOT_MS);
    for (const sf of active) await enqueueIdempotent(billingRunSpec, { storefrontId: sf.id }, `billing-run:${sf.id}:${slot}`);
    log(`queued billing passes for ${active.length} storefront(s)`);
    return { storefronts: active.length };
  },
});
