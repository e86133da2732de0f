import { z } from 'zod';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { resetStaffMfa } from '@/lib/staff/reset-staff-mfa';
import { defineCommand } from '../command';

export const staffReset2faCommand = defineCommand({
  name: 'staff:reset-2fa',
  summary: 'Remove a staff member’s second factors and end their sessions, so they enrol again at next sign-in',
  usage: '--storefront SLUG --email E --reason "why"',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    // Required, unlike other commands: resetting someone on the wrong storefront must not happen by default.
    storefront: z.string({ error: 'is required' }).min(1, 'is required'),
    email: z.string({ error: 'is required' }),
    reason: z.string({ error: 'is required' }).trim().min(5, 'must be at least 5 characters').max(500, 'must be at most 500 characters'),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const r = await resetStaffMfa(db, {
      storefrontId: storefront.id,
      input: { email: args.email, reason: args.reason },
      actor: { type: 'system', label: 'cli:staff:reset-2fa' },
    });
    if (io.json) return { storefront: storefront.slug, ...r };
    io.out(`Reset two-factor authentication for ${r.email} on storefront ${storefront.slug}.`);
    io.out(`Removed: authenticator app ${r.before.totp ? 'yes' : 'no'}, ${r.before.passkeys} passkey(s), ${r.before.recoveryCodes} unused recovery code(s); ended ${r.sessionsRevoked} session(s).`);
    io.out('They must set up a second factor again at their next sign-in. Staff were alerted.');
    return undefined;
  },
});
