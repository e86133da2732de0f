import { z } from 'zod';
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
