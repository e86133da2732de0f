import { z } from 'zod';
import { createCustomer } from '@/lib/customers/create-customer';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { defineCommand } from '../command';

export const customerCreateCommand = defineCommand({
  name: 'customer:create',
  summary: 'Create a customer (email already verified) on a storefront (default: the retail storefront)',
  usage: '--email E --name N --country CC [--currency CUR] [--password P] [--storefront SLUG]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    email: z.string({ error: 'is required' }),
    name: z.string({ error: 'is required' }),
    country: z.string({ error: 'is required' }),
    currency: z.string().optional(),
    password: z.string().optional(),
    storefront: z.string().optional(),
  }),
  run: async ({ storefront: slug, _, ...input }, io) => {
    const { storefront, db } = await findStorefrontForCli(slug);
    const customer = await createCustomer(db, {
      input: { ...input, emailVerified: true },
      actor: { type: 'system', label: 'cli:customer:create' },
    });
    if (io.json) return { storefront: storefront.slug, id: customer.publicId, email: customer.email, name: customer.name };
    io.out(`Created customer ${customer.publicId} (${customer.email}) on storefront ${storefront.slug}.`);
    return undefined;
  },
});
