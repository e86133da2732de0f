import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { invoices } from '@/db/schema/storefront';
import { AppError } from '@/lib/errors/app-error';
import { payInvoiceWithCredit } from '@/lib/invoices/pay-invoice-with-credit';
import { recordBankPayment } from '@/lib/invoices/record-bank-payment';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { defineCommand } from '../command';
import { isoInstantSchema } from './service-create';

export const invoicePayCommand = defineCommand({
  name: 'invoice:pay',
  summary: 'Pay an unpaid invoice from account credit (as far as it covers), or record a bank transfer for its whole balance',
  usage: 'NUMBER --method credit|bank [--reference R (bank: required)] [--at ISO] [--storefront SLUG]',
  json: true,
  schema: z
    .object({
      _: z.array(z.string()),
      method: z.enum(['credit', 'bank'], { error: 'must be credit or bank' }),
      reference: z.string({ error: 'takes a value' }).trim().min(1, 'is required').max(120, 'must be at most 120 characters').optional(),
      at: isoInstantSchema.optional(),
      storefront: z.string().optional(),
    })
    .superRefine((a, ctx) => {
      if (a._.length !== 1) ctx.addIssue({ code: 'custom', path: [], message: 'takes exactly one invoice number, e.g. bin/ezscale invoice:pay INV-2026-000001 --method bank --reference R' });
      if (a.method === 'bank' && a.reference === undefined) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'is required for bank payments' });
      if (a.method === 'credit' && a.reference !== undefined) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'applies to bank payments only' });
    }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const number = args._[0]!;
    const [invoice] = await db.select().from(invoices).where(eq(invoices.number, number)).limit(1);
    if (!invoice) throw new AppError('not_found', `No invoice numbered ${number} on storefront ${storefront.slug}.`);
    const actor = { type: 'system' as const, label: 'cli:invoice:pay' };
    const before = invoice.totalMinor - invoice.paidMinor;
    const result =
      args.method === 'credit'
        ? await payInvoiceWithCredit(db, { customerId: invoice.customerId, invoicePublicId: invoice.publicId, actor, now: args.at })
        : await recordBankPayment(db, { invoicePublicId: invoice.publicId, reference: args.reference!, actor, now: args.at });
    const appliedMinor = before - result.balanceMinor;
    if (io.json) {
      return { storefront: storefront.slug, number, publicId: invoice.publicId, method: args.method, appliedMinor, paid: result.paid, balanceMinor: result.balanceMinor, currency: invoice.currency };
    }
    const how = args.method === 'credit' ? 'from account credit' : `by bank transfer (reference ${args.reference})`;
    io.out(`Paid ${appliedMinor} ${invoice.currency} of ${number} ${how}; ${result.paid ? 'the invoice is paid' : `${result.balanceMinor} ${invoice.currency} still due`}.`);
    return undefined;
  },
});
