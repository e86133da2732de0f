import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { customers, paymentMethods, paymentTransactions, services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { AppError } from '@/lib/errors/app-error';
import { areaUrl } from '@/lib/tenancy/area-url';
import { GatewayUnavailableError } from './gateway';
import { ADD_METHOD_GATEWAYS, PAYMENT_GATEWAYS } from './registry';
import { availableGateways, gatewayFor, type GatewayStorefront } from './resolve-gateway';
import { gatewayCustomerFor, usableGateway } from './start-invoice-payment';
import { createTransaction, findTransactionByPublicId, gatewayCustomerIdOf, upsertSavedMethod } from './transactions';

export type SavedPaymentMethod = typeof paymentMethods.$inferSelect;

const methodIdSchema = z.string().regex(/^pm_[a-z0-9]{1,40}$/, 'is not a saved payment method');

/** The customer's live saved methods, default first. */
export async function listPaymentMethods(db: SfDb, customerId: number): Promise<SavedPaymentMethod[]> {
  return db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.customerId, customerId), isNull(paymentMethods.removedAt)))
    .orderBy(desc(paymentMethods.isDefault), asc(paymentMethods.id));
}

/** "Visa •••• 4242, expires 12/2030" / "PayPal (buyer@example.com)". */
export function describeMethod(m: Pick<SavedPaymentMethod, 'kind' | 'brand' | 'last4' | 'expMonth' | 'expYear' | 'label'>): string {
  if (m.kind === 'paypal') return `PayPal${m.label ? ` (${m.label})` : ''}`;
  const brand = m.brand ? m.brand.charAt(0).toUpperCase() + m.brand.slice(1) : 'Card';
  const exp = m.expMonth && m.expYear ? `, expires ${String(m.expMonth).padStart(2, '0')}/${m.expYear}` : '';
  return `${brand} •••• ${m.last4 ?? '????'}${exp}`;
}

async function ownMethod(tx: SfDb, customerId: number, methodPublicId: string): Promise<SavedPaymentMethod> {
  const parsed = methodIdSchema.safeParse(methodPublicId);
  if (!parsed.success) throw new AppError('bad_request', 'That is not a saved payment method.');
  const [m] = await tx
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.publicId, parsed.data), eq(paymentMethods.customerId, customerId), isNull(paymentMethods.removedAt)))
    .for('update');
  if (!m) throw new AppError('not_found', 'No such saved payment method.');
  return m;
}

/** Makes one method the default for renewals (services without their own choice use it). */
export async function setDefaultPaymentMethod(db: StorefrontDb, opts: { customerId: number; methodPublicId: string; actor: AuditActor }): Promise<void> {
  await withDeadlockRetry(() =>
    db.transaction(async (tx) => {
      await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, opts.customerId)).for('update');
      const m = await ownMethod(tx, opts.customerId, opts.methodPublicId);
      if (m.isDefault) return;
      await tx.update(paymentMethods).set({ isDefault: false }).where(and(eq(paymentMethods.customerId, opts.customerId), eq(paymentMethods.isDefault, true)));
      await tx.update(paymentMethods).set({ isDefault: true }).where(eq(paymentMethods.id, m.id));
      await recordAudit(tx, { actor: opts.actor, action: 'payment_method.default_set', target: { type: 'payment_method', id: m.publicId }, after: { method: describeMethod(m) } });
    }),
  );
}

/**
 * Removes a saved method here and at the gateway. Services that used it fall back to the default; if it was the
 * default, the oldest remaining method takes over so renewals keep a way to be paid.
 */
export async function removePaymentMethod(db: StorefrontDb, opts: { storefront: GatewayStorefront; customerId: number; methodPublicId: string; actor: AuditActor }): Promise<void> {
  const removed = await withDeadlockRetry(() =>
    db.transaction(async (tx) => {
      await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, opts.customerId)).for('update');
      const m = await ownMethod(tx, opts.customerId, opts.methodPublicId);
      await tx.update(paymentMethods).set({ removedAt: new Date(), isDefault: false }).where(eq(paymentMethods.id, m.id));
      await tx.update(services).set({ paymentMethodId: null }).where(eq(services.paymentMethodId, m.id));
      if (m.isDefault) {
        const [next] = await tx
          .select({ id: paymentMethods.id })
          .from(paymentMethods)
          .where(and(eq(paymentMethods.customerId, opts.customerId), isNull(paymentMethods.removedAt)))
          .orderBy(asc(paymentMethods.id))
          .limit(1);
        if (next) await tx.update(paymentMethods).set({ isDefault: true }).where(eq(paymentMethods.id, next.id));
      }
      await recordAudit(tx, { actor: opts.actor, action: 'payment_method.removed', target: { type: 'payment_method', id: m.publicId }, before: { method: describeMethod(m), isDefault: m.isDefault } });
      return m;
    }),
  );
  // Detaching at the gateway is a courtesy after our own record is gone: if it fails, we never charge it again anyway.
  const gateway = await gatewayFor(db, opts.storefront, removed.gateway);
  const gatewayCustomerId = await gatewayCustomerIdOf(db, opts.customerId, removed.gateway);
  if (gateway && gatewayCustomerId) await gateway.removeMethod({ gatewayCustomerId, gatewayMethodId: removed.gatewayMethodId }).catch(() => undefined);
}

/** Picks which saved method renews a service (null: the customer's default). */
export async function setServicePaymentMethod(db: StorefrontDb, opts: { customerId: number; servicePublicId: string; methodPublicId: string | null; actor: AuditActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const [svc] = await tx
      .select()
      .from(services)
      .where(and(eq(services.publicId, opts.servicePublicId), eq(services.customerId, opts.customerId)))
      .for('update');
    if (!svc) throw new AppError('not_found', 'No such service.');
    const m = opts.methodPublicId ? await ownMethod(tx, opts.customerId, opts.methodPublicId) : null;
    if ((m?.id ?? null) === svc.paymentMethodId) return;
    await tx.update(services).set({ paymentMethodId: m?.id ?? null }).where(eq(services.id, svc.id));
    await recordAudit(tx, { actor: opts.actor, action: 'service.payment_method_set', target: { type: 'service', id: svc.publicId }, after: { method: m ? describeMethod(m) : 'account default' } });
  });
}

/** Starts the gateway's hosted "add a card" page (Stripe Checkout in setup mode). */
export async function startAddCard(db: StorefrontDb, opts: { storefront: GatewayStorefront; customerId: number; currency: string; actor: AuditActor }): Promise<{ redirectUrl: string }> {
  // Any gateway with a standalone add flow that the storefront offers; else the first, whose refusal says why.
  const available = await availableGateways(db, opts.storefront);
  const id = ADD_METHOD_GATEWAYS.find((g) => available.includes(g)) ?? ADD_METHOD_GATEWAYS[0];
  if (!id) throw new AppError('bad_request', 'No payment method can be added here.');
  const gateway = await usableGateway(db, opts.storefront, id);
  const [owner] = await db.select({ publicId: customers.publicId, email: customers.email, name: customers.name }).from(customers).where(eq(customers.id, opts.customerId));
  const gatewayCustomerId = await gatewayCustomerFor(db, gateway, opts.customerId, owner!.publicId);
  const attempt = await createTransaction(db, { customerId: opts.customerId, invoiceId: null, gateway: id, kind: 'save_method', flow: 'hosted', currency: opts.currency, amountMinor: 0 });
  let started;
  try {
    started = await gateway.startSaveMethod({
      customer: { customerPublicId: owner!.publicId, email: owner!.email, name: owner!.name, gatewayCustomerId },
      currency: opts.currency,
      returnUrl: await areaUrl(opts.storefront.id, 'account', `/payment-methods/added?attempt=${attempt.publicId}`),
      cancelUrl: await areaUrl(opts.storefront.id, 'account', '/payment-methods'),
      attemptId: attempt.publicId,
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    await db.update(paymentTransactions).set({ status: 'failed', failureReason: reason.slice(0, 255), failureCode: 'start_failed' }).where(eq(paymentTransactions.id, attempt.id));
    throw new AppError('unavailable', `${PAYMENT_GATEWAYS[id].names.staff} could not start adding a card. Please try again in a moment.`);
  }
  await db.update(paymentTransactions).set({ gatewayRef: started.gatewayRef }).where(eq(paymentTransactions.id, attempt.id));
  await recordAudit(db, { actor: opts.actor, action: 'payment_method.add_started', target: { type: 'customer', id: owner!.publicId }, after: { gateway: id, attempt: attempt.publicId } });
  return { redirectUrl: started.redirectUrl };
}

/** Back from the "add a card" page: store the card now (the webhook may follow or not). */
export async function completeAddCard(db: StorefrontDb, opts: { storefront: GatewayStorefront; customerId: number; attemptId: string; actor: AuditActor }): Promise<{ saved: boolean; message: string }> {
  const attempt = await findTransactionByPublicId(db, opts.attemptId);
  if (!attempt || attempt.customerId !== opts.customerId || attempt.kind !== 'save_method' || !attempt.gatewayRef) throw new AppError('not_found', 'No such card setup.');
  if (attempt.status === 'succeeded') return { saved: true, message: 'Card saved.' };
  const gateway = await gatewayFor(db, opts.storefront, attempt.gateway);
  if (!gateway) throw new AppError('unavailable', 'Card payments are switched off on this store.');
  let done;
  try {
    done = await gateway.completeRedirect({ gatewayRef: attempt.gatewayRef, attemptId: attempt.publicId, idempotencyKey: `${attempt.idempotencyKey}:complete` });
  } catch (err) {
    if (err instanceof GatewayUnavailableError) return { saved: false, message: 'Stripe is not answering right now; the card will appear here once it confirms.' };
    throw err;
  }
  if (!done.savedMethod) return { saved: false, message: 'The card was not saved. Please try again.' };
  const method = done.savedMethod;
  // The webhook stores the same card at the same moment: the two inserts can deadlock on the unique key's gap lock,
  // and the server's victim simply runs again (and then finds the other's row).
  await withDeadlockRetry(() => db.transaction(async (tx) => {
    const saved = await upsertSavedMethod(tx, opts.customerId, attempt.gateway, method);
    await tx.update(paymentTransactions).set({ status: 'succeeded', paymentMethodId: saved.id }).where(eq(paymentTransactions.id, attempt.id));
    const [row] = await tx.select({ publicId: paymentMethods.publicId }).from(paymentMethods).where(eq(paymentMethods.id, saved.id));
    if (saved.created) await recordAudit(tx, { actor: opts.actor, action: 'payment_method.added', target: { type: 'payment_method', id: row!.publicId }, after: { gateway: attempt.gateway, brand: method.brand, last4: method.last4 } });
  }));
  return { saved: true, message: 'Card saved.' };
}

