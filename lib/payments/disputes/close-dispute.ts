import { and, eq, ne, or } from 'drizzle-orm';
import { invoices, paymentDisputes, type PaymentDispute } from '@/db/schema/storefront';
import { raiseAlert } from '@/lib/alerts/raise-alert';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { gatewayDefinition } from '../registry';
import type { PaymentTransaction } from '../transactions';
import { chargeBackPayment } from './charge-back-payment';
import type { DisputeEvent } from './dispute-state';

type Closed = Extract<DisputeEvent, { type: 'dispute.closed' }>;

/**
 * The bank decided. Won: the dispute closes and the invoice loses its disputed flag (unless another dispute of it
 * is open or was lost). Lost: what the customer got back comes off the invoice (chargeBackPayment), which is due
 * again and keeps its flag, so saved cards are not charged for it behind the customer's back. Staff are told
 * either way. The caller holds the dispute's row lock and has checked it is still open.
 */
export async function closeDispute(tx: SfDb, opts: { dispute: PaymentDispute; charge: PaymentTransaction; event: Closed; actor: AuditActor; now: Date; alerts: number[] }): Promise<void> {
  const { dispute, event } = opts;
  const [moved] = await tx
    .update(paymentDisputes)
    .set({ status: 'closed', outcome: event.outcome, closedAt: opts.now, gatewayStatus: event.gatewayStatus.slice(0, 40), gatewayAsOf: event.asOf, evidenceDueBy: event.evidenceDueBy ?? dispute.evidenceDueBy })
    .where(and(eq(paymentDisputes.id, dispute.id), eq(paymentDisputes.status, dispute.status)));
  if (moved.affectedRows !== 1) return;
  const name = gatewayDefinition(dispute.gateway)?.names.staff ?? dispute.gateway;
  const currencies = await loadCurrencyBook(tx);
  const money = currencies.format(dispute.amountMinor, dispute.currency);

  if (event.outcome === 'won') {
    const invoice = dispute.invoiceId === null ? null : await clearDisputedFlag(tx, dispute);
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'dispute.won',
      target: { type: 'dispute', id: dispute.publicId },
      before: { status: dispute.status },
      after: { status: 'closed', outcome: 'won', gatewayStatus: event.gatewayStatus, invoice: invoice?.publicId ?? null, invoiceFlagCleared: invoice?.cleared ?? false },
    });
    const alert = await raiseAlert(tx, {
      severity: 'info',
      category: 'payments',
      title: `Dispute won${invoice ? ` on invoice ${invoice.label}` : ''}`,
      body: `${name} dispute ${dispute.gatewayDisputeId} over ${money} closed in our favour (${event.gatewayStatus}): the payment stands and the invoice is unchanged.`,
      dedupeKey: `dispute-won:${dispute.gateway}:${dispute.gatewayDisputeId}`.slice(0, 191),
    });
    if (alert.created && alert.discordStatus === 'pending') opts.alerts.push(alert.id);
    return;
  }

  const back = await chargeBackPayment(tx, { dispute, charge: opts.charge, lostMinor: event.lostMinor, actor: opts.actor });
  if (back.transactionId !== null) {
    await tx.update(paymentDisputes).set({ chargedBackMinor: back.reversedMinor, reversalTransactionId: back.transactionId }).where(eq(paymentDisputes.id, dispute.id));
  }
  const label = back.invoice ? `invoice ${back.invoice.number ?? back.invoice.publicId}` : 'a payment';
  await recordAudit(tx, {
    actor: opts.actor,
    action: 'dispute.lost',
    target: { type: 'dispute', id: dispute.publicId },
    before: { status: dispute.status },
    after: { status: 'closed', outcome: 'lost', gatewayStatus: event.gatewayStatus, lostMinor: event.lostMinor, chargedBackMinor: back.reversedMinor, invoice: back.invoice?.publicId ?? null },
  });
  const effect =
    back.transactionId !== null
      ? `${currencies.format(back.reversedMinor, dispute.currency)} came off ${label}, which is unpaid again with ${currencies.format(back.balanceMinor, dispute.currency)} due; its services follow the usual overdue notices and suspension.`
      : `Nothing was taken off the invoice: ${back.why}. Check the payment in the ${name} dashboard.`;
  const alert = await raiseAlert(tx, {
    severity: 'critical',
    category: 'payments',
    title: `Dispute lost on ${label}`,
    body: `${name} dispute ${dispute.gatewayDisputeId} over ${money} was decided for the customer (${event.gatewayStatus}). ${effect}`,
    dedupeKey: `dispute-lost:${dispute.gateway}:${dispute.gatewayDisputeId}`.slice(0, 191),
  });
  if (alert.created && alert.discordStatus === 'pending') opts.alerts.push(alert.id);
}

/** Clears the invoice's disputed flag unless another of its disputes is still open or was lost. */
async function clearDisputedFlag(tx: SfDb, dispute: PaymentDispute): Promise<{ publicId: string; label: string; cleared: boolean } | null> {
  const [inv] = await tx.select().from(invoices).where(eq(invoices.id, dispute.invoiceId!)).for('update');
  if (!inv) return null;
  const [other] = await tx
    .select({ id: paymentDisputes.id })
    .from(paymentDisputes)
    .where(and(eq(paymentDisputes.invoiceId, inv.id), ne(paymentDisputes.id, dispute.id), or(ne(paymentDisputes.status, 'closed'), eq(paymentDisputes.outcome, 'lost'))))
    .limit(1);
  const cleared = !other && inv.disputedAt !== null;
  if (cleared) await tx.update(invoices).set({ disputedAt: null }).where(eq(invoices.id, inv.id));
  return { publicId: inv.publicId, label: inv.number ?? inv.publicId, cleared };
}
