import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { customers, INVOICE_STATUSES, invoiceLines, invoices } from '@/db/schema/storefront';
import { toDateString } from '@/lib/billing/cycle-dates';
import { getCustomerByEmailOrThrow } from '@/lib/orders/create-paid-service';
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
    const where: SQL[] = [];
    if (args.customer !== undefined) where.push(eq(invoices.customerId, (await getCustomerByEmailOrThrow(db, args.customer)).id));
    if (args.status) where.push(eq(invoices.status, args.status));
    const rows = await db
      .select({
        id: invoices.id,
        number: invoices.number,
        publicId: invoices.publicId,
        customer: customers.email,
        status: invoices.status,
        totalMinor: invoices.totalMinor,
        paidMinor: invoices.paidMinor,
        currency: invoices.currency,
        issuedAt: invoices.issuedAt,
        dueOn: invoices.dueOn,
      })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(and(...where))
      .orderBy(asc(invoices.id));
    const lines = rows.length
      ? await db
          .select({
            invoiceId: invoiceLines.invoiceId,
            kind: invoiceLines.kind,
            description: invoiceLines.description,
            amountMinor: invoiceLines.amountMinor,
            taxMinor: invoiceLines.taxMinor,
            periodStart: invoiceLines.periodStart,
            periodEnd: invoiceLines.periodEnd,
          })
          .from(invoiceLines)
          .where(inArray(invoiceLines.invoiceId, rows.map((r) => r.id)))
          .orderBy(asc(invoiceLines.sortOrder), asc(invoiceLines.id))
      : [];
    const list = rows.map(({ id, issuedAt, dueOn, ...inv }) => ({
      ...inv,
      issuedOn: issuedAt ? toDateString(issuedAt) : null,
      dueOn,
      lines: lines.filter((l) => l.invoiceId === id).map(({ invoiceId: _i, ...l }) => l),
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
