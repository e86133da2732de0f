import { z } from 'zod';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { getLiveUsage } from '@/lib/usage/get-live-usage';
import { defineCommand } from '../command';
import { isoInstantSchema } from './service-create';

export const usageShowCommand = defineCommand({
  name: 'usage:show',
  summary: 'A service’s usage in its current period, per meter: quantity, included, charged, unit price and amount (minor units, before tax)',
  usage: '--service svc_… [--at ISO] [--storefront SLUG]   (--at: the period containing that moment instead of now)',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    service: z.string({ error: 'is required' }),
    at: isoInstantSchema.optional(),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const usage = await getLiveUsage(db, { servicePublicId: args.service, at: args.at });
    if (io.json) return { storefront: storefront.slug, ...usage };
    io.out(`${usage.service} (${usage.status}, ${usage.currency}): usage ${usage.periodStart} – ${usage.periodEnd}`);
    if (!usage.meters.length) io.out('  its plan bills no usage');
    for (const m of usage.meters) {
      io.out(
        `  ${m.meter.padEnd(14)} ${m.quantity} ${m.unit} (${m.aggregation}; ${m.includedQuantity} included, ${m.chargedQuantity} charged) × ${m.unitPriceMinor} = ${m.exactAmountMinor} → ${m.amountMinor} minor  [${m.events} event(s)]`,
      );
    }
    io.out(`  total ${usage.totalMinor} minor ${usage.currency} so far, before tax`);
    return undefined;
  },
});
