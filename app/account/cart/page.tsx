import Link from 'next/link';
import { UnverifiedEmailNotice } from '@/components/account/unverified-email-notice';
import { SignInForm } from '@/components/auth/sign-in-form';
import { ActionForm, Field } from '@/components/ui/action-form';
import { accountAllows, getSignedInCustomer, requireArea } from '@/lib/auth/request-session';
import { readRequestCart } from '@/lib/cart/request-cart';
import { listEnabledCurrencies } from '@/lib/catalog/public/list-enabled-currencies';
import { kasmOrderFunding } from '@/lib/kasm/kasm-order-funding';
import { cartQuote } from '@/lib/orders/cart-quote';
import { priceCart } from '@/lib/orders/price-cart';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';
import { vatStandingForTax, viesCheckActor } from '@/lib/tax/refresh-vat-standings';
import { taxRelevantVatNumber } from '@/lib/tax/vat-standing';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { registerAction } from '../register/actions';
import { resendVerificationEmailAction } from '../verify-email/actions';
import { signInCustomer } from '../sign-in/actions';
import { applyCouponAction, placeOrderAction, removeCartItemAction, removeCouponAction, updateCartPlaceAction } from './actions';

export default async function CartPage() {
  const ctx = await requireArea('account');
  const brand = await getRequestBrand();
  const signedIn = await getSignedInCustomer();
  const cart = await readRequestCart(ctx.storefront.id);
  const marketing = `//${ctx.host.replace(/^account\./, '')}/pricing`;
  const head = (
    <>
      <BrandLine brand={brand} area="Checkout" className="mb-2" />
      <h1 className="mb-6 text-3xl font-semibold">Your cart</h1>
    </>
  );
  if (!cart || cart.items.length === 0) {
    return (
      <main className="mx-auto max-w-4xl px-6 py-12">
        {head}
        <p>
          Your cart is empty.{' '}
          <a href={marketing} className="text-[var(--brand)] underline">
            See our plans
          </a>
          {signedIn ? (
            <>
              {' '}or go to{' '}
              <Link href="/" className="text-[var(--brand)] underline">
                your account
              </Link>
            </>
          ) : null}
          .
        </p>
      </main>
    );
  }
  const commerce = await getCommerceSettings(ctx.db);
  // The preview prices from the standing placing the order will use, re-checked with VIES when stale.
  const checked = signedIn ? await vatStandingForTax(ctx.db, signedIn.account, { commerce, actor: viesCheckActor('checkout'), storefrontId: ctx.storefront.id }) : null;
  // Only numbers that could be reverse charged are checked; for them anything but confirmed means VAT is charged.
  const vat = commerce.viesEnabled && checked && taxRelevantVatNumber(checked.customer, commerce.sellerCountry) ? checked.standing : null;
  const priced = await priceCart(ctx.db, { cart, customer: checked?.customer ?? null, now: new Date(), collectInvalid: true });
  const quote = await cartQuote(ctx.db, priced);
  const currencies = await listEnabledCurrencies(ctx.db);
  // Hourly desktops are billed after use: the order needs credit or a saved method (placeOrder refuses it too).
  const funding = signedIn && priced.items.some((i) => i.resolved.plan.provisioningModule === 'kasm') ? await kasmOrderFunding(ctx.db, { customerId: signedIn.account.id, currency: cart.currency }) : null;
  const canOrder = priced.invalidItems.length === 0 && quote.rejectedCoupons.length === 0 && priced.unknownCoupons.length === 0 && (funding?.allowed ?? true);

  return (
    <main className="mx-auto max-w-4xl space-y-8 px-6 py-12">
      <div>{head}</div>
      <section aria-label="Items" className="space-y-4">
        {priced.items.map(({ id, resolved }) => (
          <div key={id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex items-start justify-between gap-4">
              <h2 className="font-semibold">{resolved.priced.description}</h2>
              <ActionForm action={removeCartItemAction} submitLabel="Remove" className="flex">
                <input type="hidden" name="itemId" value={id} />
              </ActionForm>
            </div>
            <ul className="mt-2 space-y-1 text-sm">
              {quote.lines
                .filter((l) => l.itemKey === id)
                .map((l, i) => (
                  <li key={i} className="flex justify-between gap-3">
                    <span>{l.description}</span>
                    <span className="whitespace-nowrap">{l.amount}</span>
                  </li>
                ))}
            </ul>
          </div>
        ))}
        {priced.invalidItems.map((item) => (
          <div key={item.id} role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
            <p>
              <strong>{item.planSlug}</strong>: {item.message}
            </p>
            <ActionForm action={removeCartItemAction} submitLabel="Remove" className="mt-2 flex">
              <input type="hidden" name="itemId" value={item.id} />
            </ActionForm>
          </div>
        ))}
      </section>

      <section aria-label="Coupons" className="space-y-2">
        <h2 className="font-semibold">Coupons</h2>
        {cart.couponCodes.map((code) => {
          const applied = quote.appliedCoupons.find((c) => c.code === code);
          const rejected = quote.rejectedCoupons.find((c) => c.code === code);
          return (
            <div key={code} className="flex items-center gap-3 text-sm">
              <span className="font-mono">{code}</span>
              {applied ? <span className="text-green-700">−{applied.discount}</span> : null}
              {rejected ? <span className="text-red-700">{rejected.reason}</span> : null}
              {priced.unknownCoupons.includes(code) ? <span className="text-red-700">does not exist</span> : null}
              <ActionForm action={removeCouponAction} submitLabel="Remove" className="flex">
                <input type="hidden" name="couponCode" value={code} />
              </ActionForm>
            </div>
          );
        })}
        <ActionForm action={applyCouponAction} submitLabel="Apply coupon" className="flex items-end gap-3">
          <Field name="couponCode" label="Coupon code" maxLength={40} className="block w-60 text-sm" />
        </ActionForm>
      </section>

      <section aria-label="Totals" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <dl className="space-y-1 text-sm">
          <div className="flex justify-between">
            <dt>Subtotal{quote.taxInclusive ? ' (before tax)' : ''}</dt>
            <dd>{quote.subtotal}</dd>
          </div>
          {quote.discount ? (
            <div className="flex justify-between text-green-700">
              <dt>Discounts</dt>
              <dd>−{quote.discount}</dd>
            </div>
          ) : null}
          {quote.taxLines.map((t) => (
            <div key={t.label} className="flex justify-between">
              <dt>{t.label}</dt>
              <dd>{t.amount}</dd>
            </div>
          ))}
          <div className="flex justify-between border-t pt-2 text-base font-semibold">
            <dt>Total due today</dt>
            <dd data-testid="cart-total">{quote.total}</dd>
          </div>
        </dl>
        {quote.taxNote ? <p className="mt-2 text-xs text-slate-600">{quote.taxNote}</p> : null}
        {vat === 'rejected' ? (
          <p role="alert" className="mt-2 text-xs text-amber-700">
            The EU VIES service does not list your VAT number {signedIn?.account.taxId}, so VAT is charged. Correct it on your profile if it is wrong.
          </p>
        ) : null}
        {vat === 'unchecked' ? (
          <p role="alert" className="mt-2 text-xs text-amber-700">
            The EU VIES service couldn’t confirm your VAT number {signedIn?.account.taxId} just now, so VAT is charged. We check it again before your next invoice.
          </p>
        ) : null}
        <ActionForm action={updateCartPlaceAction} submitLabel="Update" className="mt-4 flex flex-wrap items-end gap-3 text-sm">
          <label className="block">
            <span className="block font-medium">Currency</span>
            <select name="currency" defaultValue={cart.currency} className="mt-1 rounded border border-slate-300 px-3 py-2">
              {currencies.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code}
                </option>
              ))}
            </select>
          </label>
          {signedIn ? (
            <p className="text-slate-600">Tax is calculated for {signedIn.account.country} from your profile.</p>
          ) : (
            <Field name="country" label="Your country (2-letter code)" maxLength={2} defaultValue={cart.country ?? ''} className="block w-48" />
          )}
        </ActionForm>
      </section>

      {signedIn ? (
        !accountAllows(signedIn, 'account.manage') ? (
          <p role="alert" className="text-sm text-red-700">
            Your access to {signedIn.account.company ?? signedIn.account.name}’s account does not include placing orders. Switch to your own account or ask the owner.
          </p>
        ) : !signedIn.customer.emailVerifiedAt && !signedIn.impersonation ? (
          <UnverifiedEmailNotice email={signedIn.customer.email} doing="placing an order" resend={resendVerificationEmailAction} />
        ) : funding && !funding.allowed ? (
          <p role="alert" className="text-sm text-red-700" data-testid="usage-funding">
            {funding.message}{' '}
            <Link href="/credit" className="text-[var(--brand)] underline">
              Add credit
            </Link>{' '}
            or{' '}
            <Link href="/payment-methods" className="text-[var(--brand)] underline">
              add a payment method
            </Link>
            .
          </p>
        ) : canOrder ? (
          <section aria-label="Place order">
            <ActionForm action={placeOrderAction} submitLabel="Place order" className="space-y-3">
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="acceptTerms" /> I accept the terms of service.
              </label>
            </ActionForm>
          </section>
        ) : (
          <p role="alert" className="text-sm text-red-700">
            Fix the problems above before placing the order.
          </p>
        )
      ) : (
        <section aria-label="Sign in or register" className="grid gap-8 md:grid-cols-2">
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <SignInForm action={signInCustomer} title="Sign in to order" next="/cart" />
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-4 text-2xl font-semibold">New here? Create an account</h2>
            <ActionForm action={registerAction} submitLabel="Create account" className="space-y-3">
              <Field name="name" label="Full name" autoComplete="name" maxLength={120} required />
              <Field name="email" label="Email" type="email" autoComplete="email" maxLength={254} required />
              <Field name="password" label="Password" type="password" autoComplete="new-password" required />
              <div className="grid grid-cols-2 gap-3">
                <Field name="country" label="Country (2-letter code)" maxLength={2} required defaultValue={cart.country ?? ''} />
                <Field name="currency" label="Currency" maxLength={3} required defaultValue={cart.currency} />
              </div>
              <Field name="company" label="Company (optional)" maxLength={160} />
              <Field name="taxId" label="VAT / tax ID (optional)" maxLength={40} />
            </ActionForm>
            <p className="mt-3 text-xs text-slate-500">We email you a link to confirm your address; your cart stays here. Then sign in on the left.</p>
          </div>
        </section>
      )}
    </main>
  );
}
