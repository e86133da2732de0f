import type { Customer } from '@/db/schema/storefront';
import type { Cart } from '@/lib/cart/schemas';
import { getPlanForOrder } from '@/lib/catalog/public/get-plan-for-order';
import { loadCheckoutCoupons } from '@/lib/coupons/load-checkout-coupons';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { priceOrder } from '@/lib/pricing/price-order';
import type { PricingResult } from '@/lib/pricing/types';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import { anonymousPricingCustomer, loadPricingSettings, pricingCustomerOf } from '@/lib/pricing/pricing-context';
import { resolveCartItem, type ResolvedCartItem } from '@/lib/cart/resolve-cart-item';

export interface PricedCart {
  items: { id: string; resolved: ResolvedCartItem }[];
  pricing: PricingResult;
  commerce: CommerceSettings;
  unknownCoupons: string[];
  /** Items that no longer resolve (only when asked to collect rather than throw). */
  invalidItems: { id: string; planSlug: string; message: string }[];
}

/**
 * Prices a cart the one way both the cart preview and the order use: plans and options from the catalog, coupons
 * with the customer's own redemption counts, tax for the customer (or the visitor's chosen country), with the VAT
 * number standing stored on the customer row (refresh it first with vatStandingForTax).
 */
export interface PriceCartOptions {
  cart: Cart;
  customer: Customer | null;
  now: Date;
  collectInvalid?: boolean;
}

export async function priceCart(db: SfDb, opts: PriceCartOptions): Promise<PricedCart> {
  const { cart, customer, now } = opts;
  const items: PricedCart['items'] = [];
  const invalidItems: PricedCart['invalidItems'] = [];
  for (const entry of cart.items) {
    const plan = await getPlanForOrder(db, { slug: entry.item.planSlug });
    try {
      items.push({ id: entry.id, resolved: resolveCartItem(plan, entry.item, cart.currency, entry.id) });
    } catch (err) {
      if (!opts.collectInvalid || !(err instanceof AppError)) throw err;
      invalidItems.push({ id: entry.id, planSlug: entry.item.planSlug, message: err.message });
    }
  }
  const { pricing: settings, commerce } = await loadPricingSettings(db);
  const pricingCustomer = customer ? await pricingCustomerOf(db, customer, now) : anonymousPricingCustomer(cart.country ?? commerce.sellerCountry);
  const { coupons, unknown } = await loadCheckoutCoupons(db, { codes: cart.couponCodes, currency: cart.currency, customerId: customer?.id ?? null });
  const pricing = priceOrder({
    kind: 'new_order',
    currency: cart.currency,
    minorDigits: (await loadCurrencyBook(db)).digits(cart.currency),
    date: now,
    items: items.map((i) => i.resolved.priced),
    coupons,
    customer: pricingCustomer,
    settings,
  });
  return { items, pricing, commerce, unknownCoupons: unknown, invalidItems };
}

/** Placing an order needs every coupon to count: an unknown or refused one is an error, not a silent drop. */
export function assertCouponsUsable(priced: PricedCart): void {
  if (priced.unknownCoupons.length) {
    const msg = `Coupon ${priced.unknownCoupons.join(', ')} does not exist.`;
    throw new AppError('bad_request', msg, { couponCode: [msg] });
  }
  const [rejected] = priced.pricing.rejectedCoupons;
  if (rejected) throw new AppError('bad_request', `Coupon ${rejected.code}: ${rejected.reason}`, { couponCode: [rejected.reason] });
}
