import { and, asc, eq, gt, isNotNull, lt } from 'drizzle-orm';
import { storefronts } from '@/db/schema/central';
import { paymentTransactions } from '@/db/schema/storefront';
import type { AutomaticCollector } from '@/lib/billing/run/collect-payments';
import { getCentralDb } from '@/lib/db/central';
import { getPaymentSettings } from '@/lib/settings/payment-settings';
import { dispatchQueued } from './after-commit';
import type { PaymentGateway } from './gateway';
import { gatewayFor } from './resolve-gateway';
import { settleCharge } from './settle-charge';

/** Attempts younger than this are probably still on the gateway's page; older than the window, long abandoned. */
const QUIET_MS = 15 * 60_000;
const WINDOW_MS = 7 * 86_400_000;

/**
 * Hosted payments nobody reported back: the customer paid but closed the tab before the return page, PayPal's
 * approval was never captured, or a webhook was lost. Each billing pass asks the gateway about hosted attempts
 * still pending after a quarter of an hour and settles what it says — money taken is applied (PayPal captures an
 * approved order here), an expired checkout ends the attempt; anything still open is left for the next pass.
 */
export const hostedPaymentReconciler: AutomaticCollector = {
  name: 'hosted_reconcile',
  async collect(ctx) {
    const out = { invoices: 0, amountMinor: 0 };
    const stale = await ctx.db
      .select()
      .from(paymentTransactions)
      .where(
        and(
          eq(paymentTransactions.status, 'pending'),
          eq(paymentTransactions.flow, 'hosted'),
          eq(paymentTransactions.kind, 'charge'),
          isNotNull(paymentTransactions.gatewayRef),
          lt(paymentTransactions.createdAt, new Date(ctx.at.getTime() - QUIET_MS)),
          gt(paymentTransactions.createdAt, new Date(ctx.at.getTime() - WINDOW_MS)),
        ),
      )
      .orderBy(asc(paymentTransactions.id))
      .limit(ctx.batchSize);
    if (!stale.length) return out;
    const [sf] = await getCentralDb().select({ id: storefronts.id, slug: storefronts.slug, name: storefronts.name }).from(storefronts).where(eq(storefronts.id, ctx.storefrontId));
    if (!sf) return out;
    const settings = await getPaymentSettings(ctx.db);
    const gateways = new Map<string, PaymentGateway | null>();
    for (const attempt of stale) {
      if (!gateways.has(attempt.gateway)) gateways.set(attempt.gateway, await gatewayFor(ctx.db, sf, attempt.gateway, settings, ctx.currencies));
      const gateway = gateways.get(attempt.gateway);
      if (!gateway) continue;
      const done = await gateway.completeRedirect({ gatewayRef: attempt.gatewayRef!, attemptId: attempt.publicId, idempotencyKey: `${attempt.idempotencyKey}:complete` }).catch(() => null);
      // Only final answers count here: "not approved yet" is no news about an attempt nobody is looking at.
      if (!done || (done.outcome.status !== 'succeeded' && done.outcome.status !== 'failed')) continue;
      const settled = await settleCharge(ctx.db, { storefrontId: ctx.storefrontId, transactionId: attempt.id, outcome: done.outcome, savedMethod: done.savedMethod, gatewayCustomerId: done.gatewayCustomerId, actor: ctx.actor, now: ctx.at });
      await dispatchQueued(ctx.storefrontId, settled);
      if (settled.changed && settled.status === 'succeeded') {
        out.invoices += 1;
        out.amountMinor += attempt.amountMinor;
      }
    }
    return out;
  },
};
