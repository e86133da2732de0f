import { z } from 'zod';
import { defineJob } from './define-job';
import { getStorefrontForJob } from './send-email';

export const deliverAlertJob = defineJob({
  name: 'alert.deliver',
  queue: 'default',
  schema: z.object({
    storefrontId: z.number().int().positive(),
    alertId: z.number().int().positive(),
  }),
  handler: async ({ storefrontId, alertId }, ctx) => {
    // Loaded lazily for the same reason as in email.send: raising an alert should not pull these in.
    const [{ openStorefrontDb }, { deliverAlert }] = await Promise.all([import('@/lib/tenancy/storefront-pools'), import('@/lib/alerts/deliver-alert')]);
    const sf = await getStorefrontForJob(storefrontId);
    const outcome = await deliverAlert(openStorefrontDb(sf), sf, alertId);
    ctx.log(`alert ${alertId} on storefront ${sf.slug}: discord ${outcome}`);
    return outcome;
  },
});
