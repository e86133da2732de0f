import { and, eq, isNull } from 'drizzle-orm';
import { gatewayCustomers, gatewayWebhookEvents, paymentMethods, paymentTransactions } from '@/db/schema/storefront';
import { raiseAlert } from '@/lib/alerts/raise-alert';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb, StorefrontTx } from '@/lib/db/connection';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { publicId } from '@/lib/ids/public-id';
import type { CurrencyBook } from '@/lib/money/currency-book';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { dispatchQueued } from './after-commit';
import { applyDisputeEvent } from './disputes/apply-dispute-event';
import type { GatewayEvent, WebhookRequest } from './gateway';
import { applyRefundToCharge } from './refund-payment';
import { gatewayFor, type GatewayStorefront } from './resolve-gateway';
import { settleChargeIn } from './settle-charge';
import { findTransactionForEvent, upsertSavedMethod } from './transactions';

const WEBHOOK_ACTOR: AuditActor = { type: 'system', label: 'gateway webhook' };

type Queued = { mail: number[]; alerts: number[] };

/**
 * A gateway's webhook delivery: verified (WebhookSignatureError → the route answers 400 and nothing changes), then
 * each event handled exactly once — its id is claimed in the same transaction that acts on it, so a repeat finds
 * the claim and a failure leaves no claim behind for the gateway's retry. Handlers act on current state, not on
 * the order events arrive in.
 */
export async function handleGatewayWebhook(db: StorefrontDb, sf: GatewayStorefront, id: string, req: WebhookRequest): Promise<{ handled: number; duplicates: number }> {
  // Read once per delivery: the gateway converts amounts with it and alerts format them with it.
  const currencies = await loadCurrencyBook(db);
  const gateway = await gatewayFor(db, sf, id, undefined, currencies);
  if (!gateway) throw new AppError('not_found', `${id} is not enabled on this store.`);
  const events = await gateway.parseWebhook(req);
  const out = { handled: 0, duplicates: 0 };
  for (const event of events) {
    const queued: Queued = { mail: [], alerts: [] };
    const fresh = await withDeadlockRetry(() =>
      db.transaction(async (tx) => {
        queued.mail = [];
        queued.alerts = [];
        try {
          await tx.insert(gatewayWebhookEvents).values({ gateway: id, eventId: claimKey(event), type: event.type === 'ignored' ? event.gatewayType : event.type });
        } catch (err) {
          if (isDuplicateKeyError(err)) return false;
          throw err;
        }
        await handleEvent(tx, sf, id, event, queued, currencies);
        return true;
      }),
    );
    if (fresh) out.handled += 1;
    else out.duplicates += 1;
    await dispatchQueued(sf.id, queued);
  }
  return out;
}

/** One Stripe "charge.refunded" lists every refund of the charge under one event id: each refund is its own fact. */
function claimKey(event: GatewayEvent): string {
  return event.type === 'refund.succeeded' ? `${event.eventId}:${event.gatewayRefundId}` : event.eventId;
}

async function handleEvent(tx: StorefrontTx, sf: GatewayStorefront, id: string, event: GatewayEvent, queued: Queued, currencies: CurrencyBook): Promise<void> {
  const now = new Date();
  switch (event.type) {
    case 'payment.succeeded':
    case 'payment.failed':
    case 'payment.requires_action': {
      const attempt = await findTransactionForEvent(tx, id, { attemptId: event.attemptId, gatewayPaymentId: event.gatewayPaymentId });
      if (!attempt) {
        if (event.type === 'payment.succeeded') await unmatched(tx, id, `payment ${event.gatewayPaymentId} of ${currencies.format(event.amountMinor, event.currency)}`, queued);
        return;
      }
      const outcome =
        event.type === 'payment.succeeded'
          ? { status: 'succeeded' as const, gatewayPaymentId: event.gatewayPaymentId, gatewayChargeId: event.gatewayChargeId, amountMinor: event.amountMinor, currency: event.currency, feeMinor: event.feeMinor }
          : event.type === 'payment.failed'
            ? { status: 'failed' as const, gatewayPaymentId: event.gatewayPaymentId, reason: event.reason, code: event.code }
            : { status: 'requires_action' as const, gatewayPaymentId: event.gatewayPaymentId, reason: 'The bank asked the cardholder to confirm the payment.' };
      const r = await settleChargeIn(tx, {
        storefrontId: sf.id,
        transactionId: attempt.id,
        outcome,
        savedMethod: event.type === 'payment.succeeded' ? event.savedMethod : null,
        gatewayCustomerId: event.type === 'payment.succeeded' ? event.gatewayCustomerId : null,
        actor: WEBHOOK_ACTOR,
        now,
      });
      queued.mail.push(...r.mail);
      queued.alerts.push(...r.alerts);
      return;
    }
    case 'method.saved': {
      const [owner] = await tx
        .select({ customerId: gatewayCustomers.customerId })
        .from(gatewayCustomers)
        .where(and(eq(gatewayCustomers.gateway, id), eq(gatewayCustomers.gatewayCustomerId, event.gatewayCustomerId)));
      if (!owner) return;
      const saved = await upsertSavedMethod(tx, owner.customerId, id, event.method);
      if (saved.created) await recordAudit(tx, { actor: WEBHOOK_ACTOR, action: 'payment_method.added', target: { type: 'customer', id: owner.customerId }, after: { gateway: id, brand: event.method.brand, last4: event.method.last4 } });
      if (event.attemptId) {
        await tx
          .update(paymentTransactions)
          .set({ status: 'succeeded', paymentMethodId: saved.id })
          .where(and(eq(paymentTransactions.publicId, event.attemptId), eq(paymentTransactions.kind, 'save_method')));
      }
      return;
    }
    case 'method.removed': {
      await tx
        .update(paymentMethods)
        .set({ removedAt: now, isDefault: false })
        .where(and(eq(paymentMethods.gateway, id), eq(paymentMethods.gatewayMethodId, event.gatewayMethodId), isNull(paymentMethods.removedAt)));
      return;
    }
    case 'refund.succeeded': {
      const charge = await findTransactionForEvent(tx, id, { attemptId: null, gatewayPaymentId: event.gatewayPaymentId });
      if (!charge) return unmatched(tx, id, `refund ${event.gatewayRefundId} of ${currencies.format(event.amountMinor, event.currency)}`, queued);
      // Ours (started from the admin panel) if we know its id, or if one of ours for that amount is still waiting
      // for its id (the event can overtake the API answer); otherwise it was made in the gateway's dashboard.
      const [known] = await tx
        .select()
        .from(paymentTransactions)
        .where(and(eq(paymentTransactions.gateway, id), eq(paymentTransactions.kind, 'refund'), eq(paymentTransactions.gatewayPaymentId, event.gatewayRefundId)))
        .for('update');
      if (known) {
        // The admin refund finished and applied it; the event only confirms it.
        if (known.status !== 'succeeded') await tx.update(paymentTransactions).set({ status: 'succeeded' }).where(eq(paymentTransactions.id, known.id));
        return;
      }
      const [waiting] = await tx
        .select()
        .from(paymentTransactions)
        .where(and(eq(paymentTransactions.parentId, charge.id), eq(paymentTransactions.kind, 'refund'), eq(paymentTransactions.status, 'pending'), isNull(paymentTransactions.gatewayPaymentId), eq(paymentTransactions.amountMinor, event.amountMinor)))
        .limit(1)
        .for('update');
      if (waiting) {
        // The admin call has not heard back yet: apply it here, and it will find it done.
        await tx.update(paymentTransactions).set({ status: 'succeeded', gatewayPaymentId: event.gatewayRefundId }).where(eq(paymentTransactions.id, waiting.id));
        await applyRefundToCharge(tx, { charge, refund: waiting, amountMinor: event.amountMinor, actor: WEBHOOK_ACTOR, reason: 'refund confirmed by the gateway' });
        return;
      }
      const refundId = publicId('txn');
      const [inserted] = await tx
        .insert(paymentTransactions)
        .values({
          publicId: refundId,
          customerId: charge.customerId,
          invoiceId: charge.invoiceId,
          gateway: id,
          kind: 'refund',
          flow: 'staff',
          status: 'succeeded',
          currency: charge.currency,
          amountMinor: event.amountMinor,
          gatewayPaymentId: event.gatewayRefundId,
          parentId: charge.id,
          idempotencyKey: `external-refund:${id}:${event.gatewayRefundId}`.slice(0, 100),
        });
      await applyRefundToCharge(tx, { charge, refund: { id: inserted.insertId, publicId: refundId }, amountMinor: event.amountMinor, actor: WEBHOOK_ACTOR, reason: 'refunded at the gateway' });
      return;
    }
    case 'dispute.created':
    case 'dispute.updated':
    case 'dispute.closed': {
      const r = await applyDisputeEvent(tx, { gateway: id, event, actor: WEBHOOK_ACTOR, now, alerts: queued.alerts });
      // One alert per dispute, however many of its events come.
      if (r === 'unmatched') return unmatched(tx, id, `dispute ${event.gatewayDisputeId}`, queued, `dispute-unmatched:${id}:${event.gatewayDisputeId}`);
      return;
    }
    case 'ignored':
      return;
  }
}

async function unmatched(tx: StorefrontTx, id: string, what: string, queued: Queued, dedupeKey?: string): Promise<void> {
  const alert = await raiseAlert(tx, {
    severity: 'warning',
    category: 'payments',
    title: `${id} reported something we did not start`,
    body: `${id} sent a ${what} that matches no payment of this store. Check it in the ${id} dashboard.`,
    ...(dedupeKey ? { dedupeKey: dedupeKey.slice(0, 191) } : {}),
  });
  if (alert.created && alert.discordStatus === 'pending') queued.alerts.push(alert.id);
}
