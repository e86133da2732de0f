import { UnrecoverableError } from 'bullmq';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getCentralDb } from '@/lib/db/central';
import { storefronts, type Storefront } from '@/db/schema/central';
import { defineJob } from './define-job';

export const sendEmailPayload = z.object({
  storefrontId: z.number().int().positive(),
  outboxId: z.number().int().positive(),
});

/** A job for a storefront that no longer exists can never succeed: fail it without retries. */
export async function getStorefrontForJob(storefrontId: number): Promise<Storefront> {
  const [sf] = await getCentralDb().select().from(storefronts).where(eq(storefronts.id, storefrontId)).limit(1);
  if (!sf) throw new UnrecoverableError(`Storefront ${storefrontId} does not exist.`);
  return sf;
}

export const sendEmailJob = defineJob({
  name: 'email.send',
  queue: 'default',
  schema: sendEmailPayload,
  handler: async ({ storefrontId, outboxId }, ctx) => {
    // Loaded here, not at the top: code that only queues email (server actions) then never pulls in
    // nodemailer, react-dom/server or the storefront pools.
    const [{ openStorefrontDb }, { sendOutboxEmail }] = await Promise.all([
      import('@/lib/tenancy/storefront-pools'),
      import('@/lib/email/send-outbox-email'),
    ]);
    const sf = await getStorefrontForJob(storefrontId);
    const outcome = await sendOutboxEmail(openStorefrontDb(sf), sf, outboxId);
    ctx.log(`email ${outboxId} on storefront ${sf.slug}: ${outcome}`);
    return outcome;
  },
});
