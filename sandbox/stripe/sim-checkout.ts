import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBody, sendEmpty } from '@/sandbox/shared/http';
import type { SimContext } from './sim-api';
import { challengePage, checkoutForm, closedPage, sendCheckoutHtml, type FormState } from './sim-checkout-page';
import type { EventBus } from './sim-events';
import { attachPaymentMethod, confirmPaymentIntent, createPaymentMethod, failPaymentIntent, newPaymentIntent, succeedPaymentIntent, TEST_CARDS } from './sim-payments';
import { getObject, now, put, type Account, type PaymentError, type SimCheckoutSession, type SimSetupIntent } from './sim-state';

// The hosted Checkout page: what the customer sees after our adapter redirects them. Like real Checkout a
// declined card leaves the session open to try again; success redirects to success_url.

const cardForm = z.object({
  card_number: z.string().transform((s) => s.replace(/[\s-]/g, '')).pipe(z.string().regex(/^\d{16}$/, 'Your card number is incomplete.')),
  expiry: z.string().trim().regex(/^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/, 'Your card’s expiration date is incomplete.'),
  cvc: z.string().trim().regex(/^\d{3,4}$/, 'Your card’s security code is incomplete.'),
  name: z.string().trim().min(1, 'Enter the name on the card.').max(200),
});

const AUTH_FAILED: PaymentError = {
  type: 'card_error',
  code: 'payment_intent_authentication_failure',
  message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
};

function find(ctx: SimContext, sessionId: string): { account: Account; session: SimCheckoutSession } | null {
  const account = ctx.sessionAccounts.get(sessionId);
  const session = account ? getObject(account, sessionId, 'checkout.session') : null;
  if (!account || !session) return null;
  if (session.status === 'open' && session.expires_at < now()) session.status = 'expired';
  return { account, session };
}

function description(account: Account, session: SimCheckoutSession): string {
  return account.sessionExtras.get(session.id)?.description ?? '';
}

function render(res: ServerResponse, account: Account, session: SimCheckoutSession, state: FormState, status = 200): void {
  sendCheckoutHtml(res, status, checkoutForm(session, description(account, session), state), session.success_url);
}

function complete(res: ServerResponse, account: Account, bus: EventBus, session: SimCheckoutSession): void {
  session.status = 'complete';
  if (session.mode === 'payment') session.payment_status = 'paid';
  bus.emit(account, 'checkout.session.completed', session);
  sendEmpty(res, 303, { location: session.success_url.replace(/\{CHECKOUT_SESSION_ID\}/g, session.id) });
}

function succeedSetup(account: Account, bus: EventBus, si: SimSetupIntent, pmId: string): void {
  const pm = getObject(account, pmId, 'payment_method');
  if (pm && si.customer) attachPaymentMethod(account, bus, pm, si.customer);
  si.status = 'succeeded';
  si.payment_method = pmId;
  si.last_setup_error = null;
  bus.emit(account, 'setup_intent.succeeded', si);
}

async function pay(req: IncomingMessage, res: ServerResponse, ctx: SimContext, account: Account, session: SimCheckoutSession): Promise<void> {
  const form = Object.fromEntries(new URLSearchParams(await readBody(req, 10_000)));
  const parsed = cardForm.safeParse(form);
  const state: FormState = { error: null, name: String(form.name ?? ''), expiry: String(form.expiry ?? '') };
  if (!parsed.success) return render(res, account, session, { ...state, error: parsed.error.issues[0]?.message ?? 'Check the card details.' }, 400);
  const { card_number: number, expiry, name } = parsed.data;
  if (!TEST_CARDS[number]) return render(res, account, session, { ...state, error: 'Your card number is incorrect. This sandbox takes only the test cards listed below.' }, 400);
  const [mm, yy] = expiry.split('/').map((s) => Number(s.trim()));
  const expMonth = mm ?? 0;
  const expYear = 2000 + (yy ?? 0);
  const today = new Date();
  if (expYear < today.getUTCFullYear() || (expYear === today.getUTCFullYear() && expMonth < today.getUTCMonth() + 1)) {
    return render(res, account, session, { ...state, error: 'Your card’s expiration date is in the past.' }, 400);
  }
  const pm = createPaymentMethod(account, { number, expMonth, expYear, name });
  const challenge = `/stripe/checkout/pay/${encodeURIComponent(session.id)}/authenticate`;

  if (session.mode === 'setup') {
    const si = getObject(account, session.setup_intent ?? '', 'setup_intent');
    if (!si) throw new Error(`setup session ${session.id} lost its SetupIntent`);
    si.payment_method = pm.id;
    // 3184 asks for authentication on every use, setup included; other test cards save without a challenge.
    if (TEST_CARDS[number] === 'requires_authentication') {
      si.status = 'requires_action';
      return sendEmpty(res, 303, { location: challenge });
    }
    succeedSetup(account, ctx.bus, si, pm.id);
    return complete(res, account, ctx.bus, session);
  }

  const extras = account.sessionExtras.get(session.id);
  let pi = session.payment_intent ? getObject(account, session.payment_intent, 'payment_intent') : null;
  if (!pi || pi.status !== 'requires_payment_method') {
    pi = put(account, newPaymentIntent({
      amount: session.amount_total ?? 0,
      currency: session.currency ?? 'eur',
      customer: session.customer,
      paymentMethod: null,
      description: extras?.description ?? null,
      metadata: extras?.intentMetadata ?? {},
      setupFutureUsage: extras?.setupFutureUsage ?? null,
    }));
    session.payment_intent = pi.id;
    ctx.bus.emit(account, 'payment_intent.created', pi);
  }
  const result = confirmPaymentIntent(account, ctx.bus, pi, pm, false);
  if (result === 'requires_action') return sendEmpty(res, 303, { location: challenge });
  if (result !== 'succeeded') return render(res, account, session, { ...state, error: result.message }, 402);
  return complete(res, account, ctx.bus, session);
}

async function authenticate(req: IncomingMessage, res: ServerResponse, ctx: SimContext, account: Account, session: SimCheckoutSession): Promise<void> {
  const form = new URLSearchParams(await readBody(req, 10_000));
  const passed = form.get('result') === 'complete';
  const state: FormState = { error: null, name: '', expiry: '' };
  if (session.mode === 'setup') {
    const si = getObject(account, session.setup_intent ?? '', 'setup_intent');
    if (!si || si.status !== 'requires_action' || !si.payment_method) return sendEmpty(res, 303, { location: `/stripe/checkout/pay/${session.id}` });
    if (passed) {
      succeedSetup(account, ctx.bus, si, si.payment_method);
      return complete(res, account, ctx.bus, session);
    }
    si.status = 'requires_payment_method';
    si.last_setup_error = AUTH_FAILED;
    si.payment_method = null;
    ctx.bus.emit(account, 'setup_intent.setup_failed', si);
    return render(res, account, session, { ...state, error: AUTH_FAILED.message }, 402);
  }
  const pi = session.payment_intent ? getObject(account, session.payment_intent, 'payment_intent') : null;
  const pm = pi?.payment_method ? getObject(account, pi.payment_method, 'payment_method') : null;
  if (!pi || !pm || pi.status !== 'requires_action') return sendEmpty(res, 303, { location: `/stripe/checkout/pay/${session.id}` });
  if (!passed) {
    failPaymentIntent(account, ctx.bus, pi, pm, AUTH_FAILED);
    return render(res, account, session, { ...state, error: AUTH_FAILED.message }, 402);
  }
  if (pi.setup_future_usage && pi.customer) attachPaymentMethod(account, ctx.bus, pm, pi.customer);
  succeedPaymentIntent(account, ctx.bus, pi, pm);
  return complete(res, account, ctx.bus, session);
}

/** Handles /stripe/checkout/pay/:id[/authenticate]; returns false when the path isn't a checkout page. */
export async function handleCheckout(req: IncomingMessage, res: ServerResponse, url: URL, ctx: SimContext): Promise<boolean> {
  const m = /^\/stripe\/checkout\/pay\/([A-Za-z0-9_]+)(\/authenticate)?$/.exec(url.pathname);
  if (!m?.[1]) return false;
  const found = find(ctx, m[1]);
  if (!found) {
    sendCheckoutHtml(res, 404, checkoutNotFound(), null);
    return true;
  }
  const { account, session } = found;
  if (session.status !== 'open') {
    sendCheckoutHtml(res, 410, closedPage(session), null);
    return true;
  }
  const isChallenge = Boolean(m[2]);
  if (req.method === 'GET') {
    if (isChallenge) sendCheckoutHtml(res, 200, challengePage(session, description(account, session)), session.success_url);
    else render(res, account, session, { error: null, name: '', expiry: '' });
  } else if (req.method === 'POST') {
    await (isChallenge ? authenticate(req, res, ctx, account, session) : pay(req, res, ctx, account, session));
  } else {
    sendEmpty(res, 405, { allow: 'GET, POST' });
  }
  return true;
}

function checkoutNotFound(): string {
  return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Checkout not found</title></head><body><main><h1>Checkout not found</h1><p role="status">No checkout session has this id. Start again from the invoice.</p></main></body></html>';
}
