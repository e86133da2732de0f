'use server';

import { randomBytes } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess } from '@/lib/auth/customer-actor';
import { getSignedInCustomer, requestMeta, requireArea } from '@/lib/auth/request-session';
import { parseCartForm } from '@/lib/cart/parse-cart-form';
import { clearRequestCart, readRequestCart, writeRequestCart } from '@/lib/cart/request-cart';
import { couponCodeSchema, EMPTY_CART, type Cart } from '@/lib/cart/schemas';
import { getPlanForOrder } from '@/lib/catalog/public/get-plan-for-order';
import { countrySchema, currencySchema } from '@/lib/customers/schemas';
import { AppError } from '@/lib/errors/app-error';
import { failed, invalid } from '@/lib/forms/action-result';
import { placeOrder } from '@/lib/orders/place-order';
import { priceCart } from '@/lib/orders/price-cart';
import { resolveCartItem } from '@/lib/cart/resolve-cart-item';
import { cartQuote, type CartQuote } from '@/lib/orders/cart-quote';

async function currentCart(storefrontId: number, fallbackCurrency: string): Promise<Cart> {
  return (await readRequestCart(storefrontId)) ?? EMPTY_CART(fallbackCurrency);
}

/** Checks the configured plan against the catalog, then adds it to the cart and opens the cart. */
export async function addToCartAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('account');
  const parsed = parseCartForm(data);
  if (!parsed.ok) return invalid(parsed.error, {});
  const cart = await currentCart(ctx.storefront.id, parsed.currency);
  if (cart.items.length > 0 && cart.currency !== parsed.currency) {
    return { ok: false, message: `Your cart is in ${cart.currency}. Switch the cart’s currency or order in ${cart.currency}.` };
  }
  try {
    resolveCartItem(await getPlanForOrder(ctx.db, { slug: parsed.item.planSlug }), parsed.item, parsed.currency, 'new');
  } catch (err) {
    return failed(err, {});
  }
  if (cart.items.length >= 10) return { ok: false, message: 'A cart holds at most 10 items.' };
  const next: Cart = { ...cart, currency: parsed.currency, items: [...cart.items, { id: randomBytes(6).toString('hex'), item: parsed.item }] };
  await writeRequestCart(ctx.storefront.id, next);
  return { ok: true, message: 'Added to your cart.', redirectTo: '/cart' };
}

/** Live price of the plan being configured, computed by the same engine as the order (with the cart's coupons). */
export async function quoteItemAction(data: FormData): Promise<{ ok: true; quote: CartQuote } | { ok: false; message: string }> {
  const ctx = await requireArea('account');
  const parsed = parseCartForm(data);
  if (!parsed.ok) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Check your choices.' };
  const signedIn = await getSignedInCustomer();
  const cart = await readRequestCart(ctx.storefront.id);
  try {
    const priced = await priceCart(ctx.db, {
      cart: { currency: parsed.currency, country: cart?.country ?? null, items: [{ id: 'quote', item: parsed.item }], couponCodes: cart?.couponCodes ?? [] },
      customer: signedIn?.account ?? null,
      now: new Date(),
    });
    return { ok: true, quote: await cartQuote(ctx.db, priced) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
}

const itemIdSchema = z.object({ itemId: z.string().regex(/^[a-f0-9]{12}$/) });

export async function removeCartItemAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('account');
  const parsed = itemIdSchema.safeParse({ itemId: data.get('itemId') });
  if (!parsed.success) return { ok: false, message: 'That item is not in your cart.' };
  const cart = await readRequestCart(ctx.storefront.id);
  if (!cart) return { ok: false, message: 'Your cart is empty.' };
  await writeRequestCart(ctx.storefront.id, { ...cart, items: cart.items.filter((i) => i.id !== parsed.data.itemId) });
  revalidatePath('/cart');
  return { ok: true, message: 'Removed.', redirectTo: '/cart' };
}

export async function applyCouponAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('account');
  const parsed = z.object({ couponCode: couponCodeSchema }).safeParse({ couponCode: data.get('couponCode') ?? '' });
  const values = { couponCode: String(data.get('couponCode') ?? '').slice(0, 40) };
  if (!parsed.success) return invalid(parsed.error, values);
  const cart = await readRequestCart(ctx.storefront.id);
  if (!cart || cart.items.length === 0) return { ok: false, message: 'Add something to your cart first.', values };
  const code = parsed.data.couponCode;
  if (cart.couponCodes.includes(code)) return { ok: false, message: `${code} is already applied.`, values };
  if (cart.couponCodes.length >= 3) return { ok: false, message: 'At most three coupons per order.', values };
  const trial: Cart = { ...cart, couponCodes: [...cart.couponCodes, code] };
  const signedIn = await getSignedInCustomer();
  const priced = await priceCart(ctx.db, { cart: trial, customer: signedIn?.account ?? null, now: new Date(), collectInvalid: true });
  if (priced.unknownCoupons.includes(code)) return { ok: false, message: `There is no coupon ${code}.`, fieldErrors: { couponCode: ['does not exist'] }, values };
  const rejected = priced.pricing.rejectedCoupons.find((r) => r.code === code);
  if (rejected) return { ok: false, message: `${code}: ${rejected.reason}`, fieldErrors: { couponCode: [rejected.reason] }, values };
  await writeRequestCart(ctx.storefront.id, trial);
  return { ok: true, message: `${code} applied.`, redirectTo: '/cart' };
}

export async function removeCouponAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('account');
  const parsed = z.object({ couponCode: couponCodeSchema }).safeParse({ couponCode: data.get('couponCode') ?? '' });
  const cart = await readRequestCart(ctx.storefront.id);
  if (!parsed.success || !cart) return { ok: false, message: 'No such coupon in your cart.' };
  await writeRequestCart(ctx.storefront.id, { ...cart, couponCodes: cart.couponCodes.filter((c) => c !== parsed.data.couponCode) });
  return { ok: true, redirectTo: '/cart' };
}

/** Where a visitor who hasn't signed in says they are, for the tax preview, and which currency the cart is in. */
export async function updateCartPlaceAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('account');
  const parsed = z.object({ country: countrySchema.nullable(), currency: currencySchema }).safeParse({ country: data.get('country') || null, currency: data.get('currency') ?? '' });
  if (!parsed.success) return invalid(parsed.error, {});
  const cart = await readRequestCart(ctx.storefront.id);
  if (!cart) return { ok: false, message: 'Your cart is empty.' };
  await writeRequestCart(ctx.storefront.id, { ...cart, country: parsed.data.country, currency: parsed.data.currency });
  return { ok: true, redirectTo: '/cart' };
}

export async function placeOrderAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  // Ordering commits the account to pay: the owner's or a full-access member's decision.
  const access = await accountActionAccess('account.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const { ctx, account, actor } = access;
  const terms = data.get('acceptTerms');
  if (terms !== 'on') return { ok: false, message: 'Please accept the terms of service.', fieldErrors: { acceptTerms: ['must be accepted'] } };
  const cart = await readRequestCart(ctx.storefront.id);
  if (!cart || cart.items.length === 0) return { ok: false, message: 'Your cart is empty.' };
  try {
    const placed = await placeOrder(ctx.db, { storefrontId: ctx.storefront.id, customerId: account.id, cart, ip: (await requestMeta()).ip, actor });
    await clearRequestCart(ctx.storefront.id);
    return { ok: true, message: `Order ${placed.orderPublicId} placed.`, redirectTo: `/invoices/${placed.invoicePublicId}` };
  } catch (err) {
    return failed(err, {});
  }
}
