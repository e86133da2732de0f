import { z } from 'zod';
import { BILLING_CYCLES } from '@/db/schema/storefront';
import { createPaidService } from '@/lib/orders/create-paid-service';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { defineCommand } from '../command';

/** `YYYY-MM-DD` (midnight UTC) or a full ISO timestamp with its zone. */
export const isoInstantSchema = z
  .string({ error: 'is required' })
  .refine((s) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));
  }, 'must be an ISO date such as 2026-01-31 or 2026-01-31T09:00:00Z')
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s));

/** `key=value,key=value`: repeating a flag keeps only its last value, so several pairs share one flag. */
export const pairsSchema = z
  .string({ error: 'takes key=value pairs' })
  .transform((s, ctx) => {
    const out: Record<string, string> = {};
    for (const pair of s.split(',')) {
      const eq = pair.indexOf('=');
      const key = pair.slice(0, eq).trim();
      if (eq < 1 || !key) {
        ctx.addIssue({ code: 'custom', message: `"${pair}" is not key=value` });
        return z.NEVER;
      }
      out[key] = pair.slice(eq + 1).trim();
    }
    return out;
  });

export const serviceCreateCommand = defineCommand({
  name: 'service:create',
  summary: 'Create an active service as if ordered and paid by bank transfer on the start date',
  usage:
    '--customer EMAIL --plan SLUG --cycle CYCLE --start YYYY-MM-DD [--currency CUR] [--field key=value,…] [--option code=valuecode|qty,…] [--storefront SLUG]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    customer: z.string({ error: 'is required' }),
    plan: z.string({ error: 'is required' }),
    cycle: z.enum(BILLING_CYCLES, { error: `must be one of ${BILLING_CYCLES.join(', ')}` }),
    start: isoInstantSchema,
    currency: z.string().optional(),
    field: pairsSchema.optional(),
    option: pairsSchema.optional(),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const created = await createPaidService(db, {
      storefrontId: storefront.id,
      customerEmail: args.customer,
      planSlug: args.plan,
      cycle: args.cycle,
      start: args.start,
      currency: args.currency,
      fields: args.field,
      options: args.option,
      actor: { type: 'system', label: 'cli:service:create' },
    });
    if (io.json) return { storefront: storefront.slug, ...created };
    io.out(
      `Created service ${created.servicePublicId} (${args.plan}, ${args.cycle}) for ${args.customer} on storefront ${storefront.slug}: ` +
        `order ${created.orderPublicId}, invoice ${created.invoiceNumber} paid, next due ${created.nextDueOn ?? 'never'}.`,
    );
    return undefined;
  },
});
