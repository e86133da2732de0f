import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { idIn } from '@/lib/db/id-in';
import { couponAmounts, coupons, customers, plans, serviceBillingPeriods, services, type Service } from '@/db/schema/storefront';
import { recordAudits } from '@/lib/audit/record-audit';
import { bulkInsert } from '@/lib/db/bulk-insert';
import type { SfDb } from '@/lib/db/connection';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import { issueInvoices, NumberingTurnTimeout, type IssueInvoiceOptions, type NumberingTurn } from '@/lib/invoices/issue-invoice';
import { settleZeroInvoice } from '@/lib/invoices/record-invoice-payment';
import { queueEmail } from '@/lib/email/enqueue-email';
import { formatMoney } from '@/lib/money/format';
import { pricingCustomersOf } from '@/lib/pricing/pricing-context';
import { priceOrder } from '@/lib/pricing/price-order';
import { decideTax } from '@/lib/tax/decide-tax';
import type { CouponInput } from '@/lib/pricing/types';
import { invoiceLeadDays } from '@/lib/settings/billing-settings';
import { addCycles, isRecurringCycle } from '@/lib/dates/billing-cycles';
import { addDays } from '@/lib/dates/calendar-days';
import type { PassContext } from './context';

const RENEWABLE = ['active', 'suspended'] as const;
/** Invoices per transaction: short enough to hold locks briefly, long enough to amortise the round trips. */
const GROUPS_PER_TRANSACTION = 200;
/** Chunks read and priced ahead of the one being written, so the process prices while the database writes. */
const READ_AHEAD = 2;
/** Transactions writing at once: one numbers and commits while the next writes its rows. */
const WRITERS = 2;
/**
 * How long a transaction holding its services' locks waits for its numbering turn before it rolls back, waits
 * without locks and starts again. The database cannot see that wait: another pass or a payment waiting on those
 * locks while the turn waits on it would otherwise stall until the lock wait timeout.
 */
const TURN_PATIENCE_MS = 3_000;

/** The furthest due date any cycle is invoiced ahead for: the first, cheap filter. */
function horizon(ctx: PassContext): string {
  const leads = [ctx.billing.invoiceDaysBefore, ...Object.values(ctx.billing.invoiceDaysBeforeByCycle).filter((d): d is number => d !== undefined)];
  return addDays(ctx.today, Math.max(...leads));
}

/** Everything about a service that choosing and pricing read, plus whether its period was already invoiced. */
const FINGERPRINT = {
  id: services.id,
  status: services.status,
  customerId: services.customerId,
  planId: services.planId,
  cycle: services.cycle,
  currency: services.currency,
  recurringMinor: services.recurringMinor,
  nextDueOn: services.nextDueOn,
  anchorDay: services.anchorDay,
  couponId: services.couponId,
  couponCyclesRemaining: services.couponCyclesRemaining,
  label: services.label,
  autoRenew: services.autoRenew,
  cancellationRequestedAt: services.cancellationRequestedAt,
};

/** What choosing, grouping and pricing read of a service; the transaction compares it under lock before trusting a price. */
const PRICED = { ...FINGERPRINT, publicId: services.publicId };
type DueService = Pick<Service, keyof typeof PRICED>;

/**
 * Services due for their next renewal invoice, a batch of customers at a time (a customer's services always land
 * in the same batch, so grouping never depends on where a batch boundary fell). Walking customer ids keeps each
 * batch query cheap however many services there are.
 */
async function nextBatch(ctx: PassContext, afterCustomerId: number): Promise<{ services: DueService[]; lastCustomerId: number | null }> {
  const due = and(inArray(services.status, [...RENEWABLE]), eq(services.autoRenew, true), isNull(services.cancellationRequestedAt), isNotNull(services.nextDueOn), lte(services.nextDueOn, horizon(ctx)));
  const people = await ctx.db
    .selectDistinct({ customerId: services.customerId })
    .from(services)
    .where(and(due, gt(services.customerId, afterCustomerId)))
    .orderBy(asc(services.customerId))
    .limit(Math.max(1, Math.floor(ctx.batchSize / 5)));
  if (!people.length) return { services: [], lastCustomerId: null };
  // Forced: for this many columns MariaDB's cost model prefers scanning every service to 1,000 index lookups.
  const rows = await ctx.db
    .select(PRICED)
    .from(services, { forceIndex: 'services_customer_idx' })
    .where(and(due, idIn(services.customerId, people.map((p) => p.customerId))))
    .orderBy(asc(services.customerId), asc(services.id));
  return { services: rows, lastCustomerId: people[people.length - 1]!.customerId };
}

/**
 * Which of these services already have their current period (the one starting on their next due date) invoiced,
 * as "serviceId|periodStart". Asked as whole primary keys: by service id alone, MariaDB's estimates for a table a
 * pass is still filling make it scan the whole table for every chunk.
 */
async function invoicedPeriods(db: SfDb, rows: readonly { id: number; nextDueOn: string | null }[]): Promise<Set<string>> {
  const byStart = new Map<string, number[]>();
  for (const r of rows) {
    if (!r.nextDueOn) continue;
    const ids = byStart.get(r.nextDueOn);
    if (ids) ids.push(r.id);
    else byStart.set(r.nextDueOn, [r.id]);
  }
  if (!byStart.size) return new Set();
  const found = await db
    .select({ id: serviceBillingPeriods.serviceId, start: serviceBillingPeriods.periodStart })
    .from(serviceBillingPeriods, { forceIndex: 'PRIMARY' })
    .where(or(...[...byStart].map(([start, ids]) => and(eq(serviceBillingPeriods.periodStart, start), idIn(serviceBillingPeriods.serviceId, ids)))));
  return new Set(found.map((r) => `${r.id}|${r.start}`));
}

/** Carried coupons by id and currency (a coupon's fixed amount differs per currency). */
async function carriedCoupons(db: SfDb, ids: number[]): Promise<Map<string, CouponInput>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ c: coupons, currency: couponAmounts.currency, discountMinor: couponAmounts.discountMinor })
    .from(coupons)
    .leftJoin(couponAmounts, eq(couponAmounts.couponId, coupons.id))
    .where(idIn(coupons.id, ids));
  const out = new Map<string, CouponInput>();
  for (const { c, currency, discountMinor } of rows) {
    const input: CouponInput = { ...c, discountMinor: discountMinor ?? null, minOrderMinor: 0, customerRedemptions: 0 };
    out.set(`${c.id}|${currency ?? ''}`, input);
    if (!out.has(`${c.id}|*`)) out.set(`${c.id}|*`, { ...input, discountMinor: null });
  }
  return out;
}

interface PreparedInvoice {
  options: IssueInvoiceOptions;
  dueOn: string;
  services: DueService[];
  periods: { serviceId: number; periodStart: string; periodEnd: string }[];
  couponSteps: { serviceId: number; remaining: number }[];
}

type Issued = { invoices: number; services: number; mail: number[] };

/** A chunk read and priced ahead of its transaction: the service rows it saw, to check under lock. */
interface PreparedChunk {
  groups: DueService[][];
  seen: Map<number, { service: DueService; invoiced: boolean }>;
  invoices: PreparedInvoice[];
}

/**
 * Reads and prices a chunk of groups (one customer's services due on one date each). With `lock` it runs in the
 * writing transaction and locks the service rows; without, it runs ahead of it on the pool, and the transaction
 * later checks under lock that every row is still exactly as priced.
 */
async function prepareGroups(ctx: PassContext, db: SfDb, groups: DueService[][], lock: boolean): Promise<PreparedChunk> {
  const all = groups.flat();
  const ids = all.map((s) => s.id);
  const people = await db.select().from(customers).where(and(idIn(customers.id, [...new Set(all.map((s) => s.customerId))]), eq(customers.status, 'active')));
  const personById = new Map(people.map((c) => [c.id, c]));
  // Ahead of the transaction the batch's own rows are priced (the transaction compares them under lock); under
  // lock they are read again, as a payment or another pass may have moved them since the batch was read.
  const current = lock
    ? await db
        .select(PRICED)
        .from(services)
        .where(and(idIn(services.id, ids), inArray(services.status, [...RENEWABLE]), eq(services.autoRenew, true), isNull(services.cancellationRequestedAt)))
        .for('update')
    : all;
  const fresh = new Map(current.map((s) => [s.id, s]));
  const done = await invoicedPeriods(db, current);
  const groupOf = new Map((await db.select({ id: plans.id, groupId: plans.groupId }).from(plans).where(idIn(plans.id, [...new Set(current.map((s) => s.planId))]))).map((p) => [p.id, p.groupId]));
  const couponOf = await carriedCoupons(db, [...new Set(current.map((s) => s.couponId).filter((id): id is number => id !== null))]);
  const pricingOf = await pricingCustomersOf(db, people, ctx.at);
  // One tax decision per customer, and one period per due date, cycle and anchor: the same for all their services.
  const taxOf = new Map(people.map((c) => [c.id, decideTax({ customer: pricingOf.get(c.id)!, settings: ctx.pricing, date: ctx.at })]));
  const periods = new Map<string, { end: string; lastDay: string }>();
  const periodOf = (dueOn: string, cycle: DueService['cycle'], anchorDay: number) => {
    const key = `${dueOn}|${cycle}|${anchorDay}`;
    let period = periods.get(key);
    if (!period) {
      const end = addCycles(dueOn, cycle, anchorDay);
      period = { end, lastDay: addDays(end, -1) };
      periods.set(key, period);
    }
    return period;
  };

  const prepared: PreparedInvoice[] = [];
  for (const group of groups) {
    const dueOn = group[0]!.nextDueOn!;
    const customer = personById.get(group[0]!.customerId);
    const billable = group.map((s) => fresh.get(s.id)).filter((s): s is DueService => s !== undefined && s.nextDueOn === dueOn && !done.has(`${s.id}|${dueOn}`));
    if (!customer || !billable.length) continue;
    const currency = billable[0]!.currency;
    const inv: PreparedInvoice = { dueOn, services: billable, periods: [], couponSteps: [], options: { customer, currency, lines: [], reverseCharge: false, settings: ctx.commerce, now: ctx.at, dueInDays: 0, dueOn } };
    for (const svc of billable) {
      const { end: periodEnd, lastDay } = periodOf(dueOn, svc.cycle, svc.anchorDay ?? Number(dueOn.slice(8, 10)));
      const carries = svc.couponId !== null && (svc.couponCyclesRemaining === null || svc.couponCyclesRemaining > 0);
      const coupon = carries ? (couponOf.get(`${svc.couponId}|${currency}`) ?? couponOf.get(`${svc.couponId}|*`)) : undefined;
      // Priced one service at a time, so a coupon one service carries never discounts its neighbour.
      const priced = priceOrder({
        kind: 'renewal',
        currency,
        date: ctx.at,
        items: [{ key: String(svc.id), planId: svc.planId, groupId: groupOf.get(svc.planId) ?? 0, description: svc.label, cycle: svc.cycle, amountMinor: svc.recurringMinor, setupFeeMinor: 0, options: [], trialDays: 0 }],
        coupons: coupon ? [coupon] : [],
        customer: pricingOf.get(customer.id)!,
        settings: ctx.pricing,
        tax: taxOf.get(customer.id)!,
      });
      inv.options.reverseCharge ||= priced.reverseCharge;
      for (const l of priced.lines) {
        inv.options.lines.push({ kind: l.kind, description: l.description, serviceId: svc.id, couponId: l.couponId, quantity: l.quantity, amountMinor: l.amountMinor, taxMinor: l.taxMinor, tax: l.tax, periodStart: dueOn, periodEnd: lastDay });
      }
      inv.periods.push({ serviceId: svc.id, periodStart: dueOn, periodEnd });
      if (coupon && svc.couponCyclesRemaining !== null && priced.appliedCoupons.length) inv.couponSteps.push({ serviceId: svc.id, remaining: svc.couponCyclesRemaining - 1 });
    }
    prepared.push(inv);
  }
  return { groups, seen: new Map(current.map((svc) => [svc.id, { service: svc, invoiced: done.has(`${svc.id}|${svc.nextDueOn}`) }])), invoices: prepared };
}

const FINGERPRINT_KEYS = Object.keys(FINGERPRINT) as (keyof typeof FINGERPRINT)[];

/** Whether a service still reads as it did when priced (see FINGERPRINT). */
function sameAsSeen(seen: { service: DueService; invoiced: boolean } | undefined, now: Pick<Service, keyof typeof FINGERPRINT>, done: Set<string>): boolean {
  if (!seen || seen.invoiced !== done.has(`${now.id}|${now.nextDueOn}`)) return false;
  return FINGERPRINT_KEYS.every((k) => {
    const [a, b] = [seen.service[k], now[k]];
    return a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());
  });
}

/**
 * Issues a prepared chunk's invoices in the caller's transaction with multi-row statements, after locking its
 * services: if any changed since it was priced (a payment, a plan change, another pass), the chunk is read and
 * priced again under the lock. The billing-period rows go in with the invoices: if another pass got to one of
 * these periods first, its primary key refuses and the whole transaction rolls back (see invoiceGroups).
 */
async function issueGroups(ctx: PassContext, tx: SfDb, chunk: PreparedChunk, turn: NumberingTurn): Promise<Issued> {
  const ids = chunk.groups.flat().map((s) => s.id);
  // Only what the fingerprint compares: the full rows were read (and priced) ahead of this transaction.
  const locked = await tx.select(FINGERPRINT).from(services).where(and(idIn(services.id, ids), inArray(services.status, [...RENEWABLE]), isNull(services.cancellationRequestedAt))).for('update');
  const done = await invoicedPeriods(tx, locked);
  const unchanged = locked.length === chunk.seen.size && locked.every((svc) => sameAsSeen(chunk.seen.get(svc.id), svc, done));
  const prepared = unchanged ? chunk.invoices : (await prepareGroups(ctx, tx, chunk.groups, true)).invoices;
  if (!prepared.length) return { invoices: 0, services: 0, mail: [] };
  const mail: number[] = [];

  const issued = await issueInvoices(
    tx,
    prepared.map((p) => p.options),
    {
      turn,
      // Before numbering, so they are written while the previous chunk still holds the numbering counter.
      beforeNumbering: async (drafts) => {
        await bulkInsert(tx, serviceBillingPeriods, prepared.flatMap((p, i) => p.periods.map((period) => ({ ...period, invoiceId: drafts[i]!.id }))));
        for (const step of prepared.flatMap((p) => p.couponSteps)) await tx.update(services).set({ couponCyclesRemaining: step.remaining }).where(eq(services.id, step.serviceId));
      },
    },
  );
  await recordAudits(
    tx,
    prepared.map((p, i) => ({ actor: ctx.actor, action: 'invoice.issued', target: { type: 'invoice', id: issued[i]!.publicId }, after: { number: issued[i]!.number, totalMinor: issued[i]!.totalMinor, dueOn: p.dueOn, services: p.services.map((s) => s.publicId) } })),
  );
  for (const [i, p] of prepared.entries()) {
    const invoice = issued[i]!;
    if (invoice.totalMinor === 0) {
      await settleZeroInvoice(tx, { invoiceId: invoice.id, actor: ctx.actor, now: ctx.at });
      continue;
    }
    if (!ctx.billing.emails.invoiceIssued) continue;
    const money = (m: number) => formatMoney(m, p.options.currency);
    const queued = await queueEmail(tx, {
      to: p.options.customer.email,
      template: 'invoice-issued',
      props: {
        name: p.options.customer.name,
        invoiceNumber: invoice.number,
        invoicePublicId: invoice.publicId,
        total: money(invoice.totalMinor),
        dueOn: p.dueOn,
        invoiceUrl: await ctx.accountUrl(`/invoices/${invoice.publicId}`),
        lines: p.options.lines.map((l) => ({ description: l.description, amount: money(ctx.commerce.taxInclusive ? l.amountMinor + l.taxMinor : l.amountMinor) })),
      },
      dedupeKey: `invoice-issued:${invoice.id}`,
    });
    mail.push(queued.id);
  }
  return { invoices: issued.length, services: prepared.reduce((n, p) => n + p.services.length, 0), mail };
}

/** Groups in one transaction; on a conflict with another pass, one transaction per group instead. */
async function invoiceGroups(ctx: PassContext, chunk: PreparedChunk, turn: NumberingTurn): Promise<{ invoices: number; services: number }> {
  const { groups } = chunk;
  try {
    const done = await withDeadlockRetry(() => ctx.db.transaction((tx) => issueGroups(ctx, tx, chunk, turn)));
    // Only after the commit: mail queued by a rolled-back attempt must not be dispatched.
    ctx.mail.push(...done.mail);
    return { invoices: done.invoices, services: done.services };
  } catch (err) {
    if (err instanceof NumberingTurnTimeout) {
      await turn.wait;
      return invoiceGroups(ctx, chunk, turn);
    }
    if (!isDuplicateKeyError(err) || groups.length === 1) {
      // Another pass invoiced this group's period between our check and our insert: its invoice stands.
      if (isDuplicateKeyError(err)) return { invoices: 0, services: 0 };
      throw err;
    }
    const total = { invoices: 0, services: 0 };
    for (const g of groups) {
      const r = await invoiceGroups(ctx, await prepareGroups(ctx, ctx.db, [g], false), turn);
      total.invoices += r.invoices;
      total.services += r.services;
    }
    return total;
  }
}

/** The due services as chunks of groups, one chunk per transaction, reading batch after batch. */
async function* groupChunks(ctx: PassContext): AsyncGenerator<DueService[][]> {
  let after = 0;
  const lastDue = new Map<string, string>();
  const lastDueFor = (cycle: DueService['cycle']) => {
    let date = lastDue.get(cycle);
    if (!date) lastDue.set(cycle, (date = addDays(ctx.today, invoiceLeadDays(ctx.billing, cycle))));
    return date;
  };
  for (;;) {
    const { services: batch, lastCustomerId } = await nextBatch(ctx, after);
    if (lastCustomerId === null) return;
    after = lastCustomerId;
    const due = batch.filter((s) => isRecurringCycle(s.cycle) && s.nextDueOn! <= lastDueFor(s.cycle));
    const groups = new Map<string, DueService[]>();
    for (const s of due) {
      const key = ctx.billing.invoiceGrouping === 'per_service' ? `s${s.id}` : `${s.customerId}|${s.nextDueOn}|${s.currency}`;
      const group = groups.get(key);
      if (group) group.push(s);
      else groups.set(key, [s]);
    }
    // A customer's groups stay in one chunk, so two transactions writing at once never touch the same customer.
    let chunk: DueService[][] = [];
    for (const group of groups.values()) {
      if (chunk.length >= GROUPS_PER_TRANSACTION && group[0]!.customerId !== chunk[chunk.length - 1]![0]!.customerId) {
        yield chunk;
        chunk = [];
      }
      chunk.push(group);
    }
    if (chunk.length) yield chunk;
  }
}

/**
 * Step 1: renewal invoices for services due within their cycle's lead time, grouped as the storefront says.
 * Chunks are read and priced ahead and written by two transactions at once; each takes its invoice numbers only
 * after the chunk before it has (see NumberingTurn), so numbers come out in customer order, the same however often
 * a pass is interrupted and run again.
 */
export async function renewServices(ctx: PassContext): Promise<{ invoices: number; services: number }> {
  const chunks = groupChunks(ctx);
  // Promises settled later than created get a no-op handler, so a failure surfaces where it is awaited only.
  const handled = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    return p;
  };
  const prepareNext = () => handled(chunks.next().then((next) => (next.done ? null : prepareGroups(ctx, ctx.db, next.value, false))));
  const totals = { invoices: 0, services: 0 };
  const add = (r: { invoices: number; services: number }) => {
    totals.invoices += r.invoices;
    totals.services += r.services;
  };
  // Async generators queue next() calls, so chunks still come out in customer order.
  const ahead = Array.from({ length: READ_AHEAD }, prepareNext);
  const writing: Promise<{ invoices: number; services: number }>[] = [];
  let previousTaken: Promise<void> = Promise.resolve();
  for (;;) {
    const chunk = await ahead.shift()!;
    if (!chunk) break;
    ahead.push(prepareNext());
    let taken!: () => void;
    const turn: NumberingTurn = { wait: previousTaken, taken: () => taken(), patienceMs: TURN_PATIENCE_MS };
    previousTaken = new Promise<void>((resolve) => (taken = resolve));
    // A chunk that ends without numbering (nothing left to bill, or a failure) must not hold up the next one.
    writing.push(handled(invoiceGroups(ctx, chunk, turn).finally(() => taken())));
    if (writing.length >= WRITERS) add(await writing.shift()!);
  }
  for (const w of writing) add(await w);
  return totals;
}
