import type { CurrencyBook } from '@/lib/money/currency-book';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { invoiceLines, invoices, serviceBillingPeriods, usageCounters, usagePeriodClosings, type Invoice } from '@/db/schema/storefront';
import { recordAudits, type AuditActor, type AuditEvent } from '@/lib/audit/record-audit';
import { bulkInsert } from '@/lib/db/bulk-insert';
import type { SfDb } from '@/lib/db/connection';
import { idIn } from '@/lib/db/id-in';
import { isRecurringCycle } from '@/lib/dates/billing-cycles';
import { queueEmail } from '@/lib/email/enqueue-email';
import { issueInvoices, type IssuedInvoice, type IssueInvoiceOptions, type NumberingTurn } from '@/lib/invoices/issue-invoice';
import { settleZeroInvoice } from '@/lib/invoices/record-invoice-payment';
import { shownLineAmount } from '@/lib/pricing/shown-line-amount';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import type { ServiceClosing } from './plan-usage-closing';

export interface UsageWriteContext {
  at: Date;
  actor: AuditActor;
  commerce: CommerceSettings;
  /** Whether an issued usage invoice is mailed (the storefront's invoice-issued email setting). */
  mailInvoices: boolean;
  /** This chunk's place in the numbering order, when chunks are written side by side (see NumberingTurn). */
  turn?: NumberingTurn;
  accountUrl: (path: string) => Promise<string>;
  currencies: CurrencyBook;
}

export interface UsageWritten {
  invoices: number;
  attached: number;
  lines: number;
  mail: number[];
}

/** A counter's new state goes in over its existing row: the closing holds its lock, so nothing else moved it. */
const COUNTER_BILLED = ['unbilled', 'closed', 'last_closed_on', 'billed_quantity', 'billed_charged_quantity'].map((c) => `\`${c}\` = VALUES(\`${c}\`)`).join(', ') + ', `updated_at` = CURRENT_TIMESTAMP(3)';

/**
 * The renewal invoices, still unpaid, of the periods these closings' dates start (a monthly service's usage closes
 * on its due date), locked: their usage goes on them instead of an invoice of its own.
 */
async function openRenewals(tx: SfDb, closings: ServiceClosing[]): Promise<Map<string, Invoice>> {
  const byStart = new Map<string, number[]>();
  for (const c of closings) {
    if (!c.lines.length || !isRecurringCycle(c.service.cycle)) continue;
    const ids = byStart.get(c.closedOn);
    if (ids) ids.push(c.service.id);
    else byStart.set(c.closedOn, [c.service.id]);
  }
  if (!byStart.size) return new Map();
  const periods = await tx
    .select({ serviceId: serviceBillingPeriods.serviceId, periodStart: serviceBillingPeriods.periodStart, invoiceId: serviceBillingPeriods.invoiceId })
    .from(serviceBillingPeriods)
    .where(or(...[...byStart].map(([start, ids]) => and(eq(serviceBillingPeriods.periodStart, start), idIn(serviceBillingPeriods.serviceId, ids)))));
  if (!periods.length) return new Map();
  const locked = new Map((await tx.select().from(invoices).where(and(idIn(invoices.id, [...new Set(periods.map((p) => p.invoiceId))]), eq(invoices.status, 'unpaid'))).for('update')).map((i) => [i.id, i]));
  const out = new Map<string, Invoice>();
  for (const p of periods) {
    const inv = locked.get(p.invoiceId);
    if (inv) out.set(`${p.serviceId}|${p.periodStart}`, inv);
  }
  return out;
}

/** Adds usage lines after an unpaid renewal invoice's own and raises its totals, in the closing's transaction. */
async function attachLines(tx: SfDb, ctx: UsageWriteContext, attach: { invoice: Invoice; closings: ServiceClosing[] }[]): Promise<AuditEvent[]> {
  const last = new Map(
    (
      await tx
        .select({ id: invoiceLines.invoiceId, n: sql<number>`MAX(${invoiceLines.sortOrder})` })
        .from(invoiceLines)
        .where(inArray(invoiceLines.invoiceId, attach.map((a) => a.invoice.id)))
        .groupBy(invoiceLines.invoiceId)
    ).map((r) => [r.id, Number(r.n)]),
  );
  const rows: (typeof invoiceLines.$inferInsert)[] = [];
  const audits: AuditEvent[] = [];
  for (const { invoice, closings } of attach) {
    const lines = closings.flatMap((c) => c.lines);
    let sort = last.get(invoice.id) ?? 0;
    for (const l of lines) {
      sort += 1;
      rows.push({ invoiceId: invoice.id, kind: 'usage', description: l.description.slice(0, 255), serviceId: l.serviceId ?? null, orderItemId: null, couponId: null, quantity: l.quantity, amountMinor: l.amountMinor, taxMinor: l.taxMinor, tax: l.tax, periodStart: l.periodStart ?? null, periodEnd: l.periodEnd ?? null, quantityPrecise: l.quantityPrecise ?? null, unitPricePrecise: l.unitPricePrecise ?? null, sortOrder: sort });
    }
    const net = lines.reduce((s, l) => s + l.amountMinor, 0);
    const tax = lines.reduce((s, l) => s + l.taxMinor, 0);
    await tx
      .update(invoices)
      .set({ subtotalMinor: sql`${invoices.subtotalMinor} + ${net}`, taxMinor: sql`${invoices.taxMinor} + ${tax}`, totalMinor: sql`${invoices.totalMinor} + ${net + tax}` })
      .where(and(eq(invoices.id, invoice.id), eq(invoices.status, 'unpaid')));
    for (const c of closings) c.closings.forEach((row) => (row.invoiceId = invoice.id));
    audits.push({ actor: ctx.actor, action: 'invoice.usage_added', target: { type: 'invoice', id: invoice.publicId }, before: { totalMinor: invoice.totalMinor }, after: { totalMinor: invoice.totalMinor + net + tax, usageMinor: net + tax, services: [...new Set(closings.map((c) => c.service.publicId))] } });
  }
  await bulkInsert(tx, invoiceLines, rows);
  return audits;
}

/**
 * Writes planned closings in the caller's transaction: usage lines onto the open renewal invoice of the period the
 * closing date starts, otherwise one usage invoice per service and closing date through the normal invoice path
 * (numbering, parties, tax frozen per line), due on the closing date; then the closing rows (their primary key
 * refuses a second closing of the same period on the same date) and the counters' billed state. A closing with
 * nothing chargeable writes its rows and no invoice. Issued invoices are never changed afterwards: usage arriving
 * later goes on the next one.
 */
export async function writeUsageClosing(tx: SfDb, ctx: UsageWriteContext, planned: ServiceClosing[]): Promise<UsageWritten> {
  const renewals = await openRenewals(tx, planned);
  const attach = new Map<number, { invoice: Invoice; closings: ServiceClosing[] }>();
  const own: ServiceClosing[] = [];
  for (const c of planned) {
    if (!c.lines.length) continue;
    const renewal = renewals.get(`${c.service.id}|${c.closedOn}`);
    if (!renewal) {
      own.push(c);
      continue;
    }
    const entry = attach.get(renewal.id);
    if (entry) entry.closings.push(c);
    else attach.set(renewal.id, { invoice: renewal, closings: [c] });
  }
  const audits = attach.size ? await attachLines(tx, ctx, [...attach.values()]) : [];

  const writeRows = async () => {
    await bulkInsert(tx, usagePeriodClosings, planned.flatMap((c) => c.closings));
    await bulkInsert(tx, usageCounters, planned.flatMap((c) => c.counters), { onDuplicateKeyUpdate: COUNTER_BILLED });
  };
  const options: IssueInvoiceOptions[] = own.map((c) => ({ customer: c.customer, currency: c.service.currency, lines: c.lines, reverseCharge: c.tax.basis === 'reverse_charge', settings: ctx.commerce, now: ctx.at, dueInDays: 0, dueOn: c.closedOn }));
  let issued: IssuedInvoice[] = [];
  if (own.length) {
    issued = await issueInvoices(tx, options, {
      turn: ctx.turn,
      // Written before numbering: the counter row numbers are taken from stays locked until the commit.
      beforeNumbering: async (drafts) => {
        own.forEach((c, i) => c.closings.forEach((row) => (row.invoiceId = drafts[i]!.id)));
        await writeRows();
      },
    });
  } else {
    await writeRows();
  }

  const mail: number[] = [];
  for (const [i, c] of own.entries()) {
    const invoice = issued[i]!;
    audits.push({ actor: ctx.actor, action: 'invoice.issued', target: { type: 'invoice', id: invoice.publicId }, after: { number: invoice.number, totalMinor: invoice.totalMinor, dueOn: c.closedOn, usage: true, services: [c.service.publicId] } });
    if (invoice.totalMinor === 0) {
      await settleZeroInvoice(tx, { invoiceId: invoice.id, actor: ctx.actor, now: ctx.at });
      continue;
    }
    if (!ctx.mailInvoices) continue;
    const money = (m: number) => ctx.currencies.format(m, c.service.currency);
    const queued = await queueEmail(tx, {
      to: c.customer.email,
      template: 'invoice-issued',
      props: {
        name: c.customer.name,
        invoiceNumber: invoice.number,
        invoicePublicId: invoice.publicId,
        total: money(invoice.totalMinor),
        dueOn: c.closedOn,
        invoiceUrl: await ctx.accountUrl(`/invoices/${invoice.publicId}`),
        lines: c.lines.map((l) => ({ description: l.description, amount: money(shownLineAmount(l, ctx.commerce.taxInclusive)) })),
      },
      dedupeKey: `invoice-issued:${invoice.id}`,
    });
    mail.push(queued.id);
  }
  await recordAudits(tx, audits);
  return { invoices: issued.length, attached: attach.size, lines: planned.reduce((n, c) => n + c.lines.length, 0), mail };
}
