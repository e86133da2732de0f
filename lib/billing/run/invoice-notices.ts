import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import { customers, invoiceNotices, invoices, serviceBillingPeriods, type InvoiceNoticeKind } from '@/db/schema/storefront';
import { queueEmail } from '@/lib/email/enqueue-email';
import { formatMoney } from '@/lib/money/format';
import { areaUrl } from '@/lib/tenancy/area-url';
import { addDays } from '../cycle-dates';
import type { PassContext } from './context';

type Stage = Exclude<InvoiceNoticeKind, 'late_fee'>;

/** The notices this storefront sends, each with its day relative to the due date (0 turns one off). */
export function noticeStages(ctx: Pick<PassContext, 'billing'>): { kind: Stage; offset: number }[] {
  const b = ctx.billing;
  const stages: { kind: Stage; offset: number }[] = [];
  if (b.reminderDaysBefore > 0) stages.push({ kind: 'reminder', offset: -b.reminderDaysBefore });
  if (b.noticeOnDueDate) stages.push({ kind: 'due', offset: 0 });
  (['overdue_1', 'overdue_2', 'overdue_3'] as const).forEach((kind, i) => {
    const d = b.overdueNoticeDays[i]!;
    if (d > 0) stages.push({ kind, offset: d });
  });
  return stages.sort((a, b2) => a.offset - b2.offset);
}

/**
 * Step 4: reminders and overdue notices, each once per invoice (the notices table's key). After downtime several
 * may have come due at once: only the latest is mailed and the ones it supersedes are recorded as skipped.
 */
export async function sendInvoiceNotices(ctx: PassContext): Promise<Record<Stage, number>> {
  const sent: Record<Stage, number> = { reminder: 0, due: 0, overdue_1: 0, overdue_2: 0, overdue_3: 0 };
  const stages = noticeStages(ctx);
  if (!stages.length) return sent;
  const latestDue = addDays(ctx.today, -stages[0]!.offset);
  let afterId = 0;
  for (;;) {
    const batch = await ctx.db
      .select({ id: invoices.id, publicId: invoices.publicId, number: invoices.number, dueOn: invoices.dueOn, currency: invoices.currency, totalMinor: invoices.totalMinor, paidMinor: invoices.paidMinor, customerId: invoices.customerId })
      .from(invoices)
      .where(and(eq(invoices.status, 'unpaid'), lte(invoices.dueOn, latestDue), gt(invoices.id, afterId)))
      .orderBy(asc(invoices.id))
      .limit(ctx.batchSize);
    if (!batch.length) break;
    afterId = batch[batch.length - 1]!.id;
    const existing = await ctx.db.select().from(invoiceNotices).where(inArray(invoiceNotices.invoiceId, batch.map((i) => i.id)));
    const had = new Set(existing.map((n) => `${n.invoiceId}:${n.kind}`));
    for (const inv of batch) {
      const due = stages.filter((s) => addDays(inv.dueOn!, s.offset) <= ctx.today);
      const missing = due.filter((s) => !had.has(`${inv.id}:${s.kind}`));
      if (!missing.length) continue;
      const latest = due[due.length - 1]!;
      await ctx.db.transaction(async (tx) => {
        let mailLatest = false;
        for (const s of missing) {
          const [res] = await tx.insert(invoiceNotices).ignore().values({ invoiceId: inv.id, kind: s.kind, sent: s.kind === latest.kind });
          if (s.kind === latest.kind && res.affectedRows === 1) mailLatest = true;
        }
        if (!mailLatest) return;
        const wanted = latest.kind.startsWith('overdue') ? ctx.billing.emails.overdueNotices : ctx.billing.emails.reminders;
        if (!wanted) return;
        const [customer] = await tx.select({ name: customers.name, email: customers.email }).from(customers).where(eq(customers.id, inv.customerId));
        if (!customer) return;
        const [withServices] = await tx.select({ id: serviceBillingPeriods.serviceId }).from(serviceBillingPeriods).where(eq(serviceBillingPeriods.invoiceId, inv.id)).limit(1);
        const mail = await queueEmail(tx, {
          to: customer.email,
          template: 'invoice-reminder',
          props: {
            name: customer.name,
            invoiceNumber: inv.number ?? inv.publicId,
            invoicePublicId: inv.publicId,
            balance: formatMoney(inv.totalMinor - inv.paidMinor, inv.currency),
            dueOn: inv.dueOn!,
            invoiceUrl: await areaUrl(ctx.storefrontId, 'account', `/invoices/${inv.publicId}`),
            stage: latest.kind,
            ...(withServices && ctx.billing.suspendAfterDays > 0 ? { suspendOn: addDays(inv.dueOn!, ctx.billing.suspendAfterDays + 1) } : {}),
          },
          dedupeKey: `invoice-notice:${inv.id}:${latest.kind}`,
        });
        ctx.mail.push(mail.id);
        sent[latest.kind] += 1;
      });
    }
  }
  return sent;
}
