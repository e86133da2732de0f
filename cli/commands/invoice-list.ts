import { z } from 'zod';
import { INVOICE_STATUSES } from '@/db/schema/storefront';
import { toDateString } from '@/lib/dates/calendar-days';
import { getCustomerByEmailOrThrow } from '@/lib/customers/get-customer-by-email';
import { listInvoiceLines, listInvoices } from '@/lib/invoices/get-invoice';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { defineCommand } from '../command';

export const invoiceListCommand = defineCommand({
  name: 'invoice:list',
  summary: 'List invoices with their lines, oldest first, optionally of one customer or status',
  usage: `[--customer EMAIL] [--status ${INVOICE_STATUSES.join('|')}] [--storefront SLUG]`,
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    customer: z.string().optional(),
    status: z.enum(INVOICE_STATUSES, { error: `must be one of ${INVOICE_STATUSES.join(', ')}` }).optional(),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const customerId = args.customer === undefined ? undefined : (await getCustomerByEmailOrThrow(db, args.customer)).id;
    const rows = await listInvoices(db, { customerId, status: args.status, order: 'oldest', limit: null });
    const lines = await listInvoiceLines(db, rows.map((r) => r.id));
    const list = rows.map((inv) => ({
      number: inv.number,
      publicId: inv.publicId,
      customer: inv.customerEmail,
      status: inv.status,
      totalMinor: inv.totalMinor,
      paidMinor: inv.paidMinor,
      currency: inv.currency,
      issuedOn: inv.issuedAt ? toDateString(inv.issuedAt) : null,
      dueOn: inv.dueOn,
      lines: lines.filter((l) => l.invoiceId === inv.id).map(({ invoiceId: _i, ...l }) => l),
    }));
    if (io.json) return { storefront: storefront.slug, invoices: list };
    if (list.length === 0) io.out(`No invoices on storefront ${storefront.slug} match.`);
    for (const inv of list) {
      io.out(
        `${inv.number ?? '(draft)'}  ${inv.publicId}  ${inv.customer}  ${inv.status}  total ${inv.totalMinor} paid ${inv.paidMinor} ${inv.currency}  ` +
          `issued ${inv.issuedOn ?? '-'} due ${inv.dueOn ?? '-'}`,
      );
      for (const l of inv.lines) {
        const period = l.periodStart ? `  ${l.periodStart}..${l.periodEnd ?? ''}` : '';
        io.out(`    ${l.kind.padEnd(9)} ${l.amountMinor} + tax ${l.taxMinor}  ${l.description}${period}`);
      }
    }
    return undefined;
  },
});
