import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { planPrices, plans, productGroups } from '@/db/schema/storefront';
import { byCycle } from '@/lib/catalog/public/cycle-order';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { defineCommand } from '../command';

export const planListCommand = defineCommand({
  name: 'plan:list',
  summary: 'List plans (archived included) with their prices per currency and cycle, in minor units',
  usage: '[--storefront SLUG]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const rows = await db
      .select({ id: plans.id, slug: plans.slug, name: plans.name, serviceType: plans.serviceType, status: plans.status, group: productGroups.slug })
      .from(plans)
      .innerJoin(productGroups, eq(productGroups.id, plans.groupId))
      .orderBy(asc(productGroups.sortOrder), asc(productGroups.id), asc(plans.sortOrder), asc(plans.id));
    const prices = rows.length
      ? await db
          .select({ planId: planPrices.planId, currency: planPrices.currency, cycle: planPrices.cycle, amountMinor: planPrices.amountMinor, setupFeeMinor: planPrices.setupFeeMinor })
          .from(planPrices)
          .where(inArray(planPrices.planId, rows.map((r) => r.id)))
      : [];
    const list = rows.map(({ id, ...plan }) => ({
      ...plan,
      prices: prices
        .filter((p) => p.planId === id)
        .sort((a, b) => a.currency.localeCompare(b.currency) || byCycle(a, b))
        .map(({ planId: _p, ...p }) => p),
    }));
    if (io.json) return { storefront: storefront.slug, plans: list };
    if (list.length === 0) io.out(`No plans on storefront ${storefront.slug}.`);
    for (const p of list) {
      io.out(`${p.slug}  ${p.name}  (${p.serviceType}, ${p.status}, group ${p.group})`);
      for (const pr of p.prices) io.out(`    ${pr.currency} ${pr.cycle.padEnd(10)} amount_minor=${pr.amountMinor} setup_fee_minor=${pr.setupFeeMinor}`);
    }
    return undefined;
  },
});
