import { and, asc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { invoiceLines, invoiceNotices, invoices } from '@/db/schema/storefront';
import { recordAudit } from '@/lib/audit/record-audit';
import { lockInvoice } from '@/lib/invoices/record-invoice-payment';
import { percentOfMinor } from '@/lib/pricing/rounding';
import { addDays } from '@/lib/dates/calendar-days';
import type { PassContext } from './context';

/**
 * Step 5: a late fee on invoices unpaid more than N days after their due date, once (the notices table's key).
 * Fixed fees come per currency (none configured for a currency: no fee); a percentage is of the invoice total,
 * rounded half away from zero. The fee carries no tax.
 */
export async function addLateFees(ctx: PassContext): Promise<{ invoices: number }> {
  const out = { invoices: 0 };
  const b = ctx.billing;
  if (b.lateFeeAfterDays <= 0) return out;
  const cutoff = addDays(ctx.today, -b.lateFeeAfterDays);
  let afterId = 0;
  for (;;) {
    const batch = await ctx.db
      .select({ id: invoices.id })
      .from(invoices)
      .leftJoin(invoiceNotices, and(eq(invoiceNotices.invoiceId, invoices.id), eq(invoiceNotices.kind, 'late_fee')))
      .where(and(eq(invoices.status, 'unpaid'), lt(invoices.dueOn, cutoff), isNull(invoiceNotices.invoiceId), gt(invoices.id, afterId)))
      .orderBy(asc(invoices.id))
      .limit(ctx.batchSize);
    if (!batch.length) break;
    afterId = batch[batch.length - 1]!.id;
    for (const { id } of batch) {
      const added = await ctx.db.transaction(async (tx) => {
        const [res] = await tx.insert(invoiceNotices).ignore().values({ invoiceId: id, kind: 'late_fee', sent: true });
        if (res.affectedRows !== 1) return false;
        const inv = await lockInvoice(tx, id);
        if (inv.status !== 'unpaid') return false;
        const fee = b.lateFeeType === 'percent' ? percentOfMinor(inv.totalMinor, b.lateFeePercentBp) : (b.lateFeeFixedMinor[inv.currency] ?? 0);
        if (fee <= 0) return false;
        const [last] = await tx.select({ n: sql<number>`COALESCE(MAX(${invoiceLines.sortOrder}), 0)` }).from(invoiceLines).where(eq(invoiceLines.invoiceId, id));
        await tx.insert(invoiceLines).values({
          invoiceId: id,
          kind: 'late_fee',
          description: `Late payment fee (${b.lateFeeAfterDays} days overdue)`,
          quantity: 1,
          amountMinor: fee,
          taxMinor: 0,
          tax: { ruleId: null, name: 'No tax', country: '', region: '', rateMilliPercent: 0, basis: 'none' },
          sortOrder: Number(last?.n ?? 0) + 1,
        });
        await tx
          .update(invoices)
          .set({ subtotalMinor: sql`${invoices.subtotalMinor} + ${fee}`, totalMinor: sql`${invoices.totalMinor} + ${fee}` })
          .where(eq(invoices.id, id));
        await recordAudit(tx, { actor: ctx.actor, action: 'invoice.late_fee_added', target: { type: 'invoice', id: inv.publicId }, before: { totalMinor: inv.totalMinor }, after: { totalMinor: inv.totalMinor + fee, feeMinor: fee } });
        return true;
      });
      if (added) out.invoices += 1;
    }
  }
  return out;
}
