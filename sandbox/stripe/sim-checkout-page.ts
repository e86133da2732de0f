import type { ServerResponse } from 'node:http';
import { stripeCurrencyRule } from '@/lib/integrations/stripe/money';
import { escapeHtml, page } from '@/sandbox/shared/http';
import type { SimCheckoutSession } from './sim-state';

// HTML for the hosted Checkout pages. Everything from outside goes through escapeHtml.

/** Formats Stripe's amount for display with integer maths only, in Stripe's own decimals for the currency. */
export function formatMinor(amount: number, currency: string): string {
  const code = currency.toUpperCase();
  const digits = stripeCurrencyRule(code).decimals;
  const scale = 10 ** digits;
  const whole = Math.floor(amount / scale);
  const frac = String(amount % scale).padStart(digits, '0');
  return `${code} ${whole}${digits > 0 ? `.${frac}` : ''}`;
}

/**
 * The shared sandbox CSP allows forms to post only to this origin, and browsers apply form-action to the
 * redirect that follows a submit — so Checkout pages also allow the session's success URL origin.
 */
export function sendCheckoutHtml(res: ServerResponse, status: number, html: string, successUrl: string | null): void {
  let origin = '';
  try {
    origin = successUrl ? new URL(successUrl).origin : '';
  } catch {
    origin = '';
  }
  const csp = `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${origin}; base-uri 'none'; frame-ancestors 'none'`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'x-content-type-options': 'nosniff' });
  res.end(html);
}

export interface FormState {
  error: string | null;
  name: string;
  expiry: string;
}

function heading(session: SimCheckoutSession, description: string): string {
  if (session.mode === 'setup') return `<h2>Save a card (${escapeHtml((session.currency ?? '').toUpperCase())})</h2><p>${escapeHtml(description)}</p>`;
  return `<h2>Pay ${escapeHtml(formatMinor(session.amount_total ?? 0, session.currency ?? 'eur'))}</h2><p>${escapeHtml(description)}</p>`;
}

export function checkoutForm(session: SimCheckoutSession, description: string, state: FormState): string {
  const alert = state.error ? `<div role="alert" class="card" style="border-color:#dc2626;color:#991b1b">${escapeHtml(state.error)}</div>` : '';
  const action = `/stripe/checkout/pay/${encodeURIComponent(session.id)}`;
  const button = session.mode === 'setup' ? 'Save card' : 'Pay';
  const cancel = session.cancel_url ? `<a href="${escapeHtml(session.cancel_url)}">Cancel</a>` : '';
  return page(
    'Stripe Checkout (sandbox)',
    `${heading(session, description)}${alert}
<form method="post" action="${escapeHtml(action)}" class="card" style="max-width:420px">
<p><label for="card_number">Card number</label><br><input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required placeholder="4242 4242 4242 4242"></p>
<p><label for="expiry">Expiry (MM/YY)</label><br><input id="expiry" name="expiry" autocomplete="cc-exp" required placeholder="12/34" value="${escapeHtml(state.expiry)}"></p>
<p><label for="cvc">CVC</label><br><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required placeholder="123"></p>
<p><label for="name">Name on card</label><br><input id="name" name="name" autocomplete="cc-name" required value="${escapeHtml(state.name)}"></p>
<p><button type="submit">${button}</button> ${cancel}</p>
</form><p class="muted">Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 9995 is declined, 4000 0027 6000 3184 asks for 3-D Secure. <a href="/stripe">More</a></p>`,
  );
}

export function challengePage(session: SimCheckoutSession, description: string): string {
  const action = `/stripe/checkout/pay/${encodeURIComponent(session.id)}/authenticate`;
  return page(
    '3-D Secure authentication (sandbox)',
    `${heading(session, description)}<p>Your bank asks you to confirm this ${session.mode === 'setup' ? 'card' : 'payment'}.</p>
<form method="post" action="${escapeHtml(action)}" class="card" style="max-width:420px">
<button type="submit" name="result" value="complete">Complete authentication</button>
<button type="submit" name="result" value="fail">Fail authentication</button></form>`,
  );
}

export function closedPage(session: SimCheckoutSession): string {
  const text =
    session.status === 'complete'
      ? 'This checkout session is already complete. Nothing more to pay here.'
      : 'This checkout session has expired. Start again from the invoice.';
  const back = session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Return to the merchant</a></p>` : '';
  return page('Checkout closed', `<p role="status">${escapeHtml(text)}</p>${back}`);
}
