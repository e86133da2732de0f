import { and, asc, eq, exists, gt, isNull, lte, notExists, sql } from 'drizzle-orm';
import { storefronts } from '@/db/schema/central';
import { customers, invoiceLines, invoices, paymentMethods, paymentTransactions, serviceBillingPeriods, services } from '@/db/schema/storefront';
import type { AutomaticCollector } from '@/lib/billing/run/collect-payments';
import type { PassContext } from '@/lib/billing/run/context';
import { getCentralDb } from '@/lib/db/central';
import { idIn } from '@/lib/db/id-in';
import { queueEmail } from '@/lib/email/enqueue-email';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import { getPaymentSettings } from '@/lib/settings/payment-settings';
import { dispatchQueued } from './after-commit';
import { GatewayUnavailableError, type PaymentGateway } from './gateway';
import { nextChargeStep } from './next-charge-step';
import { describeMethod, type SavedPaymentMethod } from './payment-methods';
import { gatewayFor } from './resolve-gateway';
import { settleCharge } from './settle-charge';
import { createTransaction, gatewayCustomerIdOf, type PaymentTransaction } from './transactions';

type Candidate = { id: number; publicId: string; number: string | null; customerId: number; currency: string; totalMinor: number; paidMinor: number; dueOn: string | null };

/** Charges saved cards and PayPal accounts for unpaid invoices that are due, without the customer present. */
export const savedMethodCollector: AutomaticCollector = {
  name: 'saved_method',
  async collect(ctx) {
    const out = { invoices: 0, amountMinor: 0 };
    const [sf] = await getCentralDb().select({ id: storefronts.id, slug: storefronts.slug, name: storefronts.name }).from(storefronts).where(eq(storefronts.id, ctx.storefrontId));
    if (!sf) return out;
    const settings = await getPaymentSettings(ctx.db);
    const gateways = new Map<string, PaymentGateway | null>();
    const gatewayOf = async (id: string) => {
      if (!gateways.has(id)) gateways.set(id, await gatewayFor(ctx.db, sf, id, settings, ctx.currencies));
      return gateways.get(id)!;
    };
    let afterId = 0;
    for (;;) {
      const batch: Candidate[] = await ctx.db
        .select({ id: invoices.id, publicId: invoices.publicId, number: invoices.number, customerId: invoices.customerId, currency: invoices.currency, totalMinor: invoices.totalMinor, paidMinor: invoices.paidMinor, dueOn: invoices.dueOn })
        .from(invoices)
        .where(
          and(
            eq(invoices.status, 'unpaid'),
            lte(invoices.dueOn, ctx.today),
            isNull(invoices.disputedAt),
            gt(invoices.id, afterId),
            exists(ctx.db.select({ one: sql`1` }).from(paymentMethods).where(and(eq(paymentMethods.customerId, invoices.customerId), isNull(paymentMethods.removedAt)))),
            // Adding funds is the customer's own choice of how to pay; it is never charged behind their back.
            notExists(ctx.db.select({ one: sql`1` }).from(invoiceLines).where(and(eq(invoiceLines.invoiceId, invoices.id), eq(invoiceLines.kind, 'credit_purchase')))),
          ),
        )
        .orderBy(asc(invoices.id))
        .limit(ctx.batchSize);
      if (!batch.length) break;
      afterId = batch.at(-1)!.id;
      const ids = batch.map((i) => i.id);
      const methods = await ctx.db
        .select()
        .from(paymentMethods)
        .where(and(idIn(paymentMethods.customerId, [...new Set(batch.map((i) => i.customerId))]), isNull(paymentMethods.removedAt)));
      const chosen = await ctx.db
        .select({ invoiceId: serviceBillingPeriods.invoiceId, methodId: services.paymentMethodId })
        .from(serviceBillingPeriods)
        .innerJoin(services, eq(services.id, serviceBillingPeriods.serviceId))
        .where(idIn(serviceBillingPeriods.invoiceId, ids));
      const attempts = await ctx.db
        .select()
        .from(paymentTransactions)
        .where(and(idIn(paymentTransactions.invoiceId, ids), eq(paymentTransactions.kind, 'charge'), eq(paymentTransactions.flow, 'off_session')))
        .orderBy(asc(paymentTransactions.id));
      // Grouped once per batch, not searched per invoice.
      const attemptsOf = new Map<number, PaymentTransaction[]>();
      for (const a of attempts) attemptsOf.set(a.invoiceId!, [...(attemptsOf.get(a.invoiceId!) ?? []), a]);
      const serviceChoiceOf = new Map<number, number>();
      for (const c of chosen) if (c.methodId !== null && !serviceChoiceOf.has(c.invoiceId)) serviceChoiceOf.set(c.invoiceId, c.methodId);
      for (const inv of batch) {
        const own = attemptsOf.get(inv.id) ?? [];
        const step = nextChargeStep(own, settings.retryDays, inv.dueOn!, ctx.today);
        if (step === 'wait') continue;
        const serviceChoice = serviceChoiceOf.get(inv.id);
        const method =
          (step === 'resume' ? methods.find((m) => m.id === own.at(-1)!.paymentMethodId) : undefined) ??
          methods.find((m) => m.id === serviceChoice) ??
          methods.find((m) => m.customerId === inv.customerId && m.isDefault);
        if (!method) continue;
        const r = await chargeInvoice(ctx, sf.id, inv, method, step === 'resume' ? own.at(-1)! : null, own.length + 1, await gatewayOf(method.gateway));
        if (r) {
          out.invoices += 1;
          out.amountMinor += r;
        }
      }
    }
    return out;
  },
};

/** One charge attempt; returns the amount collected (0 when it did not succeed). */
async function chargeInvoice(ctx: PassContext, storefrontId: number, inv: Candidate, method: SavedPaymentMethod, resume: PaymentTransaction | null, attemptNo: number, gateway: PaymentGateway | null): Promise<number> {
  if (!gateway) return 0;
  const gatewayCustomerId = await gatewayCustomerIdOf(ctx.db, inv.customerId, method.gateway);
  if (!gatewayCustomerId) return 0;
  let attempt = resume;
  if (!attempt) {
    try {
      attempt = await createTransaction(ctx.db, {
        customerId: inv.customerId,
        invoiceId: inv.id,
        gateway: method.gateway,
        kind: 'charge',
        flow: 'off_session',
        currency: inv.currency,
        amountMinor: inv.totalMinor - inv.paidMinor,
        paymentMethodId: method.id,
        idempotencyKey: `charge:${inv.id}:${attemptNo}`,
        at: ctx.at,
      });
    } catch (err) {
      // Another pass made this attempt at the same moment: it is that pass's to finish.
      if (isDuplicateKeyError(err)) return 0;
      throw err;
    }
  }
  let outcome;
  try {
    outcome = await gateway.chargeSaved({
      gatewayCustomerId,
      gatewayMethodId: method.gatewayMethodId,
      amountMinor: attempt.amountMinor,
      currency: attempt.currency,
      invoicePublicId: inv.publicId,
      attemptId: attempt.publicId,
      idempotencyKey: attempt.idempotencyKey,
    });
  } catch (err) {
    // Unreachable gateway: the attempt stays pending and the next pass asks again with the same key.
    if (err instanceof GatewayUnavailableError) return 0;
    throw err;
  }
  const settled = await settleCharge(ctx.db, { storefrontId, transactionId: attempt.id, outcome, actor: ctx.actor, now: ctx.at });
  if (settled.changed && settled.status === 'requires_action') {
    const [owner] = await ctx.db.select({ name: customers.name, email: customers.email }).from(customers).where(eq(customers.id, inv.customerId));
    if (owner) {
      const mail = await queueEmail(ctx.db, {
        to: owner.email,
        template: 'payment-action-required',
        props: { name: owner.name, invoiceNumber: inv.number ?? inv.publicId, invoicePublicId: inv.publicId, invoiceUrl: await ctx.accountUrl(`/invoices/${inv.publicId}`), amount: ctx.currencies.format(attempt.amountMinor, attempt.currency), method: describeMethod(method) },
        dedupeKey: `payment-action:${attempt.id}`,
      });
      settled.mail.push(mail.id);
    }
  }
  await dispatchQueued(storefrontId, settled);
  return settled.status === 'succeeded' && settled.changed ? attempt.amountMinor : 0;
}
