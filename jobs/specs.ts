import { z } from 'zod';
import { env } from '@/lib/config/env';
import { defineJobSpec } from './define-job';

// Specs of the jobs that request code enqueues; their handlers live in jobs/<name>.ts.

export const sendEmailSpec = defineJobSpec({
  name: 'email.send',
  queue: 'default',
  schema: z.object({
    storefrontId: z.number().int().positive(),
    outboxId: z.number().int().positive(),
  }),
});

export const deliverAlertSpec = defineJobSpec({
  name: 'alert.deliver',
  queue: 'default',
  schema: z.object({
    storefrontId: z.number().int().positive(),
    alertId: z.number().int().positive(),
  }),
});

/** Base of the provisioning back-off: waits of 1, 2, 4 and 8 times this between five tries (about an hour at 4 min). */
export const PROVISIONING_RETRY_BASE_MS = env().PROVISIONING_RETRY_BASE_MS;

export const provisioningRunSpec = defineJobSpec({
  name: 'provisioning.run',
  queue: 'critical',
  schema: z.object({
    storefrontId: z.number().int().positive(),
    requestId: z.number().int().positive(),
  }),
  attempts: 5,
  backoff: { type: 'exponential', delay: PROVISIONING_RETRY_BASE_MS },
});

/** A reseller's creation pipeline (lib/resellers/pipeline): one run; a failure shows on the reseller with a Retry. */
export const resellerPipelineSpec = defineJobSpec({
  name: 'reseller.provision',
  queue: 'critical',
  schema: z.object({ resellerId: z.number().int().positive() }),
  attempts: 1,
});

/** One check of a pending custom domain's DNS records; the domain row holds the schedule (lib/domains/check-domain.ts). */
export const verifyDomainSpec = defineJobSpec({
  name: 'domains.verify',
  queue: 'default',
  schema: z.object({
    storefrontId: z.number().int().positive(),
    domainId: z.number().int().positive(),
  }),
});
