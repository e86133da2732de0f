import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { idIn } from '@/lib/db/id-in';
import { customers, invoiceNotices, invoices, serviceBillingPeriods, type InvoiceNoticeKind } from '@/db/schema/storefront';
import { bulkInsert } from '@/lib/db/bulk-insert';
import type { SfDb } from '@/lib/db/connection';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { queueEmail } from '@/lib/email/enqueue-email';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import { addDays } from '@/lib/dates/calendar-days';
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
    const existing = await ctx.db.select().from(invoiceNotices).where(idIn(invoiceNotices.invoiceId, batch.map((i) => i.id)));
    const had = new Set(existing.map((n) => `${n.invoiceId}:${n.kind}`));
    const pending = batch.filter((inv) => stages.some((s) => addDays(inv.dueOn!, s.offset) <= ctx.today && !had.has(`${inv.id}:${s.kind}`)));
    if (!pending.length) continue;
    const done = await withDuplicateRetry(() => withDeadlockRetry(() => ctx.db.transaction((tx) => recordNotices(ctx, tx, stages, pending))));
    // Only now, after the commit: a retried transaction's rolled-back mail must not be dispatched.
    ctx.mail.push(...done.mail);
    for (const kind of Object.keys(done.sent) as Stage[]) sent[kind] += done.sent[kind];
  }
  return sent;
}

type PendingInvoice = { id: number; publicId: string; number: string | null; dueOn: string | null; currency: string; totalMinor: number; paidMinor: number; customerId: number };

/**
 * One transaction for a batch of invoices: the locking read holds off a concurrent pass on the same invoices, the
 * notice rows go in as one statement, and each invoice's mail is queued with them, so a kill at any point leaves
 * either all of a batch's notices and mail or none.
 */
async function recordNotices(
  ctx: PassContext,
  tx: SfDb,
  stages: { kind: Stage; offset: number }[],
  batch: PendingInvoice[],
): Promise<{ sent: Record<Stage, number>; mail: number[] }> {
  const sent: Record<Stage, number> = { reminder: 0, due: 0, overdue_1: 0, overdue_2: 0, overdue_3: 0 };
  const mail: number[] = [];
  const ids = batch.map((i) => i.id);
  const had = new Set((await tx.select().from(invoiceNotices).where(idIn(invoiceNotices.invoiceId, ids)).for('update')).map((n) => `${n.invoiceId}:${n.kind}`));
  const rows: (typeof invoiceNotices.$inferInsert)[] = [];
  const toMail: { inv: PendingInvoice; kind: Stage }[] = [];
  for (const inv of batch) {
    const due = stages.filter((s) => addDays(inv.dueOn!, s.offset) <= ctx.today);
    const missing = due.filter((s) => !had.has(`${inv.id}:${s.kind}`));
    if (!missing.length) continue;
    const latest = due[due.length - 1]!.kind;
    for (const s of missing) rows.push({ invoiceId: inv.id, kind: s.kind, sent: s.kind === latest });
    if (missing.some((s) => s.kind === latest)) toMail.push({ inv, kind: latest });
  }
  await bulkInsert(tx, invoiceNotices, rows);
  const wanted = toMail.filter(({ kind }) => (kind.startsWith('overdue') ? ctx.billing.emails.overdueNotices : ctx.billing.emails.reminders));
  if (!wanted.length) return { sent, mail };
  const wantedIds = wanted.map((w) => w.inv.id);
  const people = new Map(
    (await tx.select({ id: customers.id, name: customers.name, email: customers.email }).from(customers).where(idIn(customers.id, [...new Set(wanted.map((w) => w.inv.customerId))]))).map((c) => [c.id, c]),
  );
  const forServices = new Set((await tx.selectDistinct({ id: serviceBillingPeriods.invoiceId }).from(serviceBillingPeriods).where(idIn(serviceBillingPeriods.invoiceId, wantedIds))).map((r) => r.id));
  for (const { inv, kind } of wanted) {
    const customer = people.get(inv.customerId);
    if (!customer) continue;
    const queued = await queueEmail(tx, {
      to: customer.email,
      template: 'invoice-reminder',
      props: {
        name: customer.name,
        invoiceNumber: inv.number ?? inv.publicId,
        invoicePublicId: inv.publicId,
        balance: ctx.currencies.format(inv.totalMinor - inv.paidMinor, inv.currency),
        dueOn: inv.dueOn!,
        invoiceUrl: await ctx.accountUrl(`/invoices/${inv.publicId}`),
        stage: kind,
        ...(forServices.has(inv.id) && ctx.billing.suspendAfterDays > 0 ? { suspendOn: addDays(inv.dueOn!, ctx.billing.suspendAfterDays + 1) } : {}),
      },
      dedupeKey: `invoice-notice:${inv.id}:${kind}`,
    });
    mail.push(queued.id);
    sent[kind] += 1;
  }
  return { sent, mail };
}

/** A concurrent pass inserted one of the batch's notices between our read and our insert: read again and go on. */
async function withDuplicateRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !isDuplicateKeyError(err)) throw err;
    }
  }
}
