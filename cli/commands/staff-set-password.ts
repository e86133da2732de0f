import { z } from 'zod';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { setStaffPassword } from '@/lib/staff/set-staff-password';
import { defineCommand } from '../command';

export const staffSetPasswordCommand = defineCommand({
  name: 'staff:set-password',
  summary: 'Set a staff member’s password and end their sessions (e.g. replace the demo password)',
  usage: '--storefront SLUG --email E --password P',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    storefront: z.string({ error: 'is required' }).min(1, 'is required'),
    email: z.string({ error: 'is required' }),
    password: z.string({ error: 'is required' }),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const r = await setStaffPassword(db, { input: { email: args.email, password: args.password }, actor: { type: 'system', label: 'cli:staff:set-password' } });
    if (io.json) return { storefront: storefront.slug, ...r };
    io.out(`Set a new password for ${r.email} on storefront ${storefront.slug}; ended ${r.sessionsRevoked} session(s).`);
    return undefined;
  },
});
