import { and, eq } from 'drizzle-orm';
import { paymentTransactions } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { dispatchQueued } from './after-commit';
import { GatewayUnavailableError } from './gateway';
import { gatewayFor, type GatewayStorefront } from './resolve-gateway';
import { settleCharge } from './settle-charge';
import { findTransactionByPublicId, type PaymentTransaction } from './transactions';

export interface HostedPaymentResult {
  status: PaymentTransaction['status'];
  invoicePaid: boolean;
  message: string;
}

const MESSAGES: Record<PaymentTransaction['status'], string> = {
  succeeded: 'Payment received. Thank you!',
  pending: 'Your payment is being confirmed by the payment provider; this page updates when it is.',
  failed: 'The payment did not go through. Nothing was charged; you can try again or pick another method.',
  requires_action: 'Your bank needs you to confirm this payment. Please try again and complete the check.',
  cancelled: 'This payment was cancelled.',
};

/**
 * The customer is back from a gateway's hosted page: ask the gateway what happened (PayPal captures here) and
 * settle it. The webhook reports the same payment too; whichever arrives first applies it, the other finds it done.
 */
export async function completeHostedPayment(
  db: StorefrontDb,
  opts: { storefront: GatewayStorefront; customerId: number; attemptId: string; actor: AuditActor; now: Date },
): Promise<HostedPaymentResult> {
  const attempt = await findTransactionByPublicId(db, opts.attemptId);
  if (!attempt || attempt.customerId !== opts.customerId || attempt.flow !== 'hosted' || attempt.kind !== 'charge') throw new AppError('not_found', 'No such payment.');
  if (attempt.status === 'succeeded' || !attempt.gatewayRef) return { status: attempt.status, invoicePaid: attempt.status === 'succeeded', message: MESSAGES[attempt.status] };
  const gateway = await gatewayFor(db, opts.storefront, attempt.gateway);
  if (!gateway) throw new AppError('unavailable', 'This payment method has been switched off; contact us about your payment.');
  try {
    const done = await gateway.completeRedirect({ gatewayRef: attempt.gatewayRef, attemptId: attempt.publicId, idempotencyKey: `${attempt.idempotencyKey}:complete` });
    const settled = await settleCharge(db, {
      storefrontId: opts.storefront.id,
      transactionId: attempt.id,
      outcome: done.outcome,
      savedMethod: done.savedMethod,
      gatewayCustomerId: done.gatewayCustomerId,
      actor: opts.actor,
      now: opts.now,
    });
    await dispatchQueued(opts.storefront.id, settled);
    return { status: settled.status, invoicePaid: settled.invoicePaid || settled.status === 'succeeded', message: MESSAGES[settled.status] };
  } catch (err) {
    if (err instanceof GatewayUnavailableError) return { status: 'pending', invoicePaid: false, message: MESSAGES.pending };
    throw err;
  }
}

/** The customer came back through the gateway's cancel link: a still-pending attempt ends as cancelled. */
export async function cancelHostedPayment(db: StorefrontDb, opts: { customerId: number; attemptId: string; actor: AuditActor }): Promise<void> {
  const attempt = await findTransactionByPublicId(db, opts.attemptId);
  if (!attempt || attempt.customerId !== opts.customerId || attempt.flow !== 'hosted' || attempt.kind !== 'charge') throw new AppError('not_found', 'No such payment.');
  await db.transaction(async (tx) => {
    const [res] = await tx
      .update(paymentTransactions)
      .set({ status: 'cancelled' })
      .where(and(eq(paymentTransactions.id, attempt.id), eq(paymentTransactions.status, 'pending')));
    // A later report of money taken still settles it (settleCharge accepts a cancelled attempt's success).
    if (res.affectedRows === 1) await recordAudit(tx, { actor: opts.actor, action: 'payment.cancelled', target: { type: 'payment', id: attempt.publicId }, before: { status: 'pending' }, after: { status: 'cancelled' } });
  });
}
