import { z } from 'zod';
import { listServices } from '@/lib/billing/list-services';
import { getCustomerByEmailOrThrow } from '@/lib/customers/get-customer-by-email';
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
    const rows = await listServices(db, { customerId: owner?.id, order: 'oldest', limit: null });
    const list = rows.map((s) => ({
      id: s.publicId,
      customer: s.customerEmail,
      plan: s.planSlug,
      cycle: s.cycle,
      status: s.status,
      suspensionReason: s.suspensionReason,
      nextDueOn: s.nextDueOn,
      recurringMinor: s.recurringMinor,
      currency: s.currency,
    }));
    if (io.json) return { storefront: storefront.slug, services: list };
    if (list.length === 0) io.out(`No services${owner ? ` for ${owner.email}` : ''} on storefront ${storefront.slug}.`);
    for (const s of list) {
      const status = s.suspensionReason ? `${s.status} (${s.suspensionReason})` : s.status;
      io.out(`${s.id}  ${s.customer}  ${s.plan}  ${s.cycle}  ${status}  next due ${s.nextDueOn ?? '-'}  ${s.recurringMinor} ${s.currency}`);
    }
    return undefined;
  },
});
