import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { customers, plans, services } from '@/db/schema/storefront';
import { getCustomerByEmailOrThrow } from '@/lib/orders/create-paid-service';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { defineCommand } from '../command';

export const serviceListCommand = defineCommand({
  name: 'service:list',
  summary: 'List services, oldest first, optionally of one customer',
  usage: '[--customer EMAIL] [--storefront SLUG]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    customer: z.string().optional(),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const owner = args.customer === undefined ? null : await getCustomerByEmailOrThrow(db, args.customer);
    const list = await db
      .select({
        id: services.publicId,
        customer: customers.email,
        plan: plans.slug,
        cycle: services.cycle,
        status: services.status,
        suspensionReason: services.suspensionReason,
        nextDueOn: services.nextDueOn,
        recurringMinor: services.recurringMinor,
        currency: services.currency,
      })
      .from(services)
      .innerJoin(customers, eq(customers.id, services.customerId))
      .innerJoin(plans, eq(plans.id, services.planId))
      .where(owner ? eq(services.customerId, owner.id) : undefined)
      .orderBy(asc(services.id));
    if (io.json) return { storefront: storefront.slug, services: list };
    if (list.length === 0) io.out(`No services${owner ? ` for ${owner.email}` : ''} on storefront ${storefront.slug}.`);
    for (const s of list) {
      const status = s.suspensionReason ? `${s.status} (${s.suspensionReason})` : s.status;
      io.out(`${s.id}  ${s.customer}  ${s.plan}  ${s.cycle}  ${status}  next due ${s.nextDueOn ?? '-'}  ${s.recurringMinor} ${s.currency}`);
    }
    return undefined;
  },
});
