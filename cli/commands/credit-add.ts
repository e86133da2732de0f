import { z } from 'zod';
import { adjustCredit } from '@/lib/credit/adjust-credit';
import { getCustomerByEmailOrThrow } from '@/lib/customers/get-customer-by-email';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { defineCommand } from '../command';

export const creditAddCommand = defineCommand({
  name: 'credit:add',
  summary: 'Add (or, with a negative amount, take) account credit; never below zero',
  usage: '--customer EMAIL --amount-minor N --currency CUR --reason TEXT [--storefront SLUG]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    customer: z.string({ error: 'is required' }),
    amountMinor: z
      .string({ error: 'is required' })
      .regex(/^-?\d{1,13}$/, 'must be a whole number of minor units, e.g. 500 or -500')
      .transform(Number)
      .refine((n) => n !== 0, 'cannot be zero'),
    currency: z
      .string({ error: 'is required' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code'),
    reason: z.string({ error: 'is required' }).trim().min(1, 'is required').max(255, 'must be at most 255 characters'),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const customer = await getCustomerByEmailOrThrow(db, args.customer);
    const { currency } = args;
    const balanceMinor = await adjustCredit(db, {
      customerId: customer.id,
      currency,
      amountMinor: args.amountMinor,
      note: args.reason,
      staffId: null,
      actor: { type: 'system', label: 'cli:credit:add' },
    });
    if (io.json) return { storefront: storefront.slug, customer: customer.email, currency, amountMinor: args.amountMinor, balanceMinor };
    const verb = args.amountMinor > 0 ? 'Added' : 'Took';
    io.out(`${verb} ${Math.abs(args.amountMinor)} ${currency} ${args.amountMinor > 0 ? 'to' : 'from'} ${customer.email}'s credit; balance ${balanceMinor} ${currency}.`);
    return undefined;
  },
});
