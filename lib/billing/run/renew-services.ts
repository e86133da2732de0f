import { eq } from 'drizzle-orm';
import { serviceBillingPeriods, services } from '@/db/schema/storefront';
import { recordAudits } from '@/lib/audit/record-audit';
import { bulkInsert } from '@/lib/db/bulk-insert';
import type { SfDb } from '@/lib/db/connection';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import { issueInvoices, NumberingTurnTimeout, type NumberingTurn } from '@/lib/invoices/issue-invoice';
import { settleZeroInvoice } from '@/lib/invoices/record-invoice-payment';
import { queueEmail } from '@/lib/email/enqueue-email';
import { shownLineAmount } from '@/lib/pricing/shown-line-amount';
import type { PassContext } from './context';
import { prepareGroups } from './prepare-renewal-chunk';
import { groupChunks } from './renewal-due-chunks';
import { unchangedUnderLock } from './renewal-lock';
import type { PreparedChunk } from './renewal-rows';

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

type Issued = { invoices: number; services: number; mail: number[] };

/**
 * Issues a prepared chunk's invoices in the caller's transaction with multi-row statements, after locking its
 * services: if any changed since it was priced (a payment, a plan change, another pass), the chunk is read and
 * priced again under the lock. The billing-period rows go in with the invoices: if another pass got to one of
 * these periods first, its primary key refuses and the whole transaction rolls back (see invoiceGroups).
 */
async function issueGroups(ctx: PassContext, tx: SfDb, chunk: PreparedChunk, turn: NumberingTurn): Promise<Issued> {
  const unchanged = await unchangedUnderLock(tx, chunk);
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
        for (const step of prepared.flatMap((p) => p.couponSteps)) await tx.update(services).set({ coupons: step.coupons }).where(eq(services.id, step.serviceId));
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
    const money = (m: number) => ctx.currencies.format(m, p.options.currency);
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
        lines: p.options.lines.map((l) => ({ description: l.description, amount: money(shownLineAmount(l, ctx.commerce.taxInclusive)) })),
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
