import { z } from 'zod';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { defineCommand } from '../command';

export const userCreateAdminCommand = defineCommand({
  name: 'user:create-admin',
  summary: 'Create a staff owner account on a storefront (default: the retail storefront)',
  usage: '--email E --password P [--name N] [--storefront SLUG]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    email: z.string({ error: 'is required' }),
    password: z.string({ error: 'is required' }),
    name: z.string().optional(),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const user = await createStaffUser(db, {
      storefrontId: storefront.id,
      input: { email: args.email, password: args.password, name: args.name ?? args.email.split('@')[0] ?? 'Owner', role: 'owner' },
      actor: { type: 'system', label: 'cli:user:create-admin' },
    });
    if (io.json) return { storefront: storefront.slug, ...user };
    io.out(`Created owner ${user.email} on storefront ${storefront.slug}.`);
    return undefined;
  },
});
