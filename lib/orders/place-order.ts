import { and, eq, gte, isNotNull, sql } from 'drizzle-orm';
import { currencies, customers, orderItems, orders, plans, services } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { Cart } from '@/lib/cart/schemas';
import { redeemCoupons } from '@/lib/coupons/redeem-coupons';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { assertKasmOrderFunded } from '@/lib/kasm/kasm-order-funding';
import { AppError } from '@/lib/errors/app-error';
import { requireVerifiedEmail } from '@/lib/customers/require-verified-email';
import { publicId } from '@/lib/ids/public-id';
import { issueInvoice, type NewInvoiceLine } from '@/lib/invoices/issue-invoice';
import { settleZeroInvoice } from '@/lib/invoices/record-invoice-payment';
import { formatMoney } from '@/lib/money/format';
import { shownLineAmount } from '@/lib/pricing/shown-line-amount';
import { areaUrl } from '@/lib/tenancy/area-url';
import { addDays, toDateString } from '@/lib/dates/calendar-days';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';
import { vatStandingForTax, viesCheckActor } from '@/lib/tax/refresh-vat-standings';
import { assertCouponsUsable, priceCart } from './price-cart';

export interface PlaceOrderOptions {
  storefrontId: number;
  customerId: number;
  cart: Cart;
  ip: string | null;
  actor: AuditActor;
  now?: Date;
}

export interface PlacedOrder {
  orderPublicId: string;
  invoicePublicId: string;
  invoiceNumber: string;
  totalMinor: number;
  paid: boolean;
}

/**
 * Turns a cart into an order, its pending services and the first invoice, all in one transaction: either every
 * row exists afterwards or none does. The customer row lock serialises one customer's checkouts (per-customer
 * coupon limits); stock and coupon uses move by guarded UPDATEs that fail cleanly when nothing is left.
 */
export async function placeOrder(db: StorefrontDb, opts: PlaceOrderOptions): Promise<PlacedOrder> {
  const now = opts.now ?? new Date();
  const { cart } = opts;
  if (cart.items.length === 0) throw new AppError('bad_request', 'Your cart is empty.');
  // A person ordering for themselves (or as a team member for an owner) must have proved their address; staff and
  // system orders placed for a customer (create-paid-service, the CLI) are not self-service.
  const selfService = (opts.actor.type === 'customer' || opts.actor.type === 'team_member') && !!opts.actor.id;
  if (selfService && opts.actor.id) {
    await requireVerifiedEmail(db, opts.actor.id, 'placing an order');
  }
  // The VIES check is a network call, so it happens before the transaction takes any lock; the standing it stores
  // is what the customer row read under the lock carries into pricing.
  const [buyer] = await db.select().from(customers).where(eq(customers.id, opts.customerId));
  if (buyer) await vatStandingForTax(db, buyer, { commerce: await getCommerceSettings(db), actor: viesCheckActor('checkout'), now, storefrontId: opts.storefrontId });

  const result = await withDeadlockRetry(() => db.transaction(async (tx) => {
    const [customer] = await tx.select().from(customers).where(eq(customers.id, opts.customerId)).for('update');
    if (!customer || customer.status !== 'active') throw new AppError('forbidden', 'This account can’t place orders.');
    const [currency] = await tx.select({ enabled: currencies.enabled, locale: currencies.locale, minorDigits: currencies.minorDigits }).from(currencies).where(eq(currencies.code, cart.currency));
    if (!currency?.enabled) throw new AppError('bad_request', `We don’t sell in ${cart.currency}.`, { currency: ['is not offered'] });

    const priced = await priceCart(tx, { cart, customer, now });
    assertCouponsUsable(priced);
    const { pricing } = priced;
    // Desktops bill their hours after use: a customer ordering one must have credit or a saved method to collect from.
    if (selfService && priced.items.some((i) => i.resolved.plan.provisioningModule === 'kasm')) await assertKasmOrderFunded(tx, { customerId: customer.id, currency: cart.currency });

    const [orderRes] = await tx.insert(orders).values({
      publicId: publicId('ord'),
      customerId: customer.id,
      currency: cart.currency,
      totalMinor: pricing.totalMinor,
      couponCodes: pricing.appliedCoupons.map((c) => c.code),
      ip: opts.ip,
    });
    const orderId = orderRes.insertId;
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));

    const serviceByKey = new Map<string, { serviceId: number; orderItemId: number }>();
    for (const { id: key, resolved } of priced.items) {
      const itemResult = pricing.items.find((i) => i.key === key)!;
      let stockTaken = 0;
      if (resolved.plan.stock !== null) {
        const [res] = await tx
          .update(plans)
          .set({ stockQuantity: sql`${plans.stockQuantity} - 1` })
          .where(and(eq(plans.id, resolved.plan.id), isNotNull(plans.stockQuantity), gte(plans.stockQuantity, 1)));
        if (res.affectedRows !== 1) throw new AppError('conflict', `${resolved.plan.name} has just sold out.`);
        stockTaken = 1;
      }
      const [itemRes] = await tx.insert(orderItems).values({
        orderId,
        planId: resolved.plan.id,
        cycle: resolved.priced.cycle,
        selection: resolved.selection,
        recurringMinor: itemResult.recurringMinor,
        setupMinor: itemResult.setupMinor,
        stockTaken,
      });
      const trialEndsOn = itemResult.trialDays > 0 ? addDays(toDateString(now), itemResult.trialDays) : null;
      const [svcRes] = await tx.insert(services).values({
        publicId: publicId('svc'),
        customerId: customer.id,
        planId: resolved.plan.id,
        orderItemId: itemRes.insertId,
        label: resolved.priced.description.slice(0, 160),
        cycle: resolved.priced.cycle,
        currency: cart.currency,
        recurringMinor: itemResult.recurringMinor,
        coupons: itemResult.recurringCoupons,
        trialEndsOn,
      });
      await tx.update(orderItems).set({ serviceId: svcRes.insertId }).where(eq(orderItems.id, itemRes.insertId));
      serviceByKey.set(key, { serviceId: svcRes.insertId, orderItemId: itemRes.insertId });
    }

    const lines: NewInvoiceLine[] = pricing.lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      serviceId: serviceByKey.get(l.itemKey)?.serviceId ?? null,
      orderItemId: serviceByKey.get(l.itemKey)?.orderItemId ?? null,
      couponId: l.couponId,
      quantity: l.quantity,
      amountMinor: l.amountMinor,
      taxMinor: l.taxMinor,
      tax: l.tax,
    }));
    const invoice = await issueInvoice(tx, {
      customer,
      currency: cart.currency,
      lines,
      reverseCharge: pricing.reverseCharge,
      settings: priced.commerce,
      now,
      dueInDays: priced.commerce.orderInvoiceDueDays,
    });
    await tx.update(orders).set({ invoiceId: invoice.id }).where(eq(orders.id, orderId));
    await redeemCoupons(tx, { orderId, customerId: customer.id, currency: cart.currency, applied: pricing.appliedCoupons });
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'order.placed',
      target: { type: 'order', id: order!.publicId },
      after: {
        invoice: invoice.number,
        currency: cart.currency,
        totalMinor: pricing.totalMinor,
        taxMinor: pricing.taxMinor,
        coupons: pricing.appliedCoupons.map((c) => c.code),
        items: priced.items.map((i) => ({ plan: i.resolved.plan.slug, cycle: i.resolved.priced.cycle })),
      },
    });
    if (invoice.totalMinor === 0) await settleZeroInvoice(tx, { invoiceId: invoice.id, actor: opts.actor, now });

    const money = (m: number) => formatMoney(m, cart.currency, currency.locale, currency.minorDigits);
    const mail = await queueEmail(tx, {
      to: customer.email,
      template: 'order-confirmation',
      props: {
        name: customer.name,
        orderId: order!.publicId,
        invoiceNumber: invoice.number,
        // Lines read as the catalog does: with tax when prices include it, before tax otherwise.
        items: pricing.lines.map((l) => ({ description: l.description, amount: money(shownLineAmount(l, priced.commerce.taxInclusive)) })),
        total: money(invoice.totalMinor),
        paid: invoice.totalMinor === 0,
        invoiceUrl: await areaUrl(opts.storefrontId, 'account', `/invoices/${invoice.publicId}`),
      },
    });
    return {
      placed: { orderPublicId: order!.publicId, invoicePublicId: invoice.publicId, invoiceNumber: invoice.number, totalMinor: invoice.totalMinor, paid: invoice.totalMinor === 0 },
      mailId: mail.id,
    };
  }));
  await dispatchEmail(opts.storefrontId, result.mailId);
  return result.placed;
}
