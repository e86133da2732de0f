import { z } from 'zod';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { recordUsage } from '@/lib/usage/record-usage';
import { defineCommand } from '../command';
import { isoInstantSchema } from './service-create';

export const usageRecordCommand = defineCommand({
  name: 'usage:record',
  summary: 'Record one usage event against a service (a repeated --id counts once)',
  usage: '--service svc_… --meter M --quantity Q [--at ISO] [--id T] [--key K] [--storefront SLUG]   (--key: what a unique-count meter counts)',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    service: z.string({ error: 'is required' }),
    meter: z.string({ error: 'is required' }),
    quantity: z.string({ error: 'is required, e.g. --quantity 1.5' }),
    at: isoInstantSchema.optional(),
    id: z.string({ error: 'needs a value' }).optional(),
    key: z.string({ error: 'needs a value' }).optional(),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const r = await recordUsage(db, { event: { service: args.service, meter: args.meter, quantity: args.quantity, at: args.at, transactionId: args.id, uniqueKey: args.key } });
    if (io.json) return { storefront: storefront.slug, service: args.service, meter: args.meter, ...r };
    io.out(
      r.recorded
        ? `Recorded ${r.quantity} ${args.meter} for ${args.service} at ${r.at} (transaction ${r.transactionId}), period ${r.periodStart} – ${r.periodEnd}.`
        : `Transaction ${r.transactionId} was already recorded for ${args.service}: it counts once.`,
    );
    return undefined;
  },
});
