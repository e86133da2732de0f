import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { plans, USAGE_AGGREGATIONS } from '@/db/schema/storefront';
import { AppError } from '@/lib/errors/app-error';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { setPlanMeter } from '@/lib/usage/set-plan-meter';
import { defineCommand } from '../command';
import { pairsSchema } from './service-create';

export const planMeterCommand = defineCommand({
  name: 'plan:meter',
  summary: 'Add a usage meter to a plan or change its increment, allowance and unit prices (minor units per unit, every currency the plan sells in)',
  usage: `--plan SLUG --meter M --price CUR=MINOR,… [--aggregation ${USAGE_AGGREGATIONS.join('|')}] [--step Q] [--included Q] [--storefront SLUG]`,
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    plan: z.string({ error: 'is required' }),
    meter: z.string({ error: 'is required' }),
    price: pairsSchema,
    aggregation: z.enum(USAGE_AGGREGATIONS, { error: `must be one of ${USAGE_AGGREGATIONS.join(', ')}` }).optional(),
    step: z.string({ error: 'needs a value' }).optional(),
    included: z.string({ error: 'needs a value' }).optional(),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.slug, args.plan));
    if (!plan) throw new AppError('not_found', `No plan with slug "${args.plan}".`);
    const prices = Object.fromEntries(Object.entries(args.price).map(([c, v]) => [c.toUpperCase(), v]));
    const r = await setPlanMeter(db, {
      input: { planId: plan.id, meter: args.meter, aggregation: args.aggregation, incrementStep: args.step, includedQuantity: args.included, prices },
      actor: { type: 'system', label: 'cli:plan:meter' },
    });
    if (io.json) return { storefront: storefront.slug, plan: args.plan, meter: args.meter, created: r.created };
    io.out(`${r.created ? 'Added' : 'Updated'} meter ${args.meter} on plan ${args.plan} (storefront ${storefront.slug}).`);
    return undefined;
  },
});
