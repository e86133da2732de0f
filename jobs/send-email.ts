import { UnrecoverableError } from 'bullmq';
import { eq } from 'drizzle-orm';
import { getCentralDb } from '@/lib/db/central';
import { sendOutboxEmail } from '@/lib/email/send-outbox-email';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { storefronts, type Storefront } from '@/db/schema/central';
import { defineJob } from './define-job';
import { sendEmailSpec } from './specs';

/** A job for a storefront that no longer exists can never succeed: fail it without retries. */
export async function getStorefrontForJob(storefrontId: number): Promise<Storefront> {
  const [sf] = await getCentralDb().select().from(storefronts).where(eq(storefronts.id, storefrontId)).limit(1);
  if (!sf) throw new UnrecoverableError(`Storefront ${storefrontId} does not exist.`);
  return sf;
}

export const sendEmailJob = defineJob({
  ...sendEmailSpec,
  handler: async ({ storefrontId, outboxId }, ctx) => {
    const sf = await getStorefrontForJob(storefrontId);
    const outcome = await sendOutboxEmail(openStorefrontDb(sf), sf, outboxId);
    ctx.log(`email ${outboxId} on storefront ${sf.slug}: ${outcome}`);
    return outcome;
  },
});
