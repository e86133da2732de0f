import { deliverAlert } from '@/lib/alerts/deliver-alert';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { defineJob } from './define-job';
import { deliverAlertSpec } from './specs';
import { getStorefrontForJob } from './send-email';

export const deliverAlertJob = defineJob({
  ...deliverAlertSpec,
  handler: async ({ storefrontId, alertId }, ctx) => {
    const sf = await getStorefrontForJob(storefrontId);
    const outcome = await deliverAlert(openStorefrontDb(sf), sf, alertId);
    ctx.log(`alert ${alertId} on storefront ${sf.slug}: discord ${outcome}`);
    return outcome;
  },
});
