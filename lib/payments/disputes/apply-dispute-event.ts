import { and, eq, sql } from 'drizzle-orm';
import { invoices, paymentDisputes, type PaymentDispute } from '@/db/schema/storefront';
import { raiseAlert } from '@/lib/alerts/raise-alert';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import { publicId } from '@/lib/ids/public-id';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { gatewayDefinition } from '../registry';
import { findTransactionForEvent, type PaymentTransaction } from '../transactions';
import { closeDispute } from './close-dispute';
import { canMoveDispute, formatDeadline, type DisputeEvent } from './dispute-state';

/**
 * One dispute event from a gateway, in the webhook's transaction. Events arrive late, twice and out of order
 * ("closed" before "created"), so this acts on the state each carries: the first to arrive opens the row, an
 * older snapshot never overwrites a newer one, and a closed dispute never changes again.
 */
export async function applyDisputeEvent(
  tx: SfDb,
  opts: { gateway: string; event: DisputeEvent; actor: AuditActor; now: Date; alerts: number[] },
): Promise<'applied' | 'unchanged' | 'unmatched'> {
  const { event } = opts;
  const charge = await findTransactionForEvent(tx, opts.gateway, { attemptId: null, gatewayPaymentId: event.gatewayPaymentId });
  if (!charge) return 'unmatched';
  const { row, opened } = await lockOrOpen(tx, opts, charge);
  if (row.status === 'closed') return 'unchanged';
  if (event.type === 'dispute.closed') {
    await closeDispute(tx, { dispute: row, charge, event, actor: opts.actor, now: opts.now, alerts: opts.alerts });
    return 'applied';
  }
  if (opened) return 'applied';
  if (event.asOf < row.gatewayAsOf) return 'unchanged';
  const next = {
    status: event.status,
    gatewayStatus: event.gatewayStatus.slice(0, 40),
    // A gateway that stops naming a deadline has not lifted it.
    evidenceDueBy: event.evidenceDueBy ?? row.evidenceDueBy,
    amountMinor: event.amountMinor,
    reason: event.reason.slice(0, 64),
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => !same(next[k], row[k]));
  if (!changed.length || (next.status !== row.status && !canMoveDispute(row.status, next.status))) {
    await tx.update(paymentDisputes).set({ gatewayAsOf: event.asOf }).where(eq(paymentDisputes.id, row.id));
    return 'unchanged';
  }
  await tx
    .update(paymentDisputes)
    .set({ ...next, gatewayAsOf: event.asOf })
    .where(and(eq(paymentDisputes.id, row.id), eq(paymentDisputes.status, row.status)));
  await recordAudit(tx, {
    actor: opts.actor,
    action: 'dispute.updated',
    target: { type: 'dispute', id: row.publicId },
    before: Object.fromEntries(changed.map((k) => [k, row[k]])),
    after: Object.fromEntries(changed.map((k) => [k, next[k]])),
  });
  return 'applied';
}

function same(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/** The dispute's row, locked; the first event of a dispute inserts it (a racing delivery's insert waits, then reads it). */
async function lockOrOpen(tx: SfDb, opts: { gateway: string; event: DisputeEvent; actor: AuditActor; now: Date; alerts: number[] }, charge: PaymentTransaction): Promise<{ row: PaymentDispute; opened: boolean }> {
  const { event } = opts;
  const lock = async () =>
    (await tx.select().from(paymentDisputes).where(and(eq(paymentDisputes.gateway, opts.gateway), eq(paymentDisputes.gatewayDisputeId, event.gatewayDisputeId))).for('update'))[0];
  const existing = await lock();
  if (existing) return { row: existing, opened: false };
  try {
    await tx.insert(paymentDisputes).values({
      publicId: publicId('dsp'),
      gateway: opts.gateway,
      gatewayDisputeId: event.gatewayDisputeId,
      customerId: charge.customerId,
      transactionId: charge.id,
      invoiceId: charge.invoiceId,
      amountMinor: event.amountMinor,
      currency: event.currency,
      reason: event.reason.slice(0, 64),
      // A dispute first heard of as closed was open until then; closeDispute moves it.
      status: event.type === 'dispute.closed' ? 'needs_response' : event.status,
      gatewayStatus: event.gatewayStatus.slice(0, 40),
      evidenceDueBy: event.evidenceDueBy,
      gatewayAsOf: event.asOf,
      openedAt: opts.now,
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const raced = await lock();
    if (raced) return { row: raced, opened: false };
    throw err;
  }
  const row = (await lock())!;
  await announceOpened(tx, row, opts);
  return { row, opened: true };
}

async function announceOpened(tx: SfDb, row: PaymentDispute, opts: { gateway: string; event: DisputeEvent; actor: AuditActor; now: Date; alerts: number[] }): Promise<void> {
  const name = gatewayDefinition(opts.gateway)?.names.staff ?? opts.gateway;
  const money = (await loadCurrencyBook(tx)).format(row.amountMinor, row.currency);
  await recordAudit(tx, {
    actor: opts.actor,
    action: 'dispute.opened',
    target: { type: 'dispute', id: row.publicId },
    after: { gateway: opts.gateway, dispute: row.gatewayDisputeId, amountMinor: row.amountMinor, currency: row.currency, reason: row.reason, status: row.status, evidenceDueBy: row.evidenceDueBy?.toISOString() ?? null },
  });
  let on = 'a payment that paid no invoice';
  if (row.invoiceId !== null) {
    const [inv] = await tx.select().from(invoices).where(eq(invoices.id, row.invoiceId)).for('update');
    if (inv) {
      on = `invoice ${inv.number ?? inv.publicId}`;
      await tx.update(invoices).set({ disputedAt: sql`COALESCE(${invoices.disputedAt}, ${opts.now})` }).where(eq(invoices.id, inv.id));
      await recordAudit(tx, { actor: opts.actor, action: 'invoice.disputed', target: { type: 'invoice', id: inv.publicId }, after: { gateway: opts.gateway, dispute: row.gatewayDisputeId, amountMinor: row.amountMinor, reason: row.reason } });
    }
  }
  const due = row.evidenceDueBy ? `Evidence is due by ${formatDeadline(row.evidenceDueBy)}` : 'The gateway gave no evidence deadline';
  const alert = await raiseAlert(tx, {
    severity: 'critical',
    category: 'payments',
    title: `Dispute on ${on}`,
    body: `The customer disputed ${money} with their bank (${name} dispute ${row.gatewayDisputeId}, reason: ${row.reason}). ${due}: answer it in the ${name} dashboard. If it is lost, the amount comes off the invoice and its services go through the usual dunning.`,
    dedupeKey: `dispute:${opts.gateway}:${row.gatewayDisputeId}`.slice(0, 191),
  });
  if (alert.created && alert.discordStatus === 'pending') opts.alerts.push(alert.id);
}
